package dev.sonda.scheduler;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The scheduler's settings, under {@code sonda.scheduler}. */
@ConfigMapping(prefix = "sonda.scheduler")
public interface SchedulerConfig {

    /** The value of {@link #cron()} that turns scheduled scans off. */
    String CRON_OFF = "off";

    /** Upper bound of {@link #publishConcurrency()}: the task emitter's buffer size. */
    int MAX_PUBLISH_CONCURRENCY = 1024;

    /** Path of the accounts inventory (YAML), read again for every scan. */
    Path inventory();

    /**
     * When to start a scan of every account, as a Quartz cron expression such as {@code 0 0 * * * ?}
     * (hourly, in the JVM's time zone), or {@code off}.
     */
    @WithDefault(CRON_OFF)
    String cron();

    /** Probes that scans run, by catalog name; unset means every probe of the catalog. */
    Optional<List<String>> probes();

    /** Time from a scan's start to its deadline, which the announcement and every task carry. */
    @WithDefault("PT1H")
    Duration scanDeadline();

    /**
     * Maximum number of tasks sent to Kafka and not yet acknowledged while a scan is published. Lower
     * values publish large scans more slowly; values above 1024 count as 1024, the emitter's buffer.
     */
    @WithDefault("1024")
    int publishConcurrency();

    /** How long a scan request waits for Kafka to acknowledge the scan announcement before it fails. */
    @WithDefault("PT30S")
    Duration announceTimeout();
}
