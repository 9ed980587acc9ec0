package dev.sonda.aggregator.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sonda.aggregator.inventory.AccountInventory;
import dev.sonda.aggregator.scoring.Scoring;
import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.aggregator.state.ResultHeader;
import dev.sonda.aggregator.state.ScanEvent;
import dev.sonda.aggregator.state.ScanProgress;
import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.Topics;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.ScanAnnouncement;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The aggregator's Kafka Streams topology.
 *
 * <pre>
 * sonda.results ─► apply-results (chunks, headers, findings, scores) ─┬─► sonda.dead-letter
 *                                                                      └─► task completions ─► repartition by scan id ─┐
 * sonda.scans   ─► decode-announcements (first announcements) ─┬─► sonda.dead-letter                                   ├─► track-scans
 *                                                               └─► announcements ────► repartition by scan id ────────┘
 * </pre>
 *
 * <p>Both input processors decode every record and check it against {@link RecordChecks} before it
 * can change state; a record that fails goes to {@code sonda.dead-letter} with the reason.
 *
 * <p>Every store is a persistent RocksDB store with a changelog topic, so state survives a restart
 * and moves with its task. Processing is at-least-once; each step is idempotent (see
 * {@link ResultProcessor}), so a record processed again after a crash changes nothing.
 */
public final class AggregatorTopology {

    /** Chunks of results still incomplete, keyed {@code resultId|chunkIndex}; value the record's bytes. */
    public static final String CHUNKS_STORE = "result-chunks";
    /** Indices of the received chunks of each incomplete result, keyed by result id. */
    public static final String CHUNK_SETS_STORE = "result-chunk-sets";
    /** Newest result of each (account, region, probe) without its findings, keyed {@code account|region|probe}. */
    public static final String HEADERS_STORE = "result-headers";
    /** Findings of the stored results, keyed {@code account|region|probe|index}. */
    public static final String FINDINGS_STORE = "result-findings";
    /** Scores per account, keyed by account id. */
    public static final String SCORES_STORE = "account-scores";
    /** Progress per scan, keyed by scan id. */
    public static final String SCANS_STORE = "scan-progress";
    /** Task ids counted per scan until it finishes, keyed {@code scanId|taskId}; value the outcome. */
    public static final String SCAN_TASKS_STORE = "scan-tasks";
    /** First announcement of each scan, keyed by scan id, to reject later ones with other values. */
    public static final String ANNOUNCED_SCANS_STORE = "announced-scans";

    /** Name of the repartition topic of task completions: {@code <application.id>-scan-task-completions-repartition}. */
    public static final String COMPLETIONS_REPARTITION = "scan-task-completions";
    /** Name of the repartition topic of announcements: {@code <application.id>-scan-announcements-repartition}. */
    public static final String ANNOUNCEMENTS_REPARTITION = "scan-announcements";

    private AggregatorTopology() {
    }

    /**
     * Builds the topology.
     *
     * @param inventory the accounts whose results are accepted; {@link AccountInventory#anyAccount()} for all
     * @param events receives counts for metrics; {@link AggregatorEvents#NONE} to ignore them
     */
    public static Topology build(TopologySettings settings, MessageCodec codec, Catalog catalog,
            AccountInventory inventory, AggregatorEvents events) {
        ObjectMapper mapper = MessageCodec.newObjectMapper();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(store(CHUNKS_STORE, Serdes.ByteArray()));
        builder.addStateStore(store(CHUNK_SETS_STORE, json(ChunkSet.class, mapper)));
        builder.addStateStore(store(HEADERS_STORE, json(ResultHeader.class, mapper)));
        builder.addStateStore(store(FINDINGS_STORE, json(Finding.class, mapper)));
        builder.addStateStore(store(SCORES_STORE, json(AccountScore.class, mapper)));
        builder.addStateStore(store(SCANS_STORE, json(ScanProgress.class, mapper)));
        builder.addStateStore(store(SCAN_TASKS_STORE, Serdes.String()));
        builder.addStateStore(store(ANNOUNCED_SCANS_STORE, json(ScanAnnouncement.class, mapper)));

        // Records are read as bytes so that no payload can fail deserialization; the processors
        // decode and validate, and route what fails to the dead-letter topic.
        Consumed<byte[], byte[]> raw = Consumed.with(Serdes.ByteArray(), Serdes.ByteArray());
        Scoring scoring = new Scoring(catalog);
        RecordChecks checks = new RecordChecks(settings.clockSkew(), catalog, inventory);
        KStream<byte[], Emitted> fromResults = builder
                .stream(Topics.RESULTS, raw.withName("results-source"))
                .process(() -> new ResultProcessor(settings, codec, scoring, checks, events), Named.as("apply-results"),
                        CHUNKS_STORE, CHUNK_SETS_STORE, HEADERS_STORE, FINDINGS_STORE, SCORES_STORE);
        // The announcement store is keyed by scan id like the records of sonda.scans, whose keys the
        // processor checks, so each scan's first announcement is in the task that reads its records.
        KStream<byte[], Emitted> fromScans = builder
                .stream(Topics.SCANS, raw.withName("scans-source"))
                .process(() -> new AnnouncementProcessor(settings, codec, checks, events),
                        Named.as("decode-announcements"), ANNOUNCED_SCANS_STORE);

        deadLetters(fromResults, "results");
        deadLetters(fromScans, "scans");

        Serde<ScanEvent> scanEventSerde = json(ScanEvent.class, mapper);
        // Both streams go through repartition topics of the same partition count, so that a scan's
        // announcement and its completions meet in the same task, whatever the input topics' counts.
        KStream<String, ScanEvent> completions = scanEvents(fromResults, "results")
                .repartition(Repartitioned.with(Serdes.String(), scanEventSerde)
                        .withName(COMPLETIONS_REPARTITION)
                        .withNumberOfPartitions(settings.scanPartitions()));
        KStream<String, ScanEvent> announcements = scanEvents(fromScans, "scans")
                .repartition(Repartitioned.with(Serdes.String(), scanEventSerde)
                        .withName(ANNOUNCEMENTS_REPARTITION)
                        .withNumberOfPartitions(settings.scanPartitions()));
        completions.merge(announcements, Named.as("merge-scan-events"))
                .process(() -> new ScanProgressProcessor(settings, events), Named.as("track-scans"),
                        SCANS_STORE, SCAN_TASKS_STORE);
        return builder.build();
    }

    private static void deadLetters(KStream<byte[], Emitted> stream, String source) {
        stream.filter((key, value) -> value.isDeadLetter(), Named.as(source + "-dead-letters"))
                .mapValues(Emitted::deadLetterValue, Named.as(source + "-dead-letter-values"))
                .to(Topics.DEAD_LETTER, Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(source + "-dead-letter-sink"));
    }

    private static KStream<String, ScanEvent> scanEvents(KStream<byte[], Emitted> stream, String source) {
        return stream.filter((key, value) -> !value.isDeadLetter(), Named.as(source + "-scan-events"))
                .map((key, value) -> KeyValue.pair(value.scanEvent().scanId(), value.scanEvent()),
                        Named.as(source + "-key-by-scan"));
    }

    private static <V> StoreBuilder<?> store(String name, Serde<V> valueSerde) {
        KeyValueBytesStoreSupplier supplier = Stores.persistentKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), valueSerde);
    }

    private static <T> Serde<T> json(Class<T> type, ObjectMapper mapper) {
        return new ObjectMapperSerde<>(type, mapper);
    }
}
