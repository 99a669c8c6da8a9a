package io.kafkaaas.localcloud;

/** An EC2 API error: the code and message the real service would return, sent as HTTP 400 error XML. */
public final class Ec2Error extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int httpStatus;

    public Ec2Error(String code, String message) {
        this(code, message, 400);
    }

    public Ec2Error(String code, String message, int httpStatus) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
