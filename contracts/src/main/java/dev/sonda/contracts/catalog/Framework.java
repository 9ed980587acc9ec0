package dev.sonda.contracts.catalog;

import java.util.List;

/** A compliance framework as data: its requirements, each mapped to control ids. */
public record Framework(String id, String name, String version, List<Requirement> requirements) {

    public Framework {
        requirements = List.copyOf(requirements);
    }
}
