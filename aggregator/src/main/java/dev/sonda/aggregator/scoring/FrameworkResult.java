package dev.sonda.aggregator.scoring;

import dev.sonda.aggregator.state.ScoreBreakdown;
import java.util.List;

/**
 * One framework in one account: its score, its sections' scores and the status of each requirement.
 *
 * @param sections in the framework's own order
 * @param requirements in the framework's own order
 */
public record FrameworkResult(
        String frameworkId,
        String name,
        String shortName,
        ScoreBreakdown score,
        List<SectionResult> sections,
        List<RequirementResult> requirements) {
}
