package dev.sonda.contracts.messages;

import java.time.Instant;

/**
 * One line of a probe's execution log: an AWS API call, or an exception the probe handled.
 *
 * @param kind {@code API_CALL}, {@code HANDLED_ERROR} or {@code NOTE}
 * @param attempts HTTP attempts the SDK made, retries included
 */
public record ExecutionLogEntry(
        Instant at,
        String kind,
        String service,
        String operation,
        Integer httpStatus,
        String errorCode,
        Integer attempts,
        Long durationMs,
        String message) {

    public static final String API_CALL = "API_CALL";
    public static final String HANDLED_ERROR = "HANDLED_ERROR";
    public static final String NOTE = "NOTE";
}
