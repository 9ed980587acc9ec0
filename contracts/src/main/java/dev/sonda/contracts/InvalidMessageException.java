package dev.sonda.contracts;

/** A message that is not valid JSON, has an unsupported schema version, or breaks its schema. */
public class InvalidMessageException extends RuntimeException {

    public InvalidMessageException(String reason) {
        super(reason);
    }

    public InvalidMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
