package dev.sonda.aggregator.api;

import dev.sonda.aggregator.state.ScanProgress;
import dev.sonda.aggregator.state.ScanState;
import java.time.Instant;

/**
 * Progress of one scan as the REST API returns it.
 *
 * @param progress completed / expected tasks in 0..1; {@code null} before the announcement
 */
public record ScanView(
        String scanId,
        ScanState state,
        String trigger,
        Instant requestedAt,
        Instant deadline,
        Integer expectedTasks,
        Integer accountCount,
        long completedTasks,
        long erroredTasks,
        Double progress,
        Instant firstResultAt,
        Instant lastResultAt,
        Instant finishedAt) {

    static ScanView of(ScanProgress scan, Instant now) {
        return new ScanView(scan.scanId(), scan.state(now), scan.trigger(), scan.requestedAt(), scan.deadline(),
                scan.expectedTasks(), scan.accountCount(), scan.completedTasks(), scan.erroredTasks(),
                scan.progress(), scan.firstResultAt(), scan.lastResultAt(), scan.finishedAt());
    }
}
