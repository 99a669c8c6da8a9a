package io.kafkaaas.secret;

import io.kafkaaas.core.UsageException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * One decrypted secret. Stores hold text (an SSM parameter, a SecretString) or bytes (a SecretBinary); a keystore
 * kept as text is base64. The value never leaves through {@link #toString}, so a log line or a message that
 * names a secret by accident still shows no byte of it.
 */
public final class Secret {
    /** How the store held the value. */
    public enum Form { TEXT, BINARY }

    private final byte[] value;
    private final Form form;

    public Secret(byte[] value, Form form) {
        this.value = value.clone();
        this.form = form;
    }

    public static Secret text(String value) {
        return new Secret(value.getBytes(StandardCharsets.UTF_8), Form.TEXT);
    }

    public static Secret binary(byte[] value) {
        return new Secret(value, Form.BINARY);
    }

    /** A key or trust store's bytes: binary as stored, text base64-decoded. */
    public byte[] storeBytes(String where) {
        if (form == Form.BINARY) {
            return value.clone();
        }
        try {
            return Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(where + " is text but not base64: store a PKCS12 keystore as base64 text"
                    + " (base64 -w0 kafka.keystore.p12) or as a binary secret");
        }
    }

    /** A password's bytes, as stored, without a trailing newline (a value put from a file often has one). */
    public byte[] passwordBytes(String where) {
        int end = value.length;
        while (end > 0 && (value[end - 1] == '\n' || value[end - 1] == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new UsageException(where + " is empty; put the password there");
        }
        return Arrays.copyOf(value, end);
    }

    @Override
    public String toString() {
        return "Secret[" + form + ", " + value.length + " bytes, value hidden]";
    }
}
