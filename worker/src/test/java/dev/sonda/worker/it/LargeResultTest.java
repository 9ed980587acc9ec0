package dev.sonda.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.MessageType;
import dev.sonda.contracts.ResultChunker;
import dev.sonda.contracts.Topics;
import dev.sonda.contracts.messages.AccountRef;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ProbeResultChunk;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.contracts.messages.ResultSummary;
import dev.sonda.contracts.messages.Severity;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import dev.sonda.worker.ResultPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A result of several MB travels as several records, each under the chunk limit, all acknowledged. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class LargeResultTest {

    private static final int FINDINGS = 12_000;

    @Inject
    ResultPublisher publisher;

    private static ProbeResult largeResult() {
        List<Finding> findings = new ArrayList<>(FINDINGS);
        for (int i = 0; i < FINDINGS; i++) {
            String arn = "arn:aws:sqs:eu-west-1:100000000050:queue-with-a-long-descriptive-name-" + i;
            findings.add(new Finding("SQS.1", i % 3 == 0 ? FindingStatus.FAIL : FindingStatus.PASS, Severity.MEDIUM,
                    arn, "AWS::SQS::Queue", "eu-west-1", "SQS queue queue-with-a-long-descriptive-name-" + i
                            + " encrypts messages at rest with SQS-managed keys (SSE-SQS).",
                    Map.of("SqsManagedSseEnabled", "true", "KmsMasterKeyId", "absent")));
        }
        Instant now = Instant.now();
        return new ProbeResult(UUID.randomUUID().toString(), "task-large-" + UUID.randomUUID(), "scan-worker-tests",
                now, new AccountRef("100000000050", "large", "tests"), "eu-west-1", "sqs", now, now,
                ResultOutcome.COMPLETED, null, ResultSummary.of(findings), List.of(), 0, findings);
    }

    @Test
    void multiMegabyteResultIsPublishedInChunks() throws Exception {
        ProbeResult result = largeResult();

        List<ProbeResultChunk> sent = publisher.publish(result);

        MessageCodec codec = new MessageCodec();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        List<ProbeResultChunk> received = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : KafkaTestClient.readAll(Topics.RESULTS)) {
            ProbeResultChunk chunk = codec.decode(record.value(), MessageType.PROBE_RESULT_CHUNK);
            if (chunk.resultId().equals(result.resultId())) {
                records.add(record);
                received.add(chunk);
            }
        }
        long totalBytes = records.stream().mapToLong(record -> record.value().length).sum();
        assertThat(totalBytes).isGreaterThan(3L * 1024 * 1024);
        assertThat(sent.size()).isGreaterThan(10);
        assertThat(records).hasSize(sent.size());
        assertThat(records).allSatisfy(record -> {
            assertThat(record.value().length).isLessThanOrEqualTo(ResultChunker.DEFAULT_MAX_CHUNK_BYTES);
            assertThat(record.key()).isEqualTo("100000000050");
        });
        ProbeResult assembled = ResultChunker.assemble(received);
        assertThat(assembled.findings()).isEqualTo(result.findings());
        assertThat(assembled.summary()).isEqualTo(result.summary());
    }
}
