package dev.sonda.contracts.catalog;

import java.util.List;

/**
 * One requirement of a framework and the controls that evaluate it.
 *
 * @param section the part of the framework the requirement belongs to, such as
 *     {@code 1 Identity and Access Management} (CIS), {@code AC Access Control} (NIST) or the AWS
 *     service (FSBP); scores are computed per section
 * @param subsection a finer grouping inside the section, such as {@code 2.1 Simple Storage Service
 *     (S3)}, or {@code null} where the framework has none
 * @param level CIS profile level (1 or 2), or {@code null} where the framework has none
 * @param assessment how the framework classifies the requirement, or {@code null} where it does not
 * @param notes why the mapping is what it is, where that is not obvious, or {@code null}
 * @param controls the controls that evaluate the requirement; empty when Sonda does not check it yet
 */
public record Requirement(
        String id,
        String title,
        String section,
        String subsection,
        Integer level,
        Assessment assessment,
        String notes,
        List<String> controls) {

    public Requirement {
        controls = controls == null ? List.of() : List.copyOf(controls);
    }

    /** Returns whether at least one control evaluates this requirement. */
    public boolean checked() {
        return !controls.isEmpty();
    }
}
