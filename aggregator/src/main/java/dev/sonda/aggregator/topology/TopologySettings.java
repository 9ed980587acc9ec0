package dev.sonda.aggregator.topology;

import dev.sonda.aggregator.AggregatorConfig;
import java.time.Duration;

/**
 * Settings the topology needs, as plain values so that tests can build a topology without
 * Quarkus. {@link AggregatorConfig} documents each one and contains the defaults.
 */
public record TopologySettings(
        Duration chunkMaxAge,
        Duration chunkEvictionInterval,
        Duration retention,
        Duration retentionCheckInterval,
        Duration scanRetention,
        int scanPartitions,
        int executionLogLimit,
        Duration clockSkew) {

    public TopologySettings {
        requirePositive("chunk-max-age", chunkMaxAge);
        requirePositive("chunk-eviction-interval", chunkEvictionInterval);
        requirePositive("retention", retention);
        requirePositive("retention-check-interval", retentionCheckInterval);
        requirePositive("scan-retention", scanRetention);
        if (scanPartitions < 1) {
            throw new IllegalArgumentException("sonda.aggregator.scan-partitions must be at least 1, was "
                    + scanPartitions);
        }
        if (executionLogLimit < 0) {
            throw new IllegalArgumentException("sonda.aggregator.execution-log-limit must not be negative, was "
                    + executionLogLimit);
        }
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new IllegalArgumentException("sonda.aggregator.clock-skew must not be negative, was " + clockSkew);
        }
    }

    public static TopologySettings from(AggregatorConfig config) {
        return new TopologySettings(config.chunkMaxAge(), config.chunkEvictionInterval(), config.retention(),
                config.retentionCheckInterval(), config.scanRetention(), config.scanPartitions(),
                config.executionLogLimit(), config.clockSkew());
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("sonda.aggregator." + key + " must be a positive duration, was "
                    + value);
        }
    }
}
