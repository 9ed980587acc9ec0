package dev.sonda.aggregator.scoring;

import dev.sonda.contracts.catalog.Assessment;
import java.util.List;

/**
 * One requirement of a framework in one account.
 *
 * @param subsection {@code null} where the framework has none
 * @param level CIS profile level, or {@code null} where the framework has none
 * @param assessment how the framework classifies the requirement, or {@code null} where it does not
 * @param status the controls' combined status, or MANUAL for a requirement whose assessment is
 *     MANUAL and whose controls have findings
 * @param verdict for a requirement reported as MANUAL, the controls' combined status (such as FAIL),
 *     which does not score; {@code null} for every other requirement
 * @param controls the controls that evaluate the requirement, whether or not they have findings
 */
public record RequirementResult(
        String requirementId,
        String title,
        String section,
        String subsection,
        Integer level,
        Assessment assessment,
        RequirementStatus status,
        RequirementStatus verdict,
        List<String> controls) {
}
