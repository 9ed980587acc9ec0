package dev.sonda.aggregator.api;

import dev.sonda.aggregator.scoring.FrameworkResult;
import dev.sonda.aggregator.state.FindingCounts;
import dev.sonda.aggregator.state.Scores;
import java.time.Instant;
import java.util.List;

/**
 * One account in {@code GET /accounts/{id}}: its summary, its controls, its results per framework,
 * section and requirement, and its failing findings.
 *
 * @param frameworks one entry per framework of the catalog, computed from {@code controls} when the
 *     request is served
 * @param failingFindings findings with status FAIL, at most {@code sonda.aggregator.api.max-findings}
 * @param failingFindingsTotal every finding with status FAIL, also those past the limit
 */
public record AccountDetail(
        String accountId,
        String name,
        String tenant,
        Scores score,
        Double coverage,
        FindingCounts findings,
        int resultCount,
        Instant lastResultAt,
        List<ControlView> controls,
        List<FrameworkResult> frameworks,
        int failingFindingsTotal,
        List<FindingView> failingFindings) {
}
