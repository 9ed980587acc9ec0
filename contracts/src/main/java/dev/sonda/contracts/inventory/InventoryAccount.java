package dev.sonda.contracts.inventory;

import dev.sonda.contracts.messages.DisabledControl;
import java.util.List;

/**
 * One target account of the inventory.
 *
 * @param roleArn role to assume, or {@code null} to scan with the scanner's own credentials
 * @param externalId the role's external id written in the inventory, or {@code null}
 * @param externalIdRef where the worker reads the external id instead ({@code env:NAME} or
 *     {@code file:PATH}), or {@code null}
 * @param regions the regions to scan for regional probes: the account's own, or else the
 *     inventory's {@code defaults.regions}
 */
public record InventoryAccount(
        String id,
        String name,
        String tenant,
        String roleArn,
        String externalId,
        String externalIdRef,
        List<String> regions,
        List<DisabledControl> disabledControls) {

    public InventoryAccount {
        regions = regions == null ? List.of() : List.copyOf(regions);
        disabledControls = disabledControls == null ? List.of() : List.copyOf(disabledControls);
    }
}
