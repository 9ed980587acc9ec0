package dev.sonda.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sonda.aggregator.Fixtures;
import dev.sonda.aggregator.api.AggregatorQueries;
import dev.sonda.aggregator.api.StreamsUnavailableException;
import dev.sonda.aggregator.inventory.AccountInventory;
import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.aggregator.state.ScanProgress;
import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.ResultChunker;
import dev.sonda.contracts.Topics;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ProbeResultChunk;
import dev.sonda.contracts.messages.ScanAnnouncement;
import dev.sonda.testkit.EmbeddedKafka;
import dev.sonda.testkit.SharedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on a real broker: plain {@link KafkaStreams} instances, real RocksDB stores and
 * changelog topics. Each test uses its own application id and account ids, because the topics are
 * shared with the other tests of this JVM.
 */
@Tag("broker")
class BrokerTopologyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Instant COMPLETED_AT = Instant.now().minusSeconds(60);
    private static final TopologySettings SETTINGS = new TopologySettings(Duration.ofHours(1), Duration.ofMinutes(1),
            Duration.ofDays(7), Duration.ofHours(1), Duration.ofDays(7), SharedKafka.PARTITIONS, 50, Duration.ofMinutes(5));

    private final EmbeddedKafka kafka = SharedKafka.get();
    private final MessageCodec codec = new MessageCodec();
    private final String applicationId = "sonda-aggregator-it-" + UUID.randomUUID();

    @TempDir
    Path stateRoot;

    private KafkaStreams streams;

    @AfterEach
    void closeStreams() {
        if (streams != null) {
            close(streams);
        }
    }

    @Test
    void multiMegabyteResultArrivesWhole() throws Exception {
        String account = "4" + uniqueDigits(11);
        ProbeResult result = Fixtures.largeSqsResult("scan-big", COMPLETED_AT.minusSeconds(600), account,
                "eu-west-1", COMPLETED_AT, 12_000, 400);
        assertThat(codec.encodedSize(result)).isGreaterThan(5 * 1024 * 1024);
        List<ProbeResultChunk> chunks = new ResultChunker(codec, ResultChunker.DEFAULT_MAX_CHUNK_BYTES).split(result);
        assertThat(chunks).hasSizeGreaterThan(15);
        assertThat(chunks).allSatisfy(chunk -> assertThat(codec.encodedSize(chunk)).isLessThan(1024 * 1024));

        streams = start(stateRoot.resolve("a"));
        publish(chunks);

        AggregatorQueries queries = new AggregatorQueries(streams);
        AccountScore score = await().atMost(TIMEOUT).until(() -> queries.account(account).orElse(null),
                found -> found != null);
        assertThat(score.findings().total()).isEqualTo(12_000);
        assertThat(score.findings().byStatus()).containsEntry(FindingStatus.FAIL, 4_000L);
        var stored = queries.findings(account, finding -> true, 20_000);
        assertThat(stored.total()).isEqualTo(12_000);
        assertThat(stored.findings().get(11_999).resourceId()).endsWith(":queue-11999");
        assertThat(stored.findings().get(0).evidence()).containsEntry("padding", "x".repeat(400));
    }

    @Test
    void stateSurvivesRestartWithoutLocalState() throws Exception {
        String first = "5" + uniqueDigits(11);
        String second = "6" + uniqueDigits(11);
        String scanId = "scan-restart-" + uniqueDigits(6);
        Instant requested = COMPLETED_AT.minusSeconds(600);
        Path stateDir = stateRoot.resolve("restart");
        streams = start(stateDir);
        publishAnnouncement(Fixtures.announcement(scanId, requested, requested.plusSeconds(7200), 3));
        publish(split(Fixtures.sqsResult(scanId, requested, first, "eu-west-1", COMPLETED_AT, List.of(
                Fixtures.sqs("SQS.1", FindingStatus.PASS, first, "eu-west-1", "q1"),
                Fixtures.sqs("SQS.2", FindingStatus.FAIL, first, "eu-west-1", "q1")))));
        publish(split(Fixtures.sqsResult(scanId, requested, second, "us-east-1", COMPLETED_AT, List.of(
                Fixtures.sqs("SQS.1", FindingStatus.ERROR, second, "us-east-1", "q1")))));

        AggregatorQueries queries = new AggregatorQueries(streams);
        await().atMost(TIMEOUT).until(() -> queries.account(first).isPresent() && queries.account(second).isPresent()
                && queries.scan(scanId).map(scan -> scan.completedTasks() == 2).orElse(false));
        Map<String, AccountScore> before = Map.of(first, queries.account(first).orElseThrow(),
                second, queries.account(second).orElseThrow());
        ScanProgress scanBefore = queries.scan(scanId).orElseThrow();
        var findingsBefore = queries.findings(first, finding -> true, 100);

        close(streams);
        deleteRecursively(stateDir);
        assertThat(stateDir).doesNotExist();

        streams = start(stateDir);
        AggregatorQueries restarted = new AggregatorQueries(streams);
        assertThat(restarted.account(first)).contains(before.get(first));
        assertThat(restarted.account(second)).contains(before.get(second));
        assertThat(restarted.scan(scanId)).contains(scanBefore);
        assertThat(restarted.findings(first, finding -> true, 100)).isEqualTo(findingsBefore);
        assertThat(before.get(second).coverage()).isEqualTo(0.0);
    }

    @Test
    void queriesRejectedBeforeStreamsRun() {
        streams = new KafkaStreams(AggregatorTopology.build(SETTINGS, codec, Catalog.load(),
                AccountInventory.anyAccount(), AggregatorEvents.NONE),
                properties(stateRoot.resolve("idle")));
        AggregatorQueries queries = new AggregatorQueries(streams);

        assertThat(queries.running()).isFalse();
        assertThatThrownBy(queries::accounts)
                .isInstanceOf(StreamsUnavailableException.class)
                .hasMessageContaining("CREATED");
    }

    private KafkaStreams start(Path stateDir) {
        KafkaStreams instance = new KafkaStreams(
                AggregatorTopology.build(SETTINGS, codec, Catalog.load(), AccountInventory.anyAccount(),
                        AggregatorEvents.NONE),
                properties(stateDir));
        instance.start();
        // RUNNING comes after restoration from the changelog topics, so queries then see all state.
        await().atMost(TIMEOUT).until(() -> instance.state() == KafkaStreams.State.RUNNING);
        return instance;
    }

    /** Closes and leaves the group; Kafka Streams sends the leave request for static members only. */
    private static void close(KafkaStreams instance) {
        instance.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
    }

    private Properties properties(Path stateDir) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class);
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class);
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500);
        // A static member that leaves on close lets the next instance take over at once, instead of
        // waiting out the session timeout of the member it replaces.
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "aggregator-0");
        return properties;
    }

    private List<ProbeResultChunk> split(ProbeResult result) {
        return new ResultChunker(codec, ResultChunker.DEFAULT_MAX_CHUNK_BYTES).split(result);
    }

    private void publish(List<ProbeResultChunk> chunks)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (ProbeResultChunk chunk : chunks) {
                producer.send(new ProducerRecord<>(Topics.RESULTS, chunk.account().id(), codec.encode(chunk)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private void publishAnnouncement(ScanAnnouncement announcement)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.SCANS, announcement.scanId(), codec.encode(announcement)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static String uniqueDigits(int length) {
        String digits = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits())).replace("-", "");
        return (digits + "00000000000000000000").substring(0, length);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
