package io.kafkaaas.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the code under test logged to System.err while it ran. The CLI's logger (slf4j-simple, "System.err") looks
 * System.err up on every line, so swapping it catches log lines that CliRun's own streams do not see.
 */
public final class StderrCapture {
    private StderrCapture() {
    }

    public static String during(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text); // still visible in the test report
        return text;
    }
}
