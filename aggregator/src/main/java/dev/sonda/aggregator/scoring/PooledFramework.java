package dev.sonda.aggregator.scoring;

import dev.sonda.aggregator.state.ScoreBreakdown;
import java.util.List;

/**
 * One framework over several accounts (the fleet, or one tenant's accounts).
 *
 * @param accounts the number of accounts pooled
 * @param score the accounts' framework breakdowns added up; the score is {@code Σ passed / Σ (passed
 *     + failed)}
 * @param sections in the framework's own order
 */
public record PooledFramework(
        String frameworkId,
        String name,
        String shortName,
        String version,
        int requirements,
        int checkedRequirements,
        int accounts,
        ScoreBreakdown score,
        List<PooledSection> sections) {
}
