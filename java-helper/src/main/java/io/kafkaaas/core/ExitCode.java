package io.kafkaaas.core;

/** The exit codes of the CLI contract (DESIGN.md); domain failures carry one so the CLI can map them. */
public enum ExitCode {
    OK(0),
    INTERNAL(1),
    USAGE(2),
    NO_FREE_ID(3),
    TIMEOUT(4),
    DATA_SAFETY(5),
    UNREACHABLE(6);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
