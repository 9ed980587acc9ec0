package dev.sonda.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sonda.contracts.MessageCodec;
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
        // 3 accounts × (sqs in 2 regions + account + iam) = 12 tasks.
        assertThat(report.path("scan").path("expectedTasks").asInt()).isEqualTo(12);
        assertThat(report.path("scan").path("completedTasks").asInt()).isEqualTo(12);
        assertThat(report.path("scan").path("erroredTasks").asInt()).isZero();
        assertThat(accounts).containsOnlyKeys("111111111111", "222222222222", "333333333333");
    }

    @Test
    void tablePrintsEveryAccount() {
        assertThat(output).contains("FAILING CONTROLS");
        assertThat(output).containsPattern("111111111111\\s+acme-prod\\s+acme\\s+83%");
        assertThat(output).containsPattern("222222222222\\s+acme-dev\\s+acme\\s+0%");
        assertThat(output).containsPattern("333333333333\\s+globex-prod\\s+globex\\s+50%");
    }

    @Test
    void acmeProdScores() {
        JsonNode account = accounts.get("111111111111");

        assertScore(account.path("score").path("overall"), 5.0 / 6, 5, 1, 0, 0);
        assertThat(frameworkScore(account, "aws-fsbp")).isCloseTo(2.0 / 3, within(EPSILON));
        assertThat(frameworkScore(account, "cis-aws-5.0.0")).isCloseTo(1.0, within(EPSILON));
        assertThat(frameworkScore(account, "nist-800-53-r5")).isCloseTo(0.75, within(EPSILON));
        assertThat(frameworkScore(account, "aws-resource-tagging")).isCloseTo(1.0, within(EPSILON));
        assertThat(account.path("coverage").asDouble()).isCloseTo(1.0, within(EPSILON));
        assertThat(controlsWithStatus(account, "FAIL")).containsExactly("SQS.1");
        assertThat(failingResources(account)).containsExactly("SQS.1 arn:aws:sqs:eu-west-1:111111111111:orders-dlq");
    }

    @Test
    void acmeDevScores() {
        JsonNode account = accounts.get("222222222222");

        assertScore(account.path("score").path("overall"), 0.0, 0, 6, 0, 0);
        assertThat(frameworkScore(account, "aws-fsbp")).isCloseTo(0.0, within(EPSILON));
        assertThat(frameworkScore(account, "cis-aws-5.0.0")).isCloseTo(0.0, within(EPSILON));
        assertThat(account.path("coverage").asDouble()).isCloseTo(1.0, within(EPSILON));
        assertThat(controlsWithStatus(account, "FAIL"))
                .containsExactlyInAnyOrder("SQS.1", "SQS.2", "SQS.3", "Account.1", "Account.2", "IAM.9");
        assertThat(failingResources(account)).containsExactlyInAnyOrder(
                "SQS.1 arn:aws:sqs:eu-west-1:222222222222:scratch",
                "SQS.2 arn:aws:sqs:eu-west-1:222222222222:scratch",
                "SQS.3 arn:aws:sqs:eu-west-1:222222222222:scratch",
                "Account.1 AWS::::Account:222222222222",
                "Account.2 AWS::::Account:222222222222",
                "IAM.9 AWS::::Account:222222222222");
    }

    @Test
    void globexProdScores() {
        JsonNode account = accounts.get("333333333333");

        // SQS.1 and SQS.3 are ERROR (GetQueueAttributes denied in us-east-1), Account.2 is disabled by
        // the inventory and IAM.9 has no root credentials: only Account.1 passes and SQS.2 fails.
        assertScore(account.path("score").path("overall"), 0.5, 1, 1, 2, 2);
        assertThat(frameworkScore(account, "aws-fsbp")).isCloseTo(1.0, within(EPSILON));
        assertThat(frameworkScore(account, "aws-resource-tagging")).isCloseTo(0.0, within(EPSILON));
        assertThat(account.path("coverage").asDouble()).isCloseTo(4.0 / 6, within(EPSILON));
        assertThat(controlsWithStatus(account, "FAIL")).containsExactly("SQS.2");
        assertThat(controlsWithStatus(account, "ERROR")).containsExactlyInAnyOrder("SQS.1", "SQS.3");
        assertThat(controlsWithStatus(account, "NOT_APPLICABLE")).containsExactlyInAnyOrder("Account.2", "IAM.9");
        assertThat(failingResources(account)).containsExactly("SQS.2 arn:aws:sqs:eu-west-1:333333333333:invoices");
    }

    private static void assertScore(JsonNode breakdown, double score, int passed, int failed, int error,
            int notApplicable) {
        assertThat(breakdown.path("score").asDouble()).isCloseTo(score, within(EPSILON));
        assertThat(breakdown.path("passed").asInt()).as("passed").isEqualTo(passed);
        assertThat(breakdown.path("failed").asInt()).as("failed").isEqualTo(failed);
        assertThat(breakdown.path("error").asInt()).as("error").isEqualTo(error);
        assertThat(breakdown.path("notApplicable").asInt()).as("notApplicable").isEqualTo(notApplicable);
    }

    private static double frameworkScore(JsonNode account, String framework) {
        JsonNode score = account.path("score").path("frameworks").path(framework).path("score");
        assertThat(score.isNumber()).as(framework + " score of " + account.path("accountId")).isTrue();
        return score.asDouble();
    }

    private static List<String> controlsWithStatus(JsonNode account, String status) {
        List<String> ids = new ArrayList<>();
        account.path("controls").forEach(control -> {
            if (status.equals(control.path("status").asText())) {
                ids.add(control.path("controlId").asText());
            }
        });
        return ids;
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
