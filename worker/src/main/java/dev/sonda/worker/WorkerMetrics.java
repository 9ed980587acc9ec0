package dev.sonda.worker;

import dev.sonda.contracts.catalog.Catalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every meter of the worker. Tags take values from small fixed sets (probe names of the catalog,
 * service ids, outcomes, error kinds): never an account id, ARN or task id.
 */
@ApplicationScoped
public class WorkerMetrics {

    static final String UNKNOWN_PROBE = "unknown";

    private final MeterRegistry registry;
    private final AtomicInteger tasksInFlight = new AtomicInteger();
    private final AtomicInteger peakTasksInFlight = new AtomicInteger();

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("sonda.worker.tasks.in.flight", tasksInFlight, AtomicInteger::get)
                .description("Tasks this worker is processing, publishing included")
                .baseUnit("tasks")
                .register(registry);
    }

    /** Marks the start of a task; the returned handle ends it. */
    public InFlight taskStarted() {
        int now = tasksInFlight.incrementAndGet();
        peakTasksInFlight.accumulateAndGet(now, Math::max);
        return tasksInFlight::decrementAndGet;
    }

    /** The highest number of tasks in flight at once since the worker started. */
    public int peakTasksInFlight() {
        return peakTasksInFlight.get();
    }

    public void taskFinished(String probe, String outcome, String errorCode, Duration duration) {
        String probeTag = probeTag(probe);
        Counter.builder("sonda.worker.tasks")
                .description("Tasks processed, by probe, result outcome and task error code")
                .tags("probe", probeTag, "outcome", outcome, "error", errorCode == null ? "none" : errorCode)
                .register(registry)
                .increment();
        Timer.builder("sonda.worker.task.duration")
                .description("Time from taking a task to having its result acknowledged by the broker")
                .tags("probe", probeTag)
                .register(registry)
                .record(duration);
    }

    public void deadLettered() {
        Counter.builder("sonda.worker.tasks.dead.lettered")
                .description("Task records sent to the dead-letter topic because they were invalid")
                .register(registry)
                .increment();
    }

    public void publishFailed() {
        Counter.builder("sonda.worker.results.publish.failures")
                .description("Results the broker did not acknowledge in time; their tasks stay unacknowledged")
                .register(registry)
                .increment();
    }

    /**
     * Counts one finished AWS API call.
     *
     * @param outcome {@code success}, or the lowercase error kind
     */
    public void apiCall(String service, String outcome) {
        Counter.builder("sonda.worker.aws.calls")
                .description("AWS API calls, retries not counted separately, by service and outcome")
                .tags("service", service, "outcome", outcome.toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    public void throttledAttempt(String service) {
        Counter.builder("sonda.worker.aws.throttled.attempts")
                .description("HTTP attempts that AWS answered with a throttling error")
                .tags("service", service)
                .register(registry)
                .increment();
    }

    public void budgetWait(String service, long nanos) {
        Timer.builder("sonda.worker.api.budget.wait")
                .description("Time HTTP attempts waited for a token of the API budget")
                .tags("service", service)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** @param outcome {@code success}, or the lowercase error kind */
    public void assumeRole(String outcome) {
        Counter.builder("sonda.worker.sts.assume.role")
                .description("STS AssumeRole calls, by outcome")
                .tags("outcome", outcome.toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    /** Maps probe names outside the catalog to one tag value, so a hostile task cannot add series. */
    static String probeTag(String probe) {
        return probe != null && Catalog.load().probe(probe).isPresent() ? probe : UNKNOWN_PROBE;
    }

    /** Ends one task's in-flight count. */
    @FunctionalInterface
    public interface InFlight extends AutoCloseable {
        @Override
        void close();
    }
}
