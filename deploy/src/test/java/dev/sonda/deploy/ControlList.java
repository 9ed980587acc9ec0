package dev.sonda.deploy;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.catalog.ControlDefinition;
import dev.sonda.contracts.catalog.Framework;
import dev.sonda.contracts.catalog.FrameworkMapping;
import dev.sonda.contracts.catalog.ProbeDefinition;
import dev.sonda.contracts.messages.ProbeScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the README's list of controls from the catalog. */
final class ControlList {

    private ControlList() {
    }

    /**
     * Renders one table row per control, in catalog order (probes as the index lists them, controls
     * as their file lists them), with a trailing newline.
     */
    static String readmeTable(Catalog catalog) {
        List<String> lines = new ArrayList<>();
        lines.add("| control | probe | checks | severity | frameworks |");
        lines.add("|---|---|---|---|---|");
        for (ProbeDefinition probe : catalog.probes().values()) {
            String where = probe.name() + (probe.scope() == ProbeScope.GLOBAL ? " (global)" : " (per region)");
            for (ControlDefinition control : probe.controls()) {
                lines.add("| " + control.id() + " | " + where + " | " + escape(control.title()) + " | "
                        + control.severity() + " | " + frameworks(catalog, control.id()) + " |");
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** Lists the requirements a control counts toward, grouped by framework in catalog order. */
    private static String frameworks(Catalog catalog, String controlId) {
        Map<String, List<String>> byFramework = new LinkedHashMap<>();
        catalog.frameworks().keySet().forEach(frameworkId -> byFramework.put(frameworkId, new ArrayList<>()));
        for (FrameworkMapping mapping : catalog.mappings(controlId)) {
            byFramework.get(mapping.frameworkId()).add(mapping.requirementId());
        }
        List<String> parts = new ArrayList<>();
        byFramework.forEach((frameworkId, requirements) -> {
            if (!requirements.isEmpty()) {
                Framework framework = catalog.frameworks().get(frameworkId);
                parts.add(framework.shortName() + " " + String.join(", ", requirements));
            }
        });
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
