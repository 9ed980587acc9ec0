package dev.sonda.aggregator.state;

import java.time.Instant;
import java.util.List;

/**
 * Scores of one account, derived from the newest result of each of its (region, probe) pairs.
 * Recomputed whole whenever one of those results changes; see {@code Scoring}.
 *
 * @param coverage {@code 1 - controls with status ERROR / controls with at least one finding}, or
 *     {@code null} when no control has a finding
 * @param controls every control with at least one finding, ordered by control id
 * @param resultCount number of (region, probe) results the score is built from
 * @param lastResultAt the latest {@code completedAt} among those results
 */
public record AccountScore(
        String accountId,
        String name,
        String tenant,
        Scores score,
        Double coverage,
        FindingCounts findings,
        List<ControlResult> controls,
        int resultCount,
        Instant lastResultAt) {

    public AccountScore {
        controls = controls == null ? List.of() : List.copyOf(controls);
        findings = findings == null ? FindingCounts.EMPTY : findings;
    }
}
