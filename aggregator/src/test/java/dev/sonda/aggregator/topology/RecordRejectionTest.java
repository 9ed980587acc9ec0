package dev.sonda.aggregator.topology;

import static dev.sonda.aggregator.Fixtures.SCAN_1_AT;
import static dev.sonda.aggregator.Fixtures.SCAN_2_AT;
import static dev.sonda.aggregator.Fixtures.announcement;
import static dev.sonda.aggregator.Fixtures.sqs;
import static dev.sonda.aggregator.Fixtures.sqsResult;
import static dev.sonda.contracts.messages.FindingStatus.FAIL;
import static dev.sonda.contracts.messages.FindingStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.aggregator.Fixtures;
import dev.sonda.aggregator.inventory.AccountInventory;
import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.aggregator.state.ControlResult;
import dev.sonda.aggregator.state.ResultHeader;
import dev.sonda.aggregator.state.ScanProgress;
import dev.sonda.aggregator.state.ScanState;
import dev.sonda.contracts.DeadLetterHeaders;
import dev.sonda.contracts.InvalidMessageException;
import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.ResultChunker;
import dev.sonda.contracts.Topics;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ProbeResultChunk;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.contracts.messages.ScanAnnouncement;
import dev.sonda.contracts.messages.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that pass their JSON Schema but would corrupt state: each goes to the dead-letter topic
 * with its exact reason, and the real data around it is processed as before.
 */
class RecordRejectionTest {

    private static final String ACCOUNT = "111111111111";
    private static final String OTHER_ACCOUNT = "222222222222";
    private static final String REGION = "eu-west-1";
    private static final Instant NOW = TopologyHarness.START;
    private static final String SKEW_AND_CLOCK = " is more than the allowed clock skew of PT5M"
            + " (sonda.aggregator.clock-skew) ahead of the aggregator's clock, " + NOW
            + "; check the clocks of the scheduler and workers";

    @TempDir
    Path stateDir;

    @TempDir
    Path inventoryDir;

    private TopologyHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private TopologyHarness start() {
        harness = new TopologyHarness(stateDir);
        return harness;
    }

    // Timestamps ahead of the clock

