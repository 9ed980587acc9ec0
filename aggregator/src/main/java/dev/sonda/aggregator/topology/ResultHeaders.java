package dev.sonda.aggregator.topology;

import dev.sonda.aggregator.state.ControlTally;
import dev.sonda.aggregator.state.FindingCounts;
import dev.sonda.aggregator.state.ResultHeader;
import dev.sonda.aggregator.state.StatusCounts;
import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.messages.ExecutionLogEntry;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.ProbeResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the stored form of a result: its header, and findings fit for one store record each. */
final class ResultHeaders {

    /**
     * Largest encoded finding stored as is. A finding above it keeps its identity, status and message,
     * but its evidence is replaced by a note, so that its changelog record stays under Kafka's 1 MB.
     */
    static final int MAX_STORED_FINDING_BYTES = 512 * 1024;

    private ResultHeaders() {
    }

    /**
     * Builds the header of a result.
     *
     * @param result the result as stored, without the findings that were dropped
     * @param droppedFindings findings dropped from the result before it was stored
     */
    static ResultHeader of(ProbeResult result, int executionLogLimit, int droppedFindings) {
        Map<String, ControlTally> controls = new TreeMap<>();
        FindingCounts.Builder counts = new FindingCounts.Builder();
        for (Finding finding : result.findings()) {
            controls.merge(finding.controlId(),
                    new ControlTally(finding.severity(), StatusCounts.of(finding.status())), ControlTally::plus);
            counts.add(finding.status(), finding.severity(), 1);
        }
        List<ExecutionLogEntry> log = result.executionLog();
        int dropped = result.executionLogDropped();
        if (log.size() > executionLogLimit) {
            dropped += log.size() - executionLogLimit;
            log = log.subList(0, executionLogLimit);
        }
        return new ResultHeader(result.resultId(), result.taskId(), result.scanId(), result.scanRequestedAt(),
                result.startedAt(), result.completedAt(), result.account(), result.region(), result.probe(),
                result.outcome(), result.error(), result.summary(), result.findings().size(), controls,
                counts.build(), log, dropped, droppedFindings);
    }

    /** Returns the finding as stored: unchanged, or without its evidence when it is too large. */
    static Finding storable(Finding finding, MessageCodec codec) {
        int size = codec.encodedSize(finding);
        if (size <= MAX_STORED_FINDING_BYTES) {
            return finding;
        }
        Map<String, Object> note = Map.of("evidenceOmitted", true, "encodedBytes", size,
                "reason", "The finding exceeded " + MAX_STORED_FINDING_BYTES + " bytes, the aggregator's limit per"
                        + " stored finding.");
        return new Finding(finding.controlId(), finding.status(), finding.severity(), finding.resourceId(),
                finding.resourceType(), finding.region(), finding.message(), note);
    }
}
