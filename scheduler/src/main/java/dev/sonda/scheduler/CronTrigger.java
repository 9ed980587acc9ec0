package dev.sonda.scheduler;

import dev.sonda.contracts.inventory.InventoryException;
import dev.sonda.scheduler.planning.InvalidScanRequestException;
import dev.sonda.scheduler.planning.ScanSelection;
import dev.sonda.scheduler.publishing.ScanPublishException;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Starts a scan of every account on the schedule of {@code sonda.scheduler.cron}. A tick that comes
 * while a scan is still being published is skipped, so that slow publishing never piles up scans.
 */
@ApplicationScoped
public class CronTrigger {

    static final String JOB_ID = "sonda-scan";

    private static final Logger LOG = Logger.getLogger(CronTrigger.class);

    private final Scheduler scheduler;
    private final ScanService scans;
    private final SchedulerMetrics metrics;
    private final SchedulerConfig config;

    public CronTrigger(Scheduler scheduler, ScanService scans, SchedulerMetrics metrics, SchedulerConfig config) {
        this.scheduler = scheduler;
        this.scans = scans;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * Schedules the cron job at startup.
     *
     * @throws IllegalStateException if the cron expression is invalid, which stops the application
     */
    void schedule(@Observes StartupEvent event) {
        String cron = config.cron().strip();
        if (cron.equalsIgnoreCase(SchedulerConfig.CRON_OFF)) {
            LOG.info("Scheduled scans are off (sonda.scheduler.cron=off); start scans with POST /scans");
            return;
        }
        try {
            scheduler.newJob(JOB_ID)
                    .setCron(cron)
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setTask(execution -> tick())
                    .schedule();
        } catch (RuntimeException e) {
            throw new IllegalStateException("sonda.scheduler.cron=" + cron + " is not a valid Quartz cron expression"
                    + " (hourly, for example, is 0 0 * * * ?) nor off: " + e.getMessage(), e);
        }
        LOG.infof("Scheduled scans of every account on cron %s", cron);
    }

    /** Starts one scan of every account, unless a scan is still being published. */
    void tick() {
        int publishing = scans.scansPublishing();
        if (publishing > 0) {
            metrics.cronSkipped();
            LOG.warnf("Cron tick skipped: %d scan(s) still being published", publishing);
            return;
        }
        try {
            scans.start(Trigger.CRON, ScanSelection.all());
        } catch (InventoryException | InvalidScanRequestException | ScanPublishException e) {
            LOG.errorf("Cron scan not started. %s", e.getMessage());
        }
    }
}