    @Test
    void futureResultRejectedAndNextScanApplies() {
        start();
        harness.publish(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", FAIL, ACCOUNT, REGION, "q1"))));
        Instant future = Instant.parse("2099-01-01T00:00:00Z");
        ProbeResult hostile = sqsResult("scan-evil", future, ACCOUNT, REGION, future, List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1")));

        harness.publish(hostile);

        TestRecord<byte[], byte[]> dead = harness.deadLetters.readRecord();
        assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("scanRequestedAt 2099-01-01T00:00:00Z of result "
                + hostile.resultId() + SKEW_AND_CLOCK);
        assertThat(header(dead, DeadLetterHeaders.EXCEPTION_CLASS_NAME)).isNull();
        assertThat(harness.header(hostile.resultKey()).scanId()).isEqualTo("scan-1");
        assertThat(harness.scan("scan-evil")).isNull();

        harness.publish(sqsResult("scan-2", SCAN_2_AT, ACCOUNT, REGION, SCAN_2_AT.plusSeconds(60), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1"))));

        assertThat(harness.header(hostile.resultKey()).scanId()).isEqualTo("scan-2");
        assertThat(harness.score(ACCOUNT).score().overall().score()).isEqualTo(1.0);
        assertThat(harness.deadLetters.isEmpty()).isTrue();
        assertThat(harness.counter("sonda.records.dead.lettered", "topic", Topics.RESULTS)).isEqualTo(1);
    }

    @Test
    void eachFutureTimestampNamedInReason() {
        start();
        Instant ahead = NOW.plus(Duration.ofMinutes(6));
        ProbeResult base = sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of());
        Map<String, ProbeResult> cases = Map.of(
                "scanRequestedAt", withTimes(base, "a", ahead, SCAN_1_AT, SCAN_1_AT.plusSeconds(60)),
                "startedAt", withTimes(base, "b", SCAN_1_AT, ahead, ahead),
                "completedAt", withTimes(base, "c", SCAN_1_AT, SCAN_1_AT, ahead));

        for (Map.Entry<String, ProbeResult> entry : cases.entrySet()) {
            harness.publish(entry.getValue());

            assertThat(header(harness.deadLetters.readRecord(), DeadLetterHeaders.REASON))
                    .isEqualTo(entry.getKey() + " " + ahead + " of result " + entry.getValue().resultId()
                            + SKEW_AND_CLOCK);
        }
        assertThat(harness.score(ACCOUNT)).isNull();
        assertThat(harness.scan("scan-1")).isNull();
    }

    @Test
    void timestampWithinSkewAccepted() {
        start();
        Instant slightlyAhead = NOW.plus(Duration.ofMinutes(4));
        ProbeResult result = withTimes(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT, List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1"))), "x", slightlyAhead, slightlyAhead, slightlyAhead);

        harness.publish(result);

        assertThat(harness.deadLetters.isEmpty()).isTrue();
        assertThat(harness.header(result.resultKey()).resultId()).isEqualTo(result.resultId());
    }

    @Test
    void completedBeforeStartedRejected() {
        start();
        ProbeResult result = withTimes(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT, List.of()), "x",
                SCAN_1_AT, SCAN_1_AT.plusSeconds(60), SCAN_1_AT.plusSeconds(30));

        harness.publish(result);

        assertThat(header(harness.deadLetters.readRecord(), DeadLetterHeaders.REASON)).isEqualTo("completedAt "
                + SCAN_1_AT.plusSeconds(30) + " of result " + result.resultId() + " is before its startedAt "
                + SCAN_1_AT.plusSeconds(60));
        assertThat(harness.score(ACCOUNT)).isNull();
    }

    @Test
    void futureAnnouncementRejected() {
        start();
        harness.announce(announcement("scan-1", SCAN_1_AT, SCAN_1_AT.plusSeconds(3600), 1));
        Instant future = Instant.parse("2099-01-01T00:00:00Z");

        harness.announce(announcement("scan-evil", future, future.plusSeconds(3600), 5));

        assertThat(header(harness.deadLetters.readRecord(), DeadLetterHeaders.REASON))
                .isEqualTo("requestedAt 2099-01-01T00:00:00Z of scan scan-evil" + SKEW_AND_CLOCK);
        assertThat(harness.scan("scan-evil")).isNull();
        assertThat(harness.firstAnnouncement("scan-evil")).isNull();
        assertThat(harness.scan("scan-1").requestedAt()).isEqualTo(SCAN_1_AT);
        assertThat(harness.counter("sonda.records.dead.lettered", "topic", Topics.SCANS)).isEqualTo(1);
    }

    @Test
    void deadlineBeforeRequestRejected() {
        start();

        harness.announce(announcement("scan-1", SCAN_1_AT, SCAN_1_AT.minusSeconds(1), 1));

        assertThat(header(harness.deadLetters.readRecord(), DeadLetterHeaders.REASON)).isEqualTo("deadline "
                + SCAN_1_AT.minusSeconds(1) + " of scan scan-1 is before its requestedAt " + SCAN_1_AT);
        assertThat(harness.scan("scan-1")).isNull();
    }

    @Test
    void futureStoredStateRepaired() {
        start();
        Instant future = Instant.parse("2099-01-01T00:00:00Z");
        KeyValueStore<String, ResultHeader> headers = harness.driver.getKeyValueStore(AggregatorTopology.HEADERS_STORE);
        KeyValueStore<String, ScanProgress> scans = harness.driver.getKeyValueStore(AggregatorTopology.SCANS_STORE);
        // State that an aggregator without the clock check stored: one result blocks eu-west-1, one sits in us-east-1.
        headers.put(ProbeResult.resultKey(ACCOUNT, REGION, "sqs"), futureHeader(REGION, future));
        headers.put(ProbeResult.resultKey(ACCOUNT, "us-east-1", "sqs"), futureHeader("us-east-1", future));
        scans.put("scan-evil", ScanProgress.empty("scan-evil").withAnnouncement(
                announcement("scan-evil", future, future.plusSeconds(60), 1)));

        harness.publish(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1"))));
        assertThat(harness.header(ProbeResult.resultKey(ACCOUNT, REGION, "sqs")).scanId()).isEqualTo("scan-1");

        harness.driver.advanceWallClockTime(TopologyHarness.SETTINGS.retentionCheckInterval());

        assertThat(harness.header(ProbeResult.resultKey(ACCOUNT, "us-east-1", "sqs"))).isNull();
        assertThat(harness.header(ProbeResult.resultKey(ACCOUNT, REGION, "sqs")).scanId()).isEqualTo("scan-1");
        assertThat(harness.scan("scan-evil")).isNull();
        assertThat(harness.score(ACCOUNT).resultCount()).isEqualTo(1);
    }

    // Probes and controls outside the catalog

    @Test
    void probeOutsideCatalogRejected() {
        start();
        harness.publish(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1"),
                sqs("SQS.2", PASS, ACCOUNT, REGION, "q1"),
                sqs("SQS.3", FAIL, ACCOUNT, REGION, "q1"))));
        AccountScore before = harness.score(ACCOUNT);
        List<Finding> fakes = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            fakes.add(fake("Fake." + i));
        }
        ProbeResult evil = Fixtures.result("scan-1.evil", "scan-1.111111111111.eu-west-1.evil", "scan-1", SCAN_1_AT,
                ACCOUNT, REGION, "evil", SCAN_1_AT.plusSeconds(60), ResultOutcome.COMPLETED, fakes);

        harness.publish(evil);

        assertThat(header(harness.deadLetters.readRecord(), DeadLetterHeaders.REASON)).isEqualTo("Probe evil of result"
                + " scan-1.evil is not in the aggregator's catalog, so its findings cannot be scored; deploy an"
                + " aggregator built with the same catalog as the workers");
        assertThat(harness.score(ACCOUNT)).isEqualTo(before);
        assertThat(harness.header(evil.resultKey())).isNull();
        assertThat(harness.findings()).hasSize(3);
    }

    @Test
    void findingsOfForeignControlsDropped() {
        start();
        List<Finding> findings = new ArrayList<>(List.of(sqs("SQS.1", PASS, ACCOUNT, REGION, "q1")));
        for (int i = 1; i <= 20; i++) {
            findings.add(fake("Fake." + i));
        }
        // KMS.4 is in the catalog, but it is a control of the kms probe, not of sqs.
        findings.add(new Finding("KMS.4", FAIL, Severity.MEDIUM, "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/k1",
                "AWS::KMS::Key", REGION, "Key rotation is off.", Map.of()));
        ProbeResult result = sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), findings);

