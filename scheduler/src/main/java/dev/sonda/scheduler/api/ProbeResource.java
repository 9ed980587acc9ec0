package dev.sonda.scheduler.api;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.catalog.ControlDefinition;
import dev.sonda.contracts.messages.ProbeScope;
import dev.sonda.scheduler.planning.ScanPlanner;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /probes}: the catalog's probes, with their scope, controls and whether scans run them. */
@Path("/probes")
public class ProbeResource {

    private final Catalog catalog;
    private final ScanPlanner planner;

    public ProbeResource(Catalog catalog, ScanPlanner planner) {
        this.catalog = catalog;
        this.planner = planner;
    }

    /**
     * One probe.
     *
     * @param enabled whether {@code sonda.scheduler.probes} lets scans run it
     */
    public record ProbeView(String name, String service, ProbeScope scope, boolean enabled, List<String> controls) {
    }

    public record ProbesView(List<ProbeView> probes) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ProbesView probes() {
        return new ProbesView(catalog.probes().values().stream()
                .map(probe -> new ProbeView(probe.name(), probe.service(), probe.scope(),
                        planner.enabledProbes().contains(probe),
                        probe.controls().stream().map(ControlDefinition::id).toList()))
                .toList());
    }
}
