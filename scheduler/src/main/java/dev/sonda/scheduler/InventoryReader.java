package dev.sonda.scheduler;

import dev.sonda.contracts.inventory.Inventory;
import dev.sonda.contracts.inventory.InventoryException;
import dev.sonda.contracts.inventory.InventoryParser;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Reads the inventory file of {@code sonda.scheduler.inventory} afresh on every call, so that an
 * edited file takes effect at the next scan without a restart, and a broken one starts no scan.
 */
@ApplicationScoped
public class InventoryReader {

    private static final Logger LOG = Logger.getLogger(InventoryReader.class);

    private final SchedulerConfig config;
    private final SchedulerMetrics metrics;

    public InventoryReader(SchedulerConfig config, SchedulerMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Reads and validates the inventory, and records the outcome in the inventory gauges.
     *
     * @throws InventoryException if the file is missing or invalid; it lists every error
     */
    public Inventory read() {
        try {
            Inventory inventory = InventoryParser.load(config.inventory());
            metrics.inventoryRead(inventory.accounts().size());
            return inventory;
        } catch (InventoryException e) {
            metrics.inventoryInvalid(e.errors().size());
            throw e;
        }
    }

    /** Logs the inventory's state at startup; an invalid file does not stop the scheduler. */
    void logAtStartup(@Observes StartupEvent event) {
        try {
            Inventory inventory = read();
            LOG.infof("Inventory %s: %d accounts", config.inventory(), inventory.accounts().size());
        } catch (InventoryException e) {
            LOG.warnf("Scans will be rejected until the inventory %s is fixed. %s", config.inventory(), e.getMessage());
        }
    }

    public String fileName() {
        return String.valueOf(config.inventory().getFileName());
    }
}
