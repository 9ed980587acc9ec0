package dev.sonda.aggregator.state;

import dev.sonda.contracts.messages.AccountRef;
import dev.sonda.contracts.messages.ExecutionLogEntry;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.contracts.messages.ResultSummary;
import dev.sonda.contracts.messages.TaskError;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the aggregator keeps of the newest result of one (account, region, probe) except its
 * findings, which live one per record in the findings store. Kept small so that its changelog
 * record stays far below Kafka's 1 MB limit: per-control counts instead of findings, and an
 * execution log cut to a configured number of entries.
 *
 * @param findingCount number of findings stored under this result's key in the findings store
 * @param controls finding counts per control id
 * @param executionLogDropped log entries left out, by the worker and by the aggregator's cap together
 * @param droppedFindings findings of the result that the aggregator dropped because their control is
 *     not one of the probe's controls in the catalog; neither {@code findingCount}, {@code controls},
 *     {@code findings} nor {@code summary} counts them
 */
public record ResultHeader(
        String resultId,
        String taskId,
        String scanId,
        Instant scanRequestedAt,
        Instant startedAt,
        Instant completedAt,
        AccountRef account,
        String region,
        String probe,
        ResultOutcome outcome,
        TaskError error,
        ResultSummary summary,
        int findingCount,
        Map<String, ControlTally> controls,
        FindingCounts findings,
        List<ExecutionLogEntry> executionLog,
        int executionLogDropped,
        int droppedFindings) {

    public ResultHeader {
        controls = controls == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(controls));
        findings = findings == null ? FindingCounts.EMPTY : findings;
        executionLog = executionLog == null ? List.of() : List.copyOf(executionLog);
    }

    public String resultKey() {
        return ProbeResult.resultKey(account.id(), region, probe);
    }

    /**
     * Returns whether a result with these times replaces this one. A result is newer when its scan
     * was requested later, or when it belongs to the same scan and completed later. Equal times are
     * not newer, so applying the same result twice changes nothing.
     */
    public boolean isReplacedBy(Instant otherScanRequestedAt, Instant otherCompletedAt) {
        int byScan = otherScanRequestedAt.compareTo(scanRequestedAt);
        if (byScan != 0) {
            return byScan > 0;
        }
        return otherCompletedAt.compareTo(completedAt) > 0;
    }
}
