package dev.sonda.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sonda.contracts.DeadLetterHeaders;
import dev.sonda.contracts.Topics;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Invalid task records go to sonda.dead-letter with a reason, and the consumer keeps going. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class DeadLetterTest {

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return await().atMost(KafkaTestClient.RESULT_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> KafkaTestClient.readAll(Topics.DEAD_LETTER).stream()
                        .filter(record -> key.equals(record.key())).findFirst(), found -> found.isPresent())
                .orElseThrow();
    }

    @Test
    void invalidRecordsGoToDeadLetter() {
        String malformedKey = "malformed-" + UUID.randomUUID();
        String futureKey = "future-" + UUID.randomUUID();
        ScanTask valid = TestTasks.task("100000000030", "eu-north-1", "sqs");
        String future = new String(new dev.sonda.contracts.MessageCodec().encode(valid), StandardCharsets.UTF_8)
                .replace("\"schemaVersion\":1", "\"schemaVersion\":99");

        KafkaTestClient.send(malformedKey, "{\"schemaVersion\": 1, \"taskId\": ");
        KafkaTestClient.send(futureKey, future);
        KafkaTestClient.send(valid);

        ConsumerRecord<String, byte[]> malformed = awaitDeadLetter(malformedKey);
        ConsumerRecord<String, byte[]> unknownVersion = awaitDeadLetter(futureKey);
        ProbeResult result = KafkaTestClient.awaitResult(valid.taskId());

        assertThat(header(malformed, DeadLetterHeaders.REASON)).startsWith("Message is not valid JSON");
        assertThat(header(malformed, DeadLetterHeaders.TOPIC)).isEqualTo(Topics.TASKS);
        assertThat(new String(malformed.value(), StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\": 1, \"taskId\": ");
        assertThat(header(unknownVersion, DeadLetterHeaders.REASON)).startsWith("Unsupported schemaVersion 99");
        assertThat(result.taskId()).isEqualTo(valid.taskId());
        assertThat(KafkaTestClient.results(valid.taskId())).hasSize(1);
    }
}
