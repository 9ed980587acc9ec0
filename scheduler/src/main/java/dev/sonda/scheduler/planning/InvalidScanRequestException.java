package dev.sonda.scheduler.planning;

import java.util.List;

/** A scan request that names unknown accounts, tenants, probes or regions, or selects no task. */
public class InvalidScanRequestException extends RuntimeException {

    private final List<String> errors;

    public InvalidScanRequestException(List<String> errors) {
        super("Invalid scan request: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    /** Returns one message per problem, each naming the offending value. */
    public List<String> errors() {
        return errors;
    }
}
