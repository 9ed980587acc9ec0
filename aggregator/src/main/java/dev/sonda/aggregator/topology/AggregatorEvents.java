package dev.sonda.aggregator.topology;

import dev.sonda.aggregator.state.ResultHeader;

/**
 * Callbacks through which the topology reports its work, for metrics. Methods run on Kafka Streams
 * threads and must return quickly. The default methods do nothing.
 */
public interface AggregatorEvents {

    AggregatorEvents NONE = new AggregatorEvents() {
    };

    /** Reason a complete result changed nothing. */
    enum IgnoreReason {
        /** The stored result of the same (account, region, probe) is newer. */
        OLDER,
        /** The stored result is this very result, applied before. */
        DUPLICATE,
        /** The result completed longer ago than the retention. */
        EXPIRED
    }

    default void resultApplied(ResultHeader header) {
    }

    default void resultIgnored(IgnoreReason reason) {
    }

    default void deadLettered(String topic) {
    }

    /** Findings of an applied result were dropped because their control is not one of the probe's controls. */
    default void findingsDropped(String probe, int count) {
    }

    default void chunkSetsEvicted(int count) {
    }

    default void resultsExpired(int count) {
    }

    /** Some account score or scan progress changed, so gauges built from the stores are out of date. */
    default void stateChanged() {
    }
}
