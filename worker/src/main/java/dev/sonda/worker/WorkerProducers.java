package dev.sonda.worker;

import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.catalog.Catalog;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Beans from outside CDI: the clock, the message codec and the control catalog. */
@Singleton
public class WorkerProducers {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Builds the worker's one codec; it is shared because building it compiles every JSON Schema. */
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
}
