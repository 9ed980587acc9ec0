package dev.sonda.scheduler.api;

import java.util.List;

/**
 * Body of {@code POST /scans}. Every field is optional; an absent or empty list selects everything.
 *
 * @param trigger {@code API} (the default) or {@code CLI}, as the scan announcement will carry it
 */
public record ScanRequest(List<String> accounts, List<String> tenants, List<String> probes, List<String> regions,
        String trigger) {
}
