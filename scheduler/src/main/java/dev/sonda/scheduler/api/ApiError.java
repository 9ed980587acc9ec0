package dev.sonda.scheduler.api;

import java.util.List;

/**
 * The JSON body of every error response.
 *
 * @param error a stable code: {@code invalid-request}, {@code invalid-inventory} or
 *     {@code kafka-unavailable}
 * @param message one sentence for a person
 * @param errors each problem, naming the offending value; inventory errors carry file, line and path
 */
public record ApiError(String error, String message, List<String> errors) {
}
