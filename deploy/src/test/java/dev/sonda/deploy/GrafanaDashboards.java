package dev.sonda.deploy;

import java.util.stream.Collectors;

/** Wraps a Grafana dashboard's classic JSON model in a Grafana Operator GrafanaDashboard resource. */
final class GrafanaDashboards {

    private GrafanaDashboards() {
    }

    static String customResource(String name, String sourceFile, String dashboardJson) {
        String indentedJson = dashboardJson.strip().lines()
                .map(line -> line.isEmpty() ? line : "    " + line)
                .collect(Collectors.joining("\n"));
        return String.join("\n",
                "# Generated from " + sourceFile + " by GeneratedFilesTest: edit the JSON, then regenerate with",
                "#   ./mvnw -pl deploy test -Dsonda.regenerate=true",
                "# Grafana instances whose label dashboards=grafana matches pick it up (Grafana Operator v5).",
                "# Without the operator, import the JSON file itself into Grafana.",
                "apiVersion: grafana.integreatly.org/v1beta1",
                "kind: GrafanaDashboard",
                "metadata:",
                "  name: " + name,
                "  namespace: sonda",
                "  labels:",
                "    app.kubernetes.io/part-of: sonda",
                "spec:",
                "  instanceSelector:",
                "    matchLabels:",
                "      dashboards: grafana",
                "  json: |",
                indentedJson,
                "");
    }
}
