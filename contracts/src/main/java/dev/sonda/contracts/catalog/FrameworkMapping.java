package dev.sonda.contracts.catalog;

/**
 * One framework requirement that a control evaluates, with the requirement's section.
 *
 * @param assessment the requirement's assessment, or {@code null} where the framework gives none
 */
public record FrameworkMapping(String frameworkId, String requirementId, String section, Assessment assessment) {

    /**
     * Returns whether the control's PASS or FAIL counts in the framework's score through this
     * requirement. It counts unless the framework marks the requirement MANUAL, because CIS scores
     * only its automated recommendations.
     */
    public boolean scored() {
        return assessment != Assessment.MANUAL;
    }
}
