package dev.sonda.aggregator.api;

import dev.sonda.aggregator.state.FindingCounts;
import dev.sonda.aggregator.state.Scores;
import java.time.Instant;
import java.util.List;

/**
 * One account in {@code GET /accounts/{id}}: its summary, its controls, and its failing findings.
 *
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
        int failingFindingsTotal,
        List<FindingView> failingFindings) {
}
