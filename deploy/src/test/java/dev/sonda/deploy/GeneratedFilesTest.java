package dev.sonda.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps the files derived from the control catalog in step with it. Run with
 * {@code -Dsonda.regenerate=true} to rewrite them instead of failing.
 */
class GeneratedFilesTest {

    static final String TABLE_START = "<!-- iam-actions:start (generated from the control catalog) -->";
    static final String TABLE_END = "<!-- iam-actions:end -->";
    static final String CONTROLS_START = "<!-- controls:start (generated from the control catalog) -->";
    static final String CONTROLS_END = "<!-- controls:end -->";
    private static final String HOW_TO_FIX = "; regenerate with ./mvnw -pl deploy test -Dsonda.regenerate=true";

    private final Path deploy = Path.of(System.getProperty("sonda.deploy.dir", "."));
    private final Path root = Path.of(System.getProperty("sonda.root.dir", ".."));
    private final boolean regenerate = Boolean.getBoolean("sonda.regenerate");

    @Test
    void scannerPolicyMatchesCatalog() throws IOException {
        Path file = deploy.resolve("iam/sonda-scanner-policy.json");
        String expected = ScannerPolicy.policyJson(Catalog.load());
        if (regenerate) {
            Files.writeString(file, expected);
        }

        assertThat(Files.readString(file)).as(file + " is out of date" + HOW_TO_FIX).isEqualTo(expected);
    }

    @Test
    void readmePermissionListMatchesCatalog() throws IOException {
        assertReadmeBlock(TABLE_START, TABLE_END, ScannerPolicy.readmeTable(Catalog.load()), "permission list");
    }

    @Test
    void readmeControlListMatchesCatalog() throws IOException {
        assertReadmeBlock(CONTROLS_START, CONTROLS_END, ControlList.readmeTable(Catalog.load()), "control list");
    }

    @Test
    void dashboardResourceMatchesJson() throws IOException {
        Path json = deploy.resolve("grafana/sonda-overview.json");
        Path resource = deploy.resolve("kubernetes/70-grafana-dashboard.yaml");
        String expected = GrafanaDashboards.customResource("sonda-overview", "deploy/grafana/sonda-overview.json",
                Files.readString(json));
        if (regenerate) {
            Files.writeString(resource, expected);
        }

        assertThat(Files.readString(resource)).as(resource + " is out of date" + HOW_TO_FIX).isEqualTo(expected);
    }

    @Test
    void controlListNamesEveryControl() {
        Catalog catalog = Catalog.load();
        String table = ControlList.readmeTable(catalog);

        assertThat(table.lines().count()).isEqualTo(catalog.controls().size() + 2);
        for (String controlId : catalog.controls().keySet()) {
            assertThat(table).as(controlId).contains("| " + controlId + " |");
        }
    }

    @Test
    void everyActionIsReadOnly() {
        assertThat(ScannerPolicy.controlsByAction(Catalog.load()).keySet())
                .allSatisfy(action -> assertThat(action).matches("[a-z0-9-]+:(Get|List|Describe|Generate)[A-Za-z]*"));
    }

    /**
     * Compares the README's text between two marker lines with {@code expected}, and rewrites it
     * first when {@code sonda.regenerate} is set.
     */
    private void assertReadmeBlock(String startMarker, String endMarker, String expected, String blockName)
            throws IOException {
        Path readme = root.resolve("README.md");
        String text = Files.readString(readme);
        int start = text.indexOf(startMarker);
        int end = text.indexOf(endMarker);
        assertThat(start).as("README.md has no line " + startMarker).isNotNegative();
        assertThat(end).as("README.md has no line " + endMarker).isGreaterThan(start);

        String current = text.substring(start + startMarker.length() + 1, end);
        if (regenerate && !current.equals(expected)) {
            Files.writeString(readme, text.substring(0, start + startMarker.length() + 1) + expected
                    + text.substring(end));
            current = expected;
        }

        assertThat(current).as("README.md's " + blockName + " is out of date" + HOW_TO_FIX).isEqualTo(expected);
    }
}
