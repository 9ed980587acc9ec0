package dev.sonda.contracts.messages;

import java.time.Instant;
import java.util.List;

/**
 * The whole outcome of one task. It never travels as one record: {@link ResultChunker} splits it
 * into {@link ProbeResultChunk} records that each fit Kafka's 1 MB record limit.
 *
 * @param resultId unique per execution; a result published twice keeps its id
 * @param executionLogDropped log entries left out because the log reached its size cap
 */
public record ProbeResult(
        String resultId,
        String taskId,
        String scanId,
        Instant scanRequestedAt,
        AccountRef account,
        String region,
        String probe,
        Instant startedAt,
        Instant completedAt,
        ResultOutcome outcome,
        TaskError error,
        ResultSummary summary,
        List<ExecutionLogEntry> executionLog,
        int executionLogDropped,
        List<Finding> findings) {

    public ProbeResult {
        executionLog = executionLog == null ? List.of() : List.copyOf(executionLog);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /** The key of the aggregator's latest-result table: a newer result replaces this one whole. */
    public String resultKey() {
        return resultKey(account.id(), region, probe);
    }

    public static String resultKey(String accountId, String region, String probe) {
        return accountId + "|" + region + "|" + probe;
    }
}
