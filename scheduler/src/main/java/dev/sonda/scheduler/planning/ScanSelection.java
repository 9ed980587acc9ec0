package dev.sonda.scheduler.planning;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of the inventory a scan covers. Each non-empty filter narrows the scan, and an empty
 * one selects everything.
 *
 * @param accounts account ids to scan
 * @param tenants tenants whose accounts to scan
 * @param probes probe names to run
 * @param regions regions for regional probes; {@code global} in the list selects the global probes,
 *     which a region list without it leaves out
 */
public record ScanSelection(Set<String> accounts, Set<String> tenants, Set<String> probes, Set<String> regions) {

    public ScanSelection {
        accounts = copy(accounts);
        tenants = copy(tenants);
        probes = copy(probes);
        regions = copy(regions);
    }

    /** Selects every account, probe and region. */
    public static ScanSelection all() {
        return new ScanSelection(Set.of(), Set.of(), Set.of(), Set.of());
    }

    public static ScanSelection of(List<String> accounts, List<String> tenants, List<String> probes,
            List<String> regions) {
        return new ScanSelection(toSet(accounts), toSet(tenants), toSet(probes), toSet(regions));
    }

    private static Set<String> toSet(List<String> values) {
        return values == null ? Set.of() : new LinkedHashSet<>(values);
    }

    private static Set<String> copy(Set<String> values) {
        // Keeps the caller's order, so that error messages list values as the request did.
        return values == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }
}
