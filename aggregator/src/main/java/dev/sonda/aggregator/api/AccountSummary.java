package dev.sonda.aggregator.api;

import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.aggregator.state.FindingCounts;
import dev.sonda.aggregator.state.Scores;
import java.time.Instant;

/** One account in {@code GET /accounts}. */
public record AccountSummary(
        String accountId,
        String name,
        String tenant,
        Scores score,
        Double coverage,
        FindingCounts findings,
        int resultCount,
        Instant lastResultAt) {

    static AccountSummary of(AccountScore score) {
        return new AccountSummary(score.accountId(), score.name(), score.tenant(), score.score(), score.coverage(),
                score.findings(), score.resultCount(), score.lastResultAt());
    }
}
