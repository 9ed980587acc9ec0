package dev.sonda.contracts.catalog;

import java.util.List;

/**
 * A compliance framework as data: its requirements, each mapped to control ids.
 *
 * @param shortName a label short enough for a table column, such as {@code CIS 5.0.0}
 */
public record Framework(String id, String name, String shortName, String version, List<Requirement> requirements) {

    public Framework {
        requirements = List.copyOf(requirements);
    }
}
