package dev.sonda.scheduler;

import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.scheduler.planning.ScanPlanner;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** CDI producers for the shared, thread-safe helpers of the contracts module. */
public class SchedulerBeans {

    @Produces
    @Singleton
    MessageCodec messageCodec() {
        return new MessageCodec();
    }

    @Produces
    @Singleton
    Catalog catalog() {
        return Catalog.load();
    }

    /**
     * Creates the planner for the probes of {@code sonda.scheduler.probes}; an unknown probe name
     * there fails the application's start.
     */
    @Produces
    @Singleton
    ScanPlanner scanPlanner(Catalog catalog, SchedulerConfig config) {
        return new ScanPlanner(catalog, config.probes().orElse(List.of()));
    }
}
