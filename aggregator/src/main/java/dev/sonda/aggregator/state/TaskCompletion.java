package dev.sonda.aggregator.state;

import dev.sonda.contracts.messages.ResultOutcome;
import java.time.Instant;

/**
 * A task whose result reached the aggregator whole, applied or ignored as stale or duplicate.
 *
 * @param completedAt the result's {@code completedAt}, as the worker recorded it
 */
public record TaskCompletion(String scanId, String taskId, String resultId, ResultOutcome outcome,
        Instant completedAt) {
}
