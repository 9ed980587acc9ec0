package dev.sonda.worker.probe;

import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;

/**
 * The outcome of one API call in a collector: the value, or the classified error. Checks decide
 * what the error means for each control (a missing resource may be a FAIL, access denied is an
 * ERROR).
 */
public record Collected<T>(T value, AwsError error) {

    public Collected {
        if ((value == null) == (error == null)) {
            throw new IllegalArgumentException("Exactly one of value and error must be set");
        }
    }

    public static <T> Collected<T> ok(T value) {
        return new Collected<>(value, null);
    }

    public static <T> Collected<T> failed(AwsError error) {
        return new Collected<>(null, error);
    }

    public boolean isOk() {
        return error == null;
    }

    /** Returns whether the call failed with the given AWS error code. */
    public boolean failedWith(String errorCode) {
        return error != null && errorCode.equals(error.errorCode());
    }

    public boolean failedWith(AwsErrorKind kind) {
        return error != null && error.kind() == kind;
    }
}
