package dev.sonda.aggregator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings of the aggregator, under {@code sonda.aggregator}. Kafka Streams' own keys are under {@code kafka-streams}. */
@ConfigMapping(prefix = "sonda.aggregator")
public interface AggregatorConfig {

    /**
     * How long the chunks of an incomplete result are kept. A result whose last chunk has not arrived
     * by then is dropped and counted in {@code sonda_result_chunk_sets_evicted_total}.
     */
    @WithDefault("1h")
    Duration chunkMaxAge();

    /** How often incomplete results are checked against {@link #chunkMaxAge()}. */
    @WithDefault("1m")
    Duration chunkEvictionInterval();

    /**
     * How long a result counts after it completed. An (account, region, probe) that no scan has
     * reported for this long stops counting, for example a region that was turned off.
     */
    @WithDefault("7d")
    Duration retention();

    /**
     * How often stored results and scans are checked against their retention. Each check reads every
     * stored result header, so a shorter interval costs I/O on large fleets.
     */
    @WithDefault("1h")
    Duration retentionCheckInterval();

    /** How long a scan's progress is kept after the scan was requested. */
    @WithDefault("7d")
    Duration scanRetention();

    /**
     * Partitions of the two repartition topics that bring a scan's announcement and its task
     * completions together. Fixed when the topics are first created; changing it later needs an
     * application reset.
     */
    @WithDefault("6")
    int scanPartitions();

    /** Execution log entries kept per stored result; the rest are counted as dropped. */
    @WithDefault("50")
    int executionLogLimit();

    /** How often the per-account and per-scan gauges are rebuilt from the state stores. */
    @WithDefault("10s")
    Duration metricsRefreshInterval();

    /**
     * Whether to export {@code sonda_account_section_compliance_ratio}, one series per account,
     * framework and section (about 30 sections with the bundled catalog). Off by default because
     * 10,000 accounts would make about 300,000 series; the per-tenant section scores are always
     * exported.
     */
    @WithDefault("false")
    boolean accountSectionMetrics();

    /**
     * How far a message's timestamps may lie ahead of the aggregator's wall clock. A result chunk whose
     * {@code scanRequestedAt}, {@code startedAt} or {@code completedAt}, or an announcement whose
     * {@code requestedAt}, lies further ahead is sent to the dead-letter topic: a result dated in the
     * future would otherwise stay the newest of its account, region and probe for good.
     */
    @WithDefault("5m")
    Duration clockSkew();

    /**
     * Accounts inventory file, the same YAML file the scheduler reads. When set, results of accounts
     * that it does not list are sent to the dead-letter topic. The file is read again whenever its
     * modification time or size changes. An invalid new version is logged, and the previous one stays in
     * effect.
     */
    Optional<Path> inventory();

    /** Limits of the REST API. */
    Api api();

    interface Api {

        /** Findings returned at most by one request; a request may ask for fewer with {@code limit}. */
        @WithDefault("5000")
        int maxFindings();

        /** Scans returned at most by {@code GET /scans}. */
        @WithDefault("100")
        int maxScans();
    }
}
