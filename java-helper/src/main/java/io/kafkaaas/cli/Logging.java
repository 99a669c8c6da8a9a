package io.kafkaaas.cli;

/**
 * slf4j-simple, configured before the first logger exists: everything to stderr (stdout is for results),
 * and the ZooKeeper and Curator clients silenced unless --verbose, because their connection-retry warnings
 * would drown the one line that says what is wrong.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean verbose) {
        set("org.slf4j.simpleLogger.logFile", "System.err");
        set("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "info");
        set("org.slf4j.simpleLogger.showDateTime", "true");
        set("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        set("org.slf4j.simpleLogger.showThreadName", "false");
        set("org.slf4j.simpleLogger.showShortLogName", "true");
        set("org.slf4j.simpleLogger.levelInBrackets", "true");
        String thirdParty = verbose ? "info" : "off";
        set("org.slf4j.simpleLogger.log.org.apache.zookeeper", thirdParty);
        set("org.slf4j.simpleLogger.log.org.apache.curator", thirdParty);
        // The Admin client of wait-healthy logs every refused connection while a broker starts; we log progress.
        set("org.slf4j.simpleLogger.log.org.apache.kafka", thirdParty);
        set("org.slf4j.simpleLogger.log.software.amazon.awssdk", verbose ? "debug" : "warn");
    }

    private static void set(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
