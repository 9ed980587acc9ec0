package dev.sonda.contracts;

import dev.sonda.contracts.messages.AccountRef;
import dev.sonda.contracts.messages.ExecutionLogEntry;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.contracts.messages.ResultSummary;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.contracts.messages.Severity;
import dev.sonda.contracts.messages.TaskAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Message fixtures shared by the contract tests. */
final class Samples {

    static final Instant REQUESTED = Instant.parse("2026-12-01T10:00:00Z");

    static ScanTask task() {
        return new ScanTask(1, "task-1", "scan-1", REQUESTED, REQUESTED.plusSeconds(3600),
                new TaskAccount("111111111111", "acme-prod", "acme",
                        "arn:aws:iam::111111111111:role/SondaScanner", "inventory:111111111111"),
                "eu-west-1", "sqs", List.of(), List.of());
    }

    static ProbeResult result(int findingCount, int evidenceBytes) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < findingCount; i++) {
            findings.add(new Finding("SQS.1", i % 3 == 0 ? FindingStatus.FAIL : FindingStatus.PASS, Severity.MEDIUM,
                    "arn:aws:sqs:eu-west-1:111111111111:queue-" + i, "AWS::SQS::Queue", "eu-west-1",
                    "SQS queue queue-" + i + " is checked.", Map.of("padding", "x".repeat(evidenceBytes))));
        }
        List<ExecutionLogEntry> log = List.of(new ExecutionLogEntry(REQUESTED, ExecutionLogEntry.API_CALL, "SQS",
                "ListQueues", 200, null, 1, 12L, null));
        return new ProbeResult("result-1", "task-1", "scan-1", REQUESTED,
                new AccountRef("111111111111", "acme-prod", "acme"), "eu-west-1", "sqs", REQUESTED,
                REQUESTED.plusSeconds(5), ResultOutcome.COMPLETED, null, ResultSummary.of(findings), log, 0, findings);
    }

    private Samples() {
    }
}
