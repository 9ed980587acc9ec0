package dev.sonda.scheduler;

import dev.sonda.contracts.inventory.Inventory;
import dev.sonda.contracts.inventory.InventoryException;
import dev.sonda.scheduler.SchedulerMetrics.RejectReason;
import dev.sonda.scheduler.planning.InvalidScanRequestException;
import dev.sonda.scheduler.planning.ScanPlan;
import dev.sonda.scheduler.planning.ScanPlanner;
import dev.sonda.scheduler.planning.ScanSelection;
import dev.sonda.scheduler.publishing.ScanPublishException;
import dev.sonda.scheduler.publishing.ScanPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Starts scans: reads the inventory, plans the scan, waits for Kafka to acknowledge its
 * announcement, then publishes its tasks in the background.
 */
@ApplicationScoped
public class ScanService {

    private static final Logger LOG = Logger.getLogger(ScanService.class);

    private final InventoryReader inventoryReader;
    private final ScanPlanner planner;
    private final ScanPublisher publisher;
    private final SchedulerMetrics metrics;
    private final SchedulerConfig config;

    public ScanService(InventoryReader inventoryReader, ScanPlanner planner, ScanPublisher publisher,
            SchedulerMetrics metrics, SchedulerConfig config) {
        this.inventoryReader = inventoryReader;
        this.planner = planner;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * Starts a scan and returns once Kafka has acknowledged its announcement. The tasks follow in
     * the background; a failure there is logged and counted in {@code sonda.scheduler.scans.failed}.
     *
     * @throws InventoryException if the inventory file is missing or invalid
     * @throws InvalidScanRequestException if the selection names unknown values or selects no task
     * @throws ScanPublishException if Kafka does not acknowledge the announcement within
     *     {@code sonda.scheduler.announce-timeout}
     */
    public ScanStarted start(Trigger trigger, ScanSelection selection) {
        Inventory inventory;
        try {
            inventory = inventoryReader.read();
        } catch (InventoryException e) {
            metrics.scanRejected(trigger, RejectReason.INVENTORY);
            throw e;
        }
        ScanPlan plan;
        try {
            plan = planner.plan(inventory, selection, trigger, UUID.randomUUID().toString(), Instant.now(),
                    config.scanDeadline());
        } catch (InvalidScanRequestException e) {
            metrics.scanRejected(trigger, RejectReason.REQUEST);
            throw e;
        }

        metrics.scansPublishing().incrementAndGet();
        Duration timeout = config.announceTimeout();
        try {
            publisher.announce(plan).await().atMost(timeout);
        } catch (RuntimeException e) {
            // NOTE: the producer keeps retrying until its delivery.timeout.ms, so the announcement may
            // still arrive; consumers then see a scan whose tasks never come and that ends at its deadline.
            metrics.scansPublishing().decrementAndGet();
            metrics.scanRejected(trigger, RejectReason.KAFKA);
            throw new ScanPublishException("Kafka did not acknowledge the announcement of scan " + plan.scanId()
                    + " within " + timeout + " (" + e + "); no task was published. Check the broker and start"
                    + " the scan again", e);
        }
        metrics.scanStarted(trigger);
        LOG.infof("Scan %s started by %s: %d accounts, %d tasks, probes %s, deadline %s", plan.scanId(), trigger,
                plan.accountCount(), plan.expectedTasks(), plan.probes(), plan.deadline());
        publishTasks(plan);
        return new ScanStarted(plan.scanId(), plan.expectedTasks(), plan.accountCount(), plan.deadline());
    }

    /** Returns the number of scans whose tasks are being published now. */
    public int scansPublishing() {
        return metrics.scansPublishing().get();
    }

    private void publishTasks(ScanPlan plan) {
        long startNanos = System.nanoTime();
        AtomicLong published = new AtomicLong();
        publisher.publishTasks(plan, task -> {
            published.incrementAndGet();
            metrics.taskPublished();
        }).subscribe().with(
                count -> {
                    metrics.scansPublishing().decrementAndGet();
                    LOG.infof("Scan %s: published all %d tasks in %d ms", plan.scanId(), count,
                            Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
                },
                failure -> {
                    metrics.scansPublishing().decrementAndGet();
                    metrics.scanFailed(plan.trigger());
                    LOG.errorf(failure, "Scan %s: publishing stopped after %d of %d tasks, so the scan cannot"
                            + " complete before its deadline %s. Check the Kafka broker and start a new scan",
                            plan.scanId(), published.get(), plan.expectedTasks(), plan.deadline());
                });
    }
}
