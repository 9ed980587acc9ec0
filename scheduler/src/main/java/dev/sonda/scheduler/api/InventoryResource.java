package dev.sonda.scheduler.api;

import dev.sonda.contracts.inventory.Inventory;
import dev.sonda.contracts.inventory.InventoryAccount;
import dev.sonda.contracts.inventory.InventoryException;
import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.scheduler.InventoryReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;

/** {@code GET /inventory}: the accounts a scan would cover, without external ids or their references. */
@Path("/inventory")
public class InventoryResource {

    private static final Logger LOG = Logger.getLogger(InventoryResource.class);

    private final InventoryReader inventoryReader;

    public InventoryResource(InventoryReader inventoryReader) {
        this.inventoryReader = inventoryReader;
    }

    /** One account as the API shows it: no external id and no reference to one. */
    public record AccountView(String id, String name, String tenant, String roleArn, List<String> regions,
            List<DisabledControl> disabledControls) {

        static AccountView of(InventoryAccount account) {
            return new AccountView(account.id(), account.name(), account.tenant(), account.roleArn(),
                    account.regions(), account.disabledControls());
        }
    }

    public record InventoryView(String file, List<AccountView> accounts) {
    }

    /** Returns 200 with the accounts, or 500 with the errors when the inventory file is invalid. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response inventory() {
        try {
            Inventory inventory = inventoryReader.read();
            return Response.ok(new InventoryView(inventoryReader.fileName(),
                    inventory.accounts().stream().map(AccountView::of).toList())).build();
        } catch (InventoryException e) {
            LOG.warnf("GET /inventory failed because the inventory is invalid. %s", e.getMessage());
            return ScanResource.inventoryError(Response.Status.INTERNAL_SERVER_ERROR, inventoryReader.fileName(), e,
                    "; fix the file, which the scheduler reads again on every request.");
        }
    }
}
