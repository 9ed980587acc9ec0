package dev.sonda.cli;

import dev.sonda.contracts.catalog.Assessment;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.catalog.FrameworkMapping;
import dev.sonda.contracts.catalog.ProbeDefinition;
import dev.sonda.contracts.messages.ProbeScope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo estate's expected control statuses (from {@code demo-expected-statuses.tsv}) and the
 * scores they imply, computed here independently of the aggregator's code as a test oracle.
 */
final class DemoExpectations {

    static final List<String> ACCOUNTS = List.of("111111111111", "222222222222", "333333333333");

    /** Control counts by status for one account and framework, and the score they give. */
    record Score(Double score, int passed, int failed, int error, int notApplicable, int manual) {
    }

    private DemoExpectations() {
    }

    /** Returns, per account id, the expected status of every control of the catalog. */
    static Map<String, Map<String, String>> statuses() throws IOException {
        Map<String, Map<String, String>> byAccount = new LinkedHashMap<>();
        ACCOUNTS.forEach(account -> byAccount.put(account, new TreeMap<>()));
        try (InputStream in = DemoExpectations.class.getResourceAsStream("/demo-expected-statuses.tsv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length != ACCOUNTS.size() + 1) {
                    throw new IllegalStateException("demo-expected-statuses.tsv: expected "
                            + (ACCOUNTS.size() + 1) + " tab-separated columns in: " + line);
                }
                for (int i = 0; i < ACCOUNTS.size(); i++) {
                    byAccount.get(ACCOUNTS.get(i)).put(columns[0], columns[i + 1]);
                }
            }
        }
        return byAccount;
    }

    /**
     * Applies the score formula: passed / (passed + failed) over the account's controls, all of them
     * or those mapped to {@code frameworkId}. In a framework, a control mapped only to requirements
     * that the framework marks MANUAL counts as MANUAL, whatever its status, because CIS scores only
     * its automated recommendations.
     */
    static Score score(Map<String, String> statuses, String frameworkId) {
        int passed = 0;
        int failed = 0;
        int error = 0;
        int notApplicable = 0;
        int manual = 0;
        for (Map.Entry<String, String> control : statuses.entrySet()) {
            String status = control.getValue();
            if (frameworkId != null) {
                List<FrameworkMapping> inFramework = Catalog.load().mappings(control.getKey()).stream()
                        .filter(mapping -> mapping.frameworkId().equals(frameworkId))
                        .toList();
                if (inFramework.isEmpty()) {
                    continue;
                }
                if (inFramework.stream().allMatch(mapping -> mapping.assessment() == Assessment.MANUAL)) {
                    status = "MANUAL";
                }
            }
            switch (status) {
                case "PASS" -> passed++;
                case "FAIL" -> failed++;
                case "ERROR" -> error++;
                case "NOT_APPLICABLE" -> notApplicable++;
                case "MANUAL" -> manual++;
                default -> throw new IllegalStateException("Unknown status " + status + " of " + control.getKey());
            }
        }
        Double score = passed + failed == 0 ? null : (double) passed / (passed + failed);
        return new Score(score, passed, failed, error, notApplicable, manual);
    }

    /** Returns 1 − controls in ERROR / controls with a status. */
    static double coverage(Map<String, String> statuses) {
        long errors = statuses.values().stream().filter("ERROR"::equals).count();
        return 1.0 - (double) errors / statuses.size();
    }

    /** Returns the task count of a scan of every probe over accounts that each list the same regions. */
    static int expectedTasks(int accounts, int regionsPerAccount) {
        int perAccount = 0;
        for (ProbeDefinition probe : Catalog.load().probes().values()) {
            perAccount += probe.scope() == ProbeScope.GLOBAL ? 1 : regionsPerAccount;
        }
        return accounts * perAccount;
    }
}
