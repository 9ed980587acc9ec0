package dev.sonda.aggregator;

import dev.sonda.aggregator.inventory.AccountInventory;
import dev.sonda.aggregator.metrics.AggregatorMetrics;
import dev.sonda.aggregator.scoring.FrameworkScoring;
import dev.sonda.aggregator.topology.AggregatorTopology;
import dev.sonda.aggregator.topology.TopologySettings;
import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.catalog.Catalog;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.Topology;

/** CDI producers: the topology that quarkus-kafka-streams runs, and the objects it shares with the REST API. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    @Singleton
    MessageCodec codec() {
        return new MessageCodec();
    }

    @Produces
    @Singleton
    Catalog catalog() {
        return Catalog.load();
    }

    @Produces
    @Singleton
    FrameworkScoring frameworkScoring(Catalog catalog) {
        return new FrameworkScoring(catalog);
    }

    @Produces
    @Singleton
    AggregatorMetrics metrics(MeterRegistry registry, Catalog catalog, FrameworkScoring frameworkScoring,
            AggregatorConfig config) {
        AggregatorMetrics metrics = new AggregatorMetrics(catalog.probes().keySet(), frameworkScoring,
                config.accountSectionMetrics());
        metrics.bindTo(registry);
        return metrics;
    }

    /**
     * Reads the inventory at startup, so that a missing or invalid file stops the application with
     * the file's errors instead of rejecting results later.
     */
    @Produces
    @Singleton
    AccountInventory inventory(AggregatorConfig config) {
        return config.inventory().map(AccountInventory::load).orElseGet(AccountInventory::anyAccount);
    }

    @Produces
    @Singleton
    Topology topology(AggregatorConfig config, MessageCodec codec, Catalog catalog, AccountInventory inventory,
            AggregatorMetrics metrics) {
        return AggregatorTopology.build(TopologySettings.from(config), codec, catalog, inventory, metrics);
    }
}
