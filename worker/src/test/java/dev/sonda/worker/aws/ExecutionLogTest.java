package dev.sonda.worker.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.ExecutionLogEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExecutionLogTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void entriesPastTheCapAreCounted() {
        ExecutionLog log = new ExecutionLog(2, clock);

        log.apiCall("sqs", "ListQueues", 200, null, 1, 12);
        log.handledError("sqs", "GetQueueAttributes", "AccessDenied", "denied");
        log.note("dropped");
        log.note("dropped too");

        assertThat(log.entries()).hasSize(2);
        assertThat(log.dropped()).isEqualTo(2);
        ExecutionLogEntry call = log.entries().get(0);
        assertThat(call.kind()).isEqualTo(ExecutionLogEntry.API_CALL);
        assertThat(call.attempts()).isEqualTo(1);
        assertThat(call.at()).isEqualTo(clock.instant());
        assertThat(log.entries().get(1).kind()).isEqualTo(ExecutionLogEntry.HANDLED_ERROR);
    }

    @Test
    void longMessagesAreCut() {
        ExecutionLog log = new ExecutionLog(10, clock);

        log.note("x".repeat(5000));

        assertThat(log.entries().get(0).message()).hasSize(1000).endsWith("...");
    }

    @Test
    void scopeBindsTheLogToTheThread() {
        ExecutionLog log = new ExecutionLog(10, clock);

        try (TaskScope scope = TaskScope.open(log)) {
            assertThat(TaskScope.current()).containsSame(log);
        }

        assertThat(TaskScope.current()).isEmpty();
    }
}
