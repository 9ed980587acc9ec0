package dev.sonda.contracts.messages;

import java.time.Instant;
import java.util.List;

/**
 * One record of a probe result on {@code sonda.results}, keyed by account id.
 *
 * <p>Every chunk repeats the result's identity. Chunk 0 alone carries the summary and execution
 * log; every chunk carries a slice of the findings. The aggregator applies a result only when all
 * {@code chunkCount} chunks of its {@code resultId} have arrived.
 */
public record ProbeResultChunk(
        int schemaVersion,
        String resultId,
        String taskId,
        String scanId,
        Instant scanRequestedAt,
        AccountRef account,
        String region,
        String probe,
        int chunkIndex,
        int chunkCount,
        Instant startedAt,
        Instant completedAt,
        ResultOutcome outcome,
        TaskError error,
        ResultSummary summary,
        List<ExecutionLogEntry> executionLog,
        Integer executionLogDropped,
        List<Finding> findings) {

    public ProbeResultChunk {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
