package dev.sonda.contracts.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A compliance framework as data: its requirements, each mapped to control ids.
 *
 * @param shortName a label short enough for a table column, such as {@code CIS 5.0.0}
 * @param requirements in the order of the framework file, which is the framework's own order
 */
public record Framework(String id, String name, String shortName, String version, List<Requirement> requirements) {

    public Framework {
        requirements = List.copyOf(requirements);
    }

    /** Returns the sections of the requirements, each once, in the order they first appear. */
    public List<String> sections() {
        Set<String> sections = new LinkedHashSet<>();
        requirements.forEach(requirement -> sections.add(requirement.section()));
        return List.copyOf(sections);
    }

    public Optional<Requirement> requirement(String requirementId) {
        return requirements.stream().filter(requirement -> requirement.id().equals(requirementId)).findFirst();
    }
}