        harness.publish(result);

        assertThat(harness.deadLetters.isEmpty()).isTrue();
        AccountScore score = harness.score(ACCOUNT);
        assertThat(score.controls()).extracting(ControlResult::controlId).containsExactly("SQS.1");
        assertThat(score.score().overall().score()).isEqualTo(1.0);
        assertThat(score.score().overall().failed()).isZero();
        assertThat(score.findings().total()).isEqualTo(1);
        assertThat(harness.findings()).extracting(entry -> entry.value.controlId()).containsExactly("SQS.1");
        ResultHeader header = harness.header(result.resultKey());
        assertThat(header.droppedFindings()).isEqualTo(21);
        assertThat(header.findingCount()).isEqualTo(1);
        assertThat(header.controls()).containsOnlyKeys("SQS.1");
        assertThat(header.summary().total()).isEqualTo(1);
        assertThat(header.summary().fail()).isZero();
        assertThat(harness.counter("sonda.findings.dropped", "probe", "sqs")).isEqualTo(21);
        assertThat(harness.counter("sonda.results.applied")).isEqualTo(1);
    }

    // Record keys

    @Test
    void resultKeyedByOtherAccountRejected() {
        start();
        ProbeResult result = sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", FAIL, ACCOUNT, REGION, "q1")));
        ProbeResultChunk chunk = harness.chunks(result, ResultChunker.DEFAULT_MAX_CHUNK_BYTES).get(0);

        harness.publishWithKey(OTHER_ACCOUNT, chunk);
        harness.publishWithKey(null, chunk);
        harness.publishWithKey("line\nbreak", chunk);

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters.readRecordsToList();
        String expectedEnd = " is not the account id 111111111111 of result " + result.resultId()
                + "; records on sonda.results must be keyed by their account id";
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).isEqualTo("Record key \"222222222222\"" + expectedEnd);
        assertThat(header(dead.get(1), DeadLetterHeaders.REASON)).isEqualTo("Record key (none)" + expectedEnd);
        assertThat(header(dead.get(2), DeadLetterHeaders.REASON)).isEqualTo("Record key \"line?break\"" + expectedEnd);
        assertThat(dead).hasSize(3);
        assertThat(harness.score(ACCOUNT)).isNull();
        assertThat(harness.score(OTHER_ACCOUNT)).isNull();
        assertThat(harness.scan("scan-1")).isNull();

        harness.publish(result);
        assertThat(harness.score(ACCOUNT).score().overall().failed()).isEqualTo(1);
    }

    @Test
    void announcementKeyedByOtherScanRejected() {
        start();

        harness.announceWithKey("scan-2", announcement("scan-1", SCAN_1_AT, SCAN_1_AT.plusSeconds(3600), 4));

        assertThat(header(harness.deadLetters.readRecord(), DeadLetterHeaders.REASON)).isEqualTo("Record key"
                + " \"scan-2\" is not the scan id scan-1 of the announcement; records on sonda.scans must be keyed by"
                + " their scan id");
        assertThat(harness.scan("scan-1")).isNull();
        assertThat(harness.scan("scan-2")).isNull();
    }

    // Inventory

    @Test
    void accountOutsideInventoryRejected() throws IOException {
        Path inventory = writeInventory(ACCOUNT);
        harness = new TopologyHarness(stateDir, AccountInventory.load(inventory));
        ProbeResult listed = sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1")));
        ProbeResult unlisted = sqsResult("scan-1", SCAN_1_AT, OTHER_ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60),
                List.of(sqs("SQS.1", FAIL, OTHER_ACCOUNT, REGION, "q1")));

        harness.publish(listed);
        harness.publish(unlisted);

        assertThat(header(harness.deadLetters.readRecord(), DeadLetterHeaders.REASON)).isEqualTo("Account"
                + " 222222222222 of result " + unlisted.resultId() + " is not in the aggregator's inventory " + inventory
                + " (sonda.aggregator.inventory); add the account to the inventory or stop scanning it");
        assertThat(harness.score(ACCOUNT)).isNotNull();
        assertThat(harness.score(OTHER_ACCOUNT)).isNull();

        writeInventory(ACCOUNT, OTHER_ACCOUNT);
        Files.setLastModifiedTime(inventory, FileTime.from(Instant.now().plusSeconds(60)));
        harness.publish(unlisted);

        assertThat(harness.deadLetters.isEmpty()).isTrue();
        assertThat(harness.score(OTHER_ACCOUNT).score().overall().failed()).isEqualTo(1);
    }

    // Repeated announcements

    @Test
    void identicalAnnouncementRepeatIgnored() {
        start();
        ScanAnnouncement first = announcement("scan-1", SCAN_1_AT, SCAN_1_AT.plusSeconds(3600), 2);
        harness.announce(first);
        harness.publish(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of()));
        ScanProgress before = harness.scan("scan-1");

        harness.announce(first);

        assertThat(harness.deadLetters.isEmpty()).isTrue();
        assertThat(harness.scan("scan-1")).isEqualTo(before);
        assertThat(before.completedTasks()).isEqualTo(1);
    }

    @Test
    void conflictingAnnouncementRejected() {
        start();
        ScanAnnouncement first = announcement("scan-1", SCAN_1_AT, SCAN_1_AT.plusSeconds(3600), 1);
        harness.announce(first);
        harness.publish(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of()));
        ScanProgress finished = harness.scan("scan-1");
        assertThat(finished.state(NOW)).isEqualTo(ScanState.COMPLETED);

        harness.announce(announcement("scan-1", SCAN_1_AT, SCAN_1_AT.plusSeconds(3600), 1000));

        assertThat(header(harness.deadLetters.readRecord(), DeadLetterHeaders.REASON)).isEqualTo("Scan scan-1 was"
                + " already announced with other values (expectedTasks 1000 instead of 1); the first announcement"
                + " stays in effect");
        assertThat(harness.scan("scan-1")).isEqualTo(finished);
        assertThat(harness.firstAnnouncement("scan-1")).isEqualTo(first);
    }

    @Test
    void scanAnnouncedByOlderVersionKeepsFirst() {
        start();
        // Progress stored by an aggregator that did not keep first announcements yet.
        ScanProgress stored = ScanProgress.empty("scan-1")
                .withAnnouncement(announcement("scan-1", SCAN_1_AT, SCAN_1_AT.plusSeconds(3600), 3));
        KeyValueStore<String, ScanProgress> scans = harness.driver.getKeyValueStore(AggregatorTopology.SCANS_STORE);
        scans.put("scan-1", stored);

        harness.announce(announcement("scan-1", SCAN_1_AT, SCAN_1_AT.plusSeconds(3600), 1000));

        assertThat(harness.scan("scan-1")).isEqualTo(stored);
    }

    // Dead-letter headers

    @Test
    void decodeFailureHeadersFollowSmallRye() {
        start();
        harness.publishRaw(Topics.RESULTS, ACCOUNT, "{\"schemaVersion\": 1, \"resultId\": ");
        harness.publishRaw(Topics.RESULTS, ACCOUNT, "{\"schemaVersion\": 1}");

        TestRecord<byte[], byte[]> notJson = harness.deadLetters.readRecord();
        assertThat(header(notJson, DeadLetterHeaders.REASON)).startsWith("Message is not valid JSON: ");
        assertThat(header(notJson, DeadLetterHeaders.EXCEPTION_CLASS_NAME))
                .isEqualTo(InvalidMessageException.class.getName());
        assertThat(header(notJson, DeadLetterHeaders.CAUSE_CLASS_NAME)).startsWith("com.fasterxml.jackson.");
        assertThat(header(notJson, DeadLetterHeaders.CAUSE)).isNotBlank();
        assertThat(header(notJson, DeadLetterHeaders.REASON)).contains(header(notJson, DeadLetterHeaders.CAUSE)
                .lines().findFirst().orElseThrow());

        TestRecord<byte[], byte[]> offSchema = harness.deadLetters.readRecord();
        assertThat(header(offSchema, DeadLetterHeaders.REASON)).startsWith("Message does not match schema");
        assertThat(header(offSchema, DeadLetterHeaders.EXCEPTION_CLASS_NAME))
                .isEqualTo(InvalidMessageException.class.getName());
        assertThat(header(offSchema, DeadLetterHeaders.CAUSE)).isNull();
        assertThat(header(offSchema, DeadLetterHeaders.CAUSE_CLASS_NAME)).isNull();
    }

    @Test
    void ruleRejectionReplacesForgedHeaders() {
        start();
        ProbeResult result = sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of());
        ProbeResultChunk chunk = harness.chunks(result, ResultChunker.DEFAULT_MAX_CHUNK_BYTES).get(0);
        RecordHeaders forged = new RecordHeaders();
        forged.add(DeadLetterHeaders.REASON, "forged".getBytes(StandardCharsets.UTF_8));
        forged.add(DeadLetterHeaders.CAUSE, "forged".getBytes(StandardCharsets.UTF_8));
        forged.add(DeadLetterHeaders.EXCEPTION_CLASS_NAME, "forged".getBytes(StandardCharsets.UTF_8));
        forged.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));

        harness.results.pipeInput(new TestRecord<>(OTHER_ACCOUNT, new MessageCodec().encode(chunk), forged));

        TestRecord<byte[], byte[]> dead = harness.deadLetters.readRecord();
        assertThat(header(dead, DeadLetterHeaders.REASON)).startsWith("Record key \"222222222222\"");
        assertThat(dead.headers().headers(DeadLetterHeaders.REASON)).hasSize(1);
        assertThat(header(dead, DeadLetterHeaders.CAUSE)).isNull();
        assertThat(header(dead, DeadLetterHeaders.EXCEPTION_CLASS_NAME)).isNull();
        assertThat(header(dead, "trace-id")).isEqualTo("abc");
        assertThat(header(dead, DeadLetterHeaders.CONSUMER)).isEqualTo("sonda-aggregator");
    }

    @Test
    void tombstoneStaysNull() {
        start();

        harness.results.pipeInput(ACCOUNT, (byte[]) null);
        harness.scans.pipeInput("scan-1", (byte[]) null);

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(dead).allSatisfy(record -> {
            assertThat(record.value()).isNull();
            assertThat(header(record, DeadLetterHeaders.REASON)).isEqualTo("Message is empty");
        });
        assertThat(header(dead.get(1), DeadLetterHeaders.TOPIC)).isEqualTo(Topics.SCANS);
    }

    private static Finding fake(String controlId) {
        return new Finding(controlId, FAIL, Severity.CRITICAL, "arn:aws:sqs:eu-west-1:" + ACCOUNT + ":fake",
                "AWS::SQS::Queue", REGION, "Fake finding.", Map.of());
    }

    private static ProbeResult withTimes(ProbeResult result, String suffix, Instant scanRequestedAt, Instant startedAt,
            Instant completedAt) {
        return new ProbeResult(result.resultId() + "." + suffix, result.taskId(), result.scanId(), scanRequestedAt,
                result.account(), result.region(), result.probe(), startedAt, completedAt, result.outcome(),
                result.error(), result.summary(), result.executionLog(), result.executionLogDropped(),
                result.findings());
    }

    private static ResultHeader futureHeader(String region, Instant future) {
        ProbeResult result = sqsResult("scan-evil", future, ACCOUNT, region, future, List.of());
        return ResultHeaders.of(result, 50, 0);
    }

    private Path writeInventory(String... accountIds) throws IOException {
        StringBuilder yaml = new StringBuilder("defaults:\n  regions: [eu-west-1]\naccounts:\n");
        for (String id : accountIds) {
            yaml.append("  - id: \"").append(id).append("\"\n")
                    .append("    name: acct-").append(id, 8, 12).append('\n')
                    .append("    tenant: tenant-a\n")
                    .append("    roleArn: arn:aws:iam::").append(id).append(":role/SondaScanner\n");
        }
        return Files.writeString(inventoryDir.resolve("accounts.yaml"), yaml);
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
