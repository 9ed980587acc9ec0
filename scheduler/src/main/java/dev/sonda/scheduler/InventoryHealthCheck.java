package dev.sonda.scheduler;

import dev.sonda.contracts.inventory.Inventory;
import dev.sonda.contracts.inventory.InventoryError;
import dev.sonda.contracts.inventory.InventoryException;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Reports whether the inventory file is valid, at {@code /q/health/well}. It is deliberately not a
 * readiness check: a scheduler with a broken inventory must stay reachable, so that
 * {@code POST /scans} and {@code GET /inventory} can return the errors with their lines.
 */
@Wellness
@ApplicationScoped
public class InventoryHealthCheck implements HealthCheck {

    private final InventoryReader inventoryReader;

    public InventoryHealthCheck(InventoryReader inventoryReader) {
        this.inventoryReader = inventoryReader;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("sonda-inventory")
                .withData("file", inventoryReader.fileName());
        try {
            Inventory inventory = inventoryReader.read();
            return response.up().withData("accounts", inventory.accounts().size()).build();
        } catch (InventoryException e) {
            response.down().withData("errors", e.errors().size());
            if (!e.errors().isEmpty()) {
                InventoryError first = e.errors().get(0);
                response.withData("firstError", first.toString());
            }
            return response.build();
        }
    }
}
