package dev.sonda.aggregator.metrics;

import dev.sonda.aggregator.api.AggregatorQueries;
import dev.sonda.aggregator.api.StreamsUnavailableException;
import dev.sonda.aggregator.state.ScanProgress;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the per-account and per-scan gauges from the state stores on a schedule, and only when
 * the topology reported a change since the last rebuild.
 */
@ApplicationScoped
public class MetricsRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsRefresher.class);

    private final AggregatorQueries queries;
    private final AggregatorMetrics metrics;

    @Inject
    public MetricsRefresher(AggregatorQueries queries, AggregatorMetrics metrics) {
        this.queries = queries;
        this.metrics = metrics;
    }

    @Scheduled(every = "${sonda.aggregator.metrics-refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (!queries.running() || !metrics.takeStateChanged()) {
            return;
        }
        try {
            metrics.updateAccounts(queries.accounts());
            metrics.updateNewestScan(queries.scans().stream().min(ScanProgress.NEWEST_FIRST).orElse(null));
        } catch (StreamsUnavailableException e) {
            metrics.markStale();
            LOG.debug("Gauges not refreshed: {}", e.getMessage());
        } catch (RuntimeException e) {
            metrics.markStale();
            LOG.warn("Refreshing the gauges from the state stores failed; next try in one interval", e);
        }
    }
}
