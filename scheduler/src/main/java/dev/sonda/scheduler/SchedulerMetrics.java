package dev.sonda.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler's meters. Tags are bounded: {@code trigger} takes the values of {@link Trigger} and
 * {@code reason} a fixed set.
 */
@ApplicationScoped
public class SchedulerMetrics {

    /** Reason a scan did not start, as the {@code reason} tag of {@code sonda.scheduler.scans.rejected}. */
    public enum RejectReason {
        /** The inventory file is missing or invalid. */
        INVENTORY,
        /** The request names unknown accounts, tenants, probes or regions, or selects no task. */
        REQUEST,
        /** Kafka did not acknowledge the scan announcement in time. */
        KAFKA
    }

    private final MeterRegistry registry;
    private final Map<Trigger, Counter> started = new EnumMap<>(Trigger.class);
    private final Map<Trigger, Counter> failed = new EnumMap<>(Trigger.class);
    private final Counter tasksPublished;
    private final Counter cronSkipped;
    private final AtomicInteger inventoryErrors = new AtomicInteger();
    private final AtomicInteger inventoryAccounts = new AtomicInteger();
    private final AtomicInteger scansPublishing = new AtomicInteger();

    public SchedulerMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Trigger trigger : Trigger.values()) {
            started.put(trigger, Counter.builder("sonda.scheduler.scans.started")
                    .description("Scans announced on Kafka, by trigger")
                    .tag("trigger", trigger.name())
                    .register(registry));
            failed.put(trigger, Counter.builder("sonda.scheduler.scans.failed")
                    .description("Scans announced whose tasks could not all be published, by trigger")
                    .tag("trigger", trigger.name())
                    .register(registry));
        }
        tasksPublished = Counter.builder("sonda.scheduler.tasks.published")
                .description("Scan tasks acknowledged by the Kafka broker")
                .register(registry);
        cronSkipped = Counter.builder("sonda.scheduler.cron.skipped")
                .description("Cron ticks skipped because a scan was still being published")
                .register(registry);
        Gauge.builder("sonda.scheduler.inventory.errors", inventoryErrors, AtomicInteger::get)
                .description("Errors found in the latest read of the inventory file; 0 when it is valid")
                .register(registry);
        Gauge.builder("sonda.scheduler.inventory.accounts", inventoryAccounts, AtomicInteger::get)
                .description("Accounts in the latest valid read of the inventory file")
                .register(registry);
        Gauge.builder("sonda.scheduler.scans.publishing", scansPublishing, AtomicInteger::get)
                .description("Scans whose tasks are being published now")
                .register(registry);
    }

    public void scanStarted(Trigger trigger) {
        started.get(trigger).increment();
    }

    public void scanRejected(Trigger trigger, RejectReason reason) {
        Counter.builder("sonda.scheduler.scans.rejected")
                .description("Scan requests and cron ticks that started no scan, by trigger and reason")
                .tag("trigger", trigger.name())
                .tag("reason", reason.name())
                .register(registry)
                .increment();
    }

    public void scanFailed(Trigger trigger) {
        failed.get(trigger).increment();
    }

    public void taskPublished() {
        tasksPublished.increment();
    }

    public void cronSkipped() {
        cronSkipped.increment();
    }

    public void inventoryRead(int accounts) {
        inventoryErrors.set(0);
        inventoryAccounts.set(accounts);
    }

    public void inventoryInvalid(int errors) {
        inventoryErrors.set(Math.max(1, errors));
    }

    public AtomicInteger scansPublishing() {
        return scansPublishing;
    }
}
