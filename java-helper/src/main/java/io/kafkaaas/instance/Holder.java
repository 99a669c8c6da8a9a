package io.kafkaaas.instance;

/** How a wait describes the instance that still holds an ENI or a volume: what EC2 says about it, in words. */
public final class Holder {
    private Holder() {
    }

    /** e.g. "i-0cd (running, a live instance; attachment attached)" or "i-0cd (shutting-down; attachment detaching)". */
    public static String label(String instanceId, InstanceState state, String attachmentState) {
        String how = switch (state) {
            case SHUTTING_DOWN, TERMINATED -> state.apiName();
            case UNKNOWN -> "unknown to EC2";
            default -> state.apiName() + ", a live instance";
        };
        return instanceId + " (" + how + "; attachment " + attachmentState + ")";
    }
}
