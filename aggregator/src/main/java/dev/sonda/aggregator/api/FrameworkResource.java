package dev.sonda.aggregator.api;

import dev.sonda.aggregator.scoring.FrameworkScoring;
import dev.sonda.aggregator.scoring.PooledFramework;
import dev.sonda.aggregator.state.AccountScore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Framework and section scores pooled over the fleet or over one tenant's accounts. */
@Path("/frameworks")
@Produces(MediaType.APPLICATION_JSON)
public class FrameworkResource {

    private final AggregatorQueries queries;
    private final FrameworkScoring frameworkScoring;

    @Inject
    public FrameworkResource(AggregatorQueries queries, FrameworkScoring frameworkScoring) {
        this.queries = queries;
        this.frameworkScoring = frameworkScoring;
    }

    /** Lists every framework of the catalog, pooled over all accounts or those of {@code tenant}. */
    @GET
    public List<PooledFramework> list(@QueryParam("tenant") String tenant) {
        return frameworkScoring.pooled(accounts(tenant));
    }

    @GET
    @Path("{frameworkId}")
    public PooledFramework get(@PathParam("frameworkId") String frameworkId, @QueryParam("tenant") String tenant) {
        return frameworkScoring.pooled(accounts(tenant)).stream()
                .filter(framework -> framework.frameworkId().equals(frameworkId))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("Framework " + frameworkId
                        + " is not in the catalog. GET /frameworks lists the frameworks."));
    }

    private List<AccountScore> accounts(String tenant) {
        return queries.accounts().stream()
                .filter(score -> tenant == null || tenant.equals(score.tenant()))
                .toList();
    }
}
