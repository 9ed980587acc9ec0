package dev.sonda.aggregator.topology;

import dev.sonda.aggregator.inventory.AccountInventory;
import dev.sonda.aggregator.metrics.AggregatorMetrics;
import dev.sonda.aggregator.scoring.FrameworkScoring;
import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.aggregator.state.ResultHeader;
import dev.sonda.aggregator.state.ScanProgress;
import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.ResultChunker;
import dev.sonda.contracts.Topics;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ProbeResultChunk;
import dev.sonda.contracts.messages.ScanAnnouncement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The topology in a {@link TopologyTestDriver} with real RocksDB stores, and helpers to feed and read it. */
final class TopologyHarness implements AutoCloseable {

    /** Wall-clock start of the driver: after the fixtures' scans, well within the retention. */
    static final Instant START = Instant.parse("2026-12-01T12:00:00Z");

    static final TopologySettings SETTINGS = new TopologySettings(Duration.ofHours(1), Duration.ofMinutes(1),
            Duration.ofDays(7), Duration.ofHours(1), Duration.ofDays(7), 3, 50, Duration.ofMinutes(5));

    final MessageCodec codec = new MessageCodec();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AggregatorMetrics metrics = new AggregatorMetrics(Catalog.load().probes().keySet(),
            new FrameworkScoring(Catalog.load()), true);
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> results;
    final TestInputTopic<String, byte[]> scans;
    final TestOutputTopic<byte[], byte[]> deadLetters;

    TopologyHarness(Path stateDir) {
        this(stateDir, AccountInventory.anyAccount());
    }

    TopologyHarness(Path stateDir, AccountInventory inventory) {
        metrics.bindTo(registry);
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "sonda-aggregator-test");
        // The test driver never connects; the address only satisfies the configuration check.
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(AggregatorTopology.build(SETTINGS, codec, Catalog.load(), inventory, metrics),
                properties, START);
        results = driver.createInputTopic(Topics.RESULTS, new StringSerializer(), new ByteArraySerializer());
        scans = driver.createInputTopic(Topics.SCANS, new StringSerializer(), new ByteArraySerializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Publishes a result as a worker does: split into chunks, keyed by account id. */
    void publish(ProbeResult result) {
        publish(chunks(result, ResultChunker.DEFAULT_MAX_CHUNK_BYTES));
    }

    void publish(List<ProbeResultChunk> chunks) {
        for (ProbeResultChunk chunk : chunks) {
            results.pipeInput(chunk.account().id(), codec.encode(chunk));
        }
    }

    List<ProbeResultChunk> chunks(ProbeResult result, int maxChunkBytes) {
        return new ResultChunker(codec, maxChunkBytes).split(result);
    }

    /** Publishes one chunk under a chosen record key, as a hostile or broken producer could. */
    void publishWithKey(String key, ProbeResultChunk chunk) {
        results.pipeInput(key, codec.encode(chunk));
    }

    void announce(ScanAnnouncement announcement) {
        scans.pipeInput(announcement.scanId(), codec.encode(announcement));
    }

    void announceWithKey(String key, ScanAnnouncement announcement) {
        scans.pipeInput(key, codec.encode(announcement));
    }

    void publishRaw(String topic, String key, String value) {
        TestInputTopic<String, byte[]> input = topic.equals(Topics.SCANS) ? scans : results;
        input.pipeInput(key, value.getBytes(StandardCharsets.UTF_8));
    }

    AccountScore score(String accountId) {
        KeyValueStore<String, AccountScore> store = driver.getKeyValueStore(AggregatorTopology.SCORES_STORE);
        return store.get(accountId);
    }

    ResultHeader header(String resultKey) {
        KeyValueStore<String, ResultHeader> store = driver.getKeyValueStore(AggregatorTopology.HEADERS_STORE);
        return store.get(resultKey);
    }

    ScanAnnouncement firstAnnouncement(String scanId) {
        KeyValueStore<String, ScanAnnouncement> store = driver.getKeyValueStore(AggregatorTopology.ANNOUNCED_SCANS_STORE);
        return store.get(scanId);
    }

    ScanProgress scan(String scanId) {
        KeyValueStore<String, ScanProgress> store = driver.getKeyValueStore(AggregatorTopology.SCANS_STORE);
        return store.get(scanId);
    }

    List<KeyValue<String, Finding>> findings() {
        return all(AggregatorTopology.FINDINGS_STORE);
    }

    <V> List<KeyValue<String, V>> all(String storeName) {
        KeyValueStore<String, V> store = driver.getKeyValueStore(storeName);
        List<KeyValue<String, V>> entries = new ArrayList<>();
        try (KeyValueIterator<String, V> iterator = store.all()) {
            iterator.forEachRemaining(entries::add);
        }
        return entries;
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        driver.close();
    }
}
