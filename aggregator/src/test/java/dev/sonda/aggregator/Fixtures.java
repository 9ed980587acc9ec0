package dev.sonda.aggregator;

import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.messages.AccountRef;
import dev.sonda.contracts.messages.ExecutionLogEntry;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.contracts.messages.ResultSummary;
import dev.sonda.contracts.messages.ScanAnnouncement;
import dev.sonda.contracts.messages.Severity;
import dev.sonda.contracts.messages.TaskError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Messages for the aggregator's tests, built the way a worker and the scheduler build them. */
public final class Fixtures {

    public static final Instant SCAN_1_AT = Instant.parse("2026-12-01T10:00:00Z");
    public static final Instant SCAN_2_AT = Instant.parse("2026-12-01T11:00:00Z");

    private Fixtures() {
    }

    /** Builds a finding of an SQS control on one queue. */
    public static Finding sqs(String controlId, FindingStatus status, String accountId, String region, String queue) {
        return new Finding(controlId, status, Severity.MEDIUM,
                "arn:aws:sqs:" + region + ":" + accountId + ":" + queue, "AWS::SQS::Queue", region,
                "SQS queue " + queue + " is " + status + " for " + controlId + ".", Map.of("queue", queue));
    }

    /** Builds a completed SQS result; its ids derive from the scan, account, region and completion time. */
    public static ProbeResult sqsResult(String scanId, Instant scanRequestedAt, String accountId, String region,
            Instant completedAt, List<Finding> findings) {
        String taskId = scanId + "." + accountId + "." + region + ".sqs";
        return result(taskId + "." + completedAt.getEpochSecond(), taskId, scanId, scanRequestedAt, accountId,
                region, "sqs", completedAt, ResultOutcome.COMPLETED, findings);
    }

    public static ProbeResult result(String resultId, String taskId, String scanId, Instant scanRequestedAt,
            String accountId, String region, String probe, Instant completedAt, ResultOutcome outcome,
            List<Finding> findings) {
        List<ExecutionLogEntry> log = List.of(new ExecutionLogEntry(completedAt.minusSeconds(2),
                ExecutionLogEntry.API_CALL, "SQS", "ListQueues", 200, null, 1, 35L, null));
        TaskError error = outcome == ResultOutcome.ERROR
                ? new TaskError("ASSUME_ROLE_FAILED", "sts:AssumeRole was denied for the scanner role.") : null;
        return new ProbeResult(resultId, taskId, scanId, scanRequestedAt,
                new AccountRef(accountId, "acct-" + accountId.substring(8), "tenant-a"), region, probe,
                completedAt.minusSeconds(3), completedAt, outcome, error, ResultSummary.of(findings), log, 0,
                findings);
    }

    /** Returns the same result with its account in another tenant. */
    public static ProbeResult withTenant(ProbeResult result, String tenant) {
        AccountRef account = new AccountRef(result.account().id(), result.account().name(), tenant);
        return new ProbeResult(result.resultId(), result.taskId(), result.scanId(), result.scanRequestedAt(), account,
                result.region(), result.probe(), result.startedAt(), result.completedAt(), result.outcome(),
                result.error(), result.summary(), result.executionLog(), result.executionLogDropped(),
                result.findings());
    }

    /** Builds a result of {@code count} SQS.1 findings, every third one failing, each with padded evidence. */
    public static ProbeResult largeSqsResult(String scanId, Instant scanRequestedAt, String accountId, String region,
            Instant completedAt, int count, int evidenceBytes) {
        List<Finding> findings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String queue = "queue-" + i;
            findings.add(new Finding("SQS.1", i % 3 == 0 ? FindingStatus.FAIL : FindingStatus.PASS, Severity.MEDIUM,
                    "arn:aws:sqs:" + region + ":" + accountId + ":" + queue, "AWS::SQS::Queue", region,
                    "SQS queue " + queue + " is checked.", Map.of("padding", "x".repeat(evidenceBytes))));
        }
        return sqsResult(scanId, scanRequestedAt, accountId, region, completedAt, findings);
    }

    public static ScanAnnouncement announcement(String scanId, Instant requestedAt, Instant deadline,
            int expectedTasks) {
        return new ScanAnnouncement(MessageCodec.SCHEMA_VERSION, scanId, "API", requestedAt, deadline, expectedTasks,
                1, List.of("sqs"));
    }
}
