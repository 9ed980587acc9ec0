package dev.sonda.aggregator.scoring;

import dev.sonda.aggregator.state.ScoreBreakdown;
import java.util.Map;

/**
 * One section of a framework in one account.
 *
 * @param score the section's controls counted by status: each control mapped to at least one
 *     requirement of the section counts once
 * @param requirements the section's requirements counted by status; every status is present
 */
public record SectionResult(String section, ScoreBreakdown score, Map<RequirementStatus, Integer> requirements) {
}
