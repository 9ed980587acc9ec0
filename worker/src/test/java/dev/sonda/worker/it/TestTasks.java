package dev.sonda.worker.it;

import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.contracts.messages.TaskAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds scan tasks for tests, each with a fresh task id. */
final class TestTasks {

    static final String ROLE = "SondaScanner";

    private TestTasks() {
    }

    static String roleArn(String accountId) {
        return "arn:aws:iam::" + accountId + ":role/" + ROLE;
    }

    /** Builds a task that assumes {@link #ROLE} in the account, with an hour left before its deadline. */
    static ScanTask task(String accountId, String region, String probe, DisabledControl... disabled) {
        return task(new TaskAccount(accountId, "test-" + accountId, "tests", roleArn(accountId), null), region,
                probe, Instant.now().plus(Duration.ofHours(1)), disabled);
    }

    static ScanTask task(TaskAccount account, String region, String probe, Instant deadline,
            DisabledControl... disabled) {
        return new ScanTask(MessageCodec.SCHEMA_VERSION, "task-" + UUID.randomUUID(), "scan-worker-tests",
                Instant.now(), deadline, account, region, probe, List.of(disabled), List.of());
    }

    /** Builds a global task that lists {@code regions} as the account's regions, as the scheduler does. */
    static ScanTask globalTask(String accountId, String probe, List<String> regions, DisabledControl... disabled) {
        TaskAccount account = new TaskAccount(accountId, "test-" + accountId, "tests", roleArn(accountId), null);
        return new ScanTask(MessageCodec.SCHEMA_VERSION, "task-" + UUID.randomUUID(), "scan-worker-tests",
                Instant.now(), Instant.now().plus(Duration.ofHours(1)), account, ScanTask.GLOBAL_REGION, probe,
                List.of(disabled), regions);
    }
}
