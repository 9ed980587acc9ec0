package dev.sonda.contracts.catalog;

import java.util.List;

/**
 * One requirement of a framework and the controls that evaluate it.
 *
 * @param level CIS profile level (1 or 2), or {@code null} where the framework has none
 * @param assessment {@code AUTOMATED} or {@code MANUAL}, as the framework classifies it
 */
public record Requirement(
        String id,
        String title,
        String section,
        Integer level,
        String assessment,
        List<String> controls) {

    public Requirement {
        controls = controls == null ? List.of() : List.copyOf(controls);
    }
}
