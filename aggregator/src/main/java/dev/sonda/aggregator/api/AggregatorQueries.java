package dev.sonda.aggregator.api;

import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.aggregator.state.ScanProgress;
import dev.sonda.aggregator.topology.AggregatorTopology;
import dev.sonda.aggregator.topology.StoreKeys;
import dev.sonda.contracts.messages.Finding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the aggregator's state stores through Kafka Streams interactive queries.
 *
 * <p>Queries see only the stores of this instance. With one instance that is all of the state.
 * NOTE: with several instances each one owns some partitions, and queries are not routed to the
 * instance that owns a key yet, so run one instance until they are.
 */
@ApplicationScoped
public class AggregatorQueries {

    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    private final KafkaStreams streams;

    @Inject
    public AggregatorQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    public boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Returns every account with a score, in no particular order. */
    public List<AccountScore> accounts() {
        return query(AggregatorTopology.SCORES_STORE, (ReadOnlyKeyValueStore<String, AccountScore> store) -> {
            List<AccountScore> accounts = new ArrayList<>();
            try (KeyValueIterator<String, AccountScore> iterator = store.all()) {
                iterator.forEachRemaining(entry -> accounts.add(entry.value));
            }
            return accounts;
        });
    }

    public Optional<AccountScore> account(String accountId) {
        return query(AggregatorTopology.SCORES_STORE,
                (ReadOnlyKeyValueStore<String, AccountScore> store) -> Optional.ofNullable(store.get(accountId)));
    }

    /**
     * Returns an account's stored findings that match a filter, in key order (region, probe, then
     * the order within the result), at most {@code limit} of them, with the number that matched.
     */
    public FindingPage findings(String accountId, Predicate<Finding> filter, int limit) {
        return query(AggregatorTopology.FINDINGS_STORE, (ReadOnlyKeyValueStore<String, Finding> store) -> {
            List<FindingView> page = new ArrayList<>();
            int total = 0;
            try (KeyValueIterator<String, Finding> iterator =
                    store.prefixScan(StoreKeys.accountPrefix(accountId), KEY_SERIALIZER)) {
                while (iterator.hasNext()) {
                    KeyValue<String, Finding> entry = iterator.next();
                    if (!filter.test(entry.value)) {
                        continue;
                    }
                    total++;
                    if (page.size() < limit) {
                        page.add(FindingView.of(entry.value, probeOf(entry.key)));
                    }
                }
            }
            return new FindingPage(total, page);
        });
    }

    /** Returns every stored scan, in no particular order. */
    public List<ScanProgress> scans() {
        return query(AggregatorTopology.SCANS_STORE, (ReadOnlyKeyValueStore<String, ScanProgress> store) -> {
            List<ScanProgress> scans = new ArrayList<>();
            try (KeyValueIterator<String, ScanProgress> iterator = store.all()) {
                iterator.forEachRemaining(entry -> scans.add(entry.value));
            }
            return scans;
        });
    }

    public Optional<ScanProgress> scan(String scanId) {
        return query(AggregatorTopology.SCANS_STORE,
                (ReadOnlyKeyValueStore<String, ScanProgress> store) -> Optional.ofNullable(store.get(scanId)));
    }

    private <V, R> R query(String storeName, Function<ReadOnlyKeyValueStore<String, V>, R> reader) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new StreamsUnavailableException("The aggregator's Kafka Streams state is " + state
                    + ", not RUNNING; retry once it has caught up.");
        }
        try {
            ReadOnlyKeyValueStore<String, V> store = streams.store(
                    StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
            return reader.apply(store);
        } catch (InvalidStateStoreException e) {
            throw new StreamsUnavailableException("Store " + storeName + " cannot be queried now (" + e.getMessage()
                    + "); retry in a few seconds.", e);
        }
    }

    /** Extracts the probe from a findings key {@code account|region|probe|index}. */
    private static String probeOf(String findingKey) {
        String[] parts = findingKey.split("\\|");
        return parts.length == 4 ? parts[2] : null;
    }
}
