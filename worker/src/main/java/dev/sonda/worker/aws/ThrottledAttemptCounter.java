package dev.sonda.worker.aws;

import dev.sonda.worker.WorkerMetrics;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts HTTP attempts that AWS throttled, from the SDK's per-attempt metrics. An interceptor only
 * sees the final outcome of a call, and throttles that a retry overcame would go unseen.
 */
final class ThrottledAttemptCounter implements MetricPublisher {

    /** The value of {@link CoreMetric#ERROR_TYPE} for throttling errors, as the SDK documents it. */
    private static final String THROTTLING = "Throttling";

    private final String service;
    private final WorkerMetrics metrics;

    ThrottledAttemptCounter(String service, WorkerMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public void publish(MetricCollection call) {
        call.childrenWithName("ApiCallAttempt").forEach(attempt -> {
            if (attempt.metricValues(CoreMetric.ERROR_TYPE).contains(THROTTLING)) {
                metrics.throttledAttempt(service);
            }
        });
    }

    @Override
    public void close() {
    }
}
