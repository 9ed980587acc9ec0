package dev.sonda.aggregator.api;

import dev.sonda.aggregator.AggregatorConfig;
import dev.sonda.aggregator.scoring.FrameworkScoring;
import dev.sonda.aggregator.scoring.Scoring;
import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.catalog.ControlDefinition;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Scores, controls and findings per account. */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private final AggregatorQueries queries;
    private final Catalog catalog;
    private final FrameworkScoring frameworkScoring;
    private final AggregatorConfig config;

    @Inject
    public AccountResource(AggregatorQueries queries, Catalog catalog, FrameworkScoring frameworkScoring,
            AggregatorConfig config) {
        this.queries = queries;
        this.catalog = catalog;
        this.frameworkScoring = frameworkScoring;
        this.config = config;
    }

    /** Lists every account with a score, by tenant, name and id; {@code tenant} keeps one tenant's. */
    @GET
    public List<AccountSummary> list(@QueryParam("tenant") String tenant) {
        return queries.accounts().stream()
                .filter(score -> tenant == null || tenant.equals(score.tenant()))
                .sorted(Scoring.LISTING_ORDER)
                .map(AccountSummary::of)
                .toList();
    }

    @GET
    @Path("{accountId}")
    public AccountDetail get(@PathParam("accountId") String accountId) {
        AccountScore score = require(accountId);
        List<ControlView> controls = score.controls().stream()
                .map(control -> new ControlView(control.controlId(),
                        catalog.control(control.controlId()).map(ControlDefinition::title).orElse(null),
                        control.severity(), control.status(), control.counts()))
                .toList();
        FindingPage failing = queries.findings(accountId, finding -> finding.status() == FindingStatus.FAIL,
                config.api().maxFindings());
        return new AccountDetail(score.accountId(), score.name(), score.tenant(), score.score(), score.coverage(),
                score.findings(), score.resultCount(), score.lastResultAt(), controls,
                frameworkScoring.results(score.controls()), failing.total(), failing.findings());
    }

    /**
     * Lists an account's findings, optionally of one status and one control.
     *
     * @param status {@code PASS}, {@code FAIL}, {@code NOT_APPLICABLE}, {@code ERROR} or {@code MANUAL}, in
     *     any case
     * @param limitParameter findings to return at most, an integer of at least 1; capped at
     *     {@code sonda.aggregator.api.max-findings}
     */
    @GET
    @Path("{accountId}/findings")
    public FindingPage findings(@PathParam("accountId") String accountId, @QueryParam("status") String status,
            @QueryParam("controlId") String controlId, @QueryParam("limit") String limitParameter) {
        FindingStatus requested = parseStatus(status);
        Integer limit = QueryParameters.limit(limitParameter);
        int max = config.api().maxFindings();
        int effectiveLimit = limit == null ? max : Math.min(limit, max);
        require(accountId);
        Predicate<Finding> filter = finding -> (requested == null || finding.status() == requested)
                && (controlId == null || controlId.equals(finding.controlId()));
        return queries.findings(accountId, filter, effectiveLimit);
    }

    private AccountScore require(String accountId) {
        return queries.account(accountId).orElseThrow(() -> ApiException.notFound("Account " + accountId
                + " has no stored results. GET /accounts lists the accounts that have."));
    }

    private static FindingStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return FindingStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("status " + status + " is not one of "
                    + Arrays.toString(FindingStatus.values()));
        }
    }
}
