package dev.sonda.aggregator.api;

import dev.sonda.aggregator.AggregatorConfig;
import dev.sonda.aggregator.state.ScanProgress;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Progress of scans. */
@Path("/scans")
@Produces(MediaType.APPLICATION_JSON)
public class ScanResource {

    private final AggregatorQueries queries;
    private final AggregatorConfig config;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public ScanResource(AggregatorQueries queries, AggregatorConfig config) {
        this.queries = queries;
        this.config = config;
    }

    /**
     * Lists the newest scans first.
     *
     * @param limitParameter scans to return at most, an integer of at least 1; capped at
     *     {@code sonda.aggregator.api.max-scans}
     */
    @GET
    public List<ScanView> list(@QueryParam("limit") String limitParameter) {
        Integer limit = QueryParameters.limit(limitParameter);
        int max = config.api().maxScans();
        Instant now = clock.instant();
        return queries.scans().stream()
                .sorted(ScanProgress.NEWEST_FIRST)
                .limit(limit == null ? max : Math.min(limit, max))
                .map(scan -> ScanView.of(scan, now))
                .toList();
    }

    @GET
    @Path("{scanId}")
    public ScanView get(@PathParam("scanId") String scanId) {
        ScanProgress scan = queries.scan(scanId).orElseThrow(() -> ApiException.notFound("Scan " + scanId
                + " is unknown: neither its announcement nor any of its results has arrived."));
        return ScanView.of(scan, clock.instant());
    }
}
