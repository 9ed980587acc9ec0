package dev.sonda.aggregator.scoring;

import dev.sonda.aggregator.state.ScoreBreakdown;

/**
 * One section of a framework over several accounts.
 *
 * @param requirements the section's requirements in the catalog
 * @param checkedRequirements those of them that at least one control evaluates
 * @param score the accounts' section breakdowns added up; the score is {@code Σ passed / Σ (passed +
 *     failed)}
 */
public record PooledSection(String section, int requirements, int checkedRequirements, ScoreBreakdown score) {
}
