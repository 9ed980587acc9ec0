package dev.sonda.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.catalog.Catalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, end to end: {@code sonda scan} on the demo estate, with the real
 * services as child processes, a real broker and a real moto server. Asserts the exact scores
 * and failing findings of each demo account.
 */
class DemoScanTest {

    private static final double EPSILON = 1e-9;
    private static final List<String> ACCOUNT_IDS = DemoExpectations.ACCOUNTS;

    @TempDir
    static Path temp;

    private static int exitCode;
    private static String output;
    private static Map<String, JsonNode> accounts;
    private static JsonNode report;

    @BeforeAll
    static void scanDemoEstate() throws IOException {
        Path home = Path.of(System.getProperty("sonda.home", "..")).toAbsolutePath().normalize();
        Path reportFile = temp.resolve("report.json");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        System.setOut(new PrintStream(new TeeStream(captured, originalOut), true, StandardCharsets.UTF_8));
        try {
            exitCode = SondaCli.run("scan", "--home", home.toString(), "--report", reportFile.toString(),
                    "--run-dir", temp.resolve("run").toString(), "--timeout", "PT5M");
        } finally {
            System.setOut(originalOut);
        }
        output = captured.toString(StandardCharsets.UTF_8);
        report = MessageCodec.newObjectMapper().readTree(Files.readString(reportFile));
        accounts = new TreeMap<>();
        report.path("accounts").forEach(account -> accounts.put(account.path("accountId").asText(), account));
    }

    @Test
    void scanFinishes() {
        assertThat(exitCode).isZero();
        assertThat(report.path("finished").asBoolean()).isTrue();
        assertThat(report.path("scan").path("state").asText()).isEqualTo("COMPLETED");
        // 3 accounts × (each regional probe in 2 regions + each global probe once).
        int expectedTasks = DemoExpectations.expectedTasks(3, 2);
        assertThat(report.path("scan").path("expectedTasks").asInt()).isEqualTo(expectedTasks);
        assertThat(report.path("scan").path("completedTasks").asInt()).isEqualTo(expectedTasks);
        assertThat(report.path("scan").path("erroredTasks").asInt()).isZero();
        assertThat(accounts).containsOnlyKeys("111111111111", "222222222222", "333333333333");
    }

    @Test
    void tablePrintsEveryAccount() throws IOException {
        Map<String, Map<String, String>> expected = DemoExpectations.statuses();

        assertThat(output).contains("FAILING CONTROLS");
        assertThat(output).containsPattern("111111111111\\s+acme-prod\\s+acme\\s+"
                + ScoreTable.percent(DemoExpectations.score(expected.get("111111111111"), null).score()));
        assertThat(output).containsPattern("222222222222\\s+acme-dev\\s+acme\\s+"
                + ScoreTable.percent(DemoExpectations.score(expected.get("222222222222"), null).score()));
        assertThat(output).containsPattern("333333333333\\s+globex-prod\\s+globex\\s+"
                + ScoreTable.percent(DemoExpectations.score(expected.get("333333333333"), null).score()));
    }

    @Test
    void controlStatusesMatchExpectations() throws IOException {
        Map<String, Map<String, String>> expected = DemoExpectations.statuses();

        for (String accountId : ACCOUNT_IDS) {
            Map<String, String> actual = new TreeMap<>();
            accounts.get(accountId).path("controls").forEach(control ->
                    actual.put(control.path("controlId").asText(), control.path("status").asText()));
            assertThat(actual).as("control statuses of " + accountId).isEqualTo(expected.get(accountId));
        }
    }

    @Test
    void scoresFollowFormula() throws IOException {
        Map<String, Map<String, String>> expected = DemoExpectations.statuses();

        for (String accountId : ACCOUNT_IDS) {
            JsonNode account = accounts.get(accountId);
            DemoExpectations.Score overall = DemoExpectations.score(expected.get(accountId), null);
            assertScore(account.path("score").path("overall"), overall);
            for (String framework : Catalog.load().frameworks().keySet()) {
                DemoExpectations.Score score = DemoExpectations.score(expected.get(accountId), framework);
                assertScore(account.path("score").path("frameworks").path(framework), score);
            }
            assertThat(account.path("coverage").asDouble()).as("coverage of " + accountId)
                    .isCloseTo(DemoExpectations.coverage(expected.get(accountId)), within(EPSILON));
        }
    }

    @Test
    void sqsAndAccountFailuresNameResources() {
        assertThat(failingResources(accounts.get("111111111111"))).filteredOn(DemoScanTest::issueTwoControl)
                .containsExactly("SQS.1 arn:aws:sqs:eu-west-1:111111111111:orders-dlq");
        assertThat(failingResources(accounts.get("222222222222"))).filteredOn(DemoScanTest::issueTwoControl)
                .containsExactlyInAnyOrder(
                        "SQS.1 arn:aws:sqs:eu-west-1:222222222222:scratch",
                        "SQS.2 arn:aws:sqs:eu-west-1:222222222222:scratch",
                        "SQS.3 arn:aws:sqs:eu-west-1:222222222222:scratch",
                        "Account.1 AWS::::Account:222222222222",
                        "Account.2 AWS::::Account:222222222222",
                        "IAM.9 AWS::::Account:222222222222");
        assertThat(failingResources(accounts.get("333333333333"))).filteredOn(DemoScanTest::issueTwoControl)
                .containsExactly("SQS.2 arn:aws:sqs:eu-west-1:333333333333:invoices");
    }

    private static boolean issueTwoControl(String failingResource) {
        return failingResource.matches("(SQS\\.[123]|Account\\.[12]|IAM\\.9) .*");
    }

    private static void assertScore(JsonNode breakdown, DemoExpectations.Score expected) {
        if (expected.score() == null) {
            assertThat(breakdown.path("score").isNull() || breakdown.path("score").isMissingNode())
                    .as("score is undefined: " + breakdown).isTrue();
        } else {
            assertThat(breakdown.path("score").asDouble()).as("score of " + breakdown)
                    .isCloseTo(expected.score(), within(EPSILON));
        }
        assertThat(breakdown.path("passed").asInt()).as("passed in " + breakdown).isEqualTo(expected.passed());
        assertThat(breakdown.path("failed").asInt()).as("failed in " + breakdown).isEqualTo(expected.failed());
        assertThat(breakdown.path("error").asInt()).as("error in " + breakdown).isEqualTo(expected.error());
        assertThat(breakdown.path("notApplicable").asInt()).as("notApplicable in " + breakdown)
                .isEqualTo(expected.notApplicable());
        assertThat(breakdown.path("manual").asInt()).as("manual in " + breakdown).isEqualTo(expected.manual());
    }

    private static List<String> failingResources(JsonNode account) {
        List<String> resources = new ArrayList<>();
        account.path("failingFindings").forEach(finding ->
                resources.add(finding.path("controlId").asText() + " " + finding.path("resourceId").asText()));
        return resources;
    }

    /** Writes to two streams, so the test sees the output and the build log still shows it. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
