package dev.sonda.aggregator.topology;

import static dev.sonda.aggregator.Fixtures.SCAN_1_AT;
import static dev.sonda.aggregator.Fixtures.SCAN_2_AT;
import static dev.sonda.aggregator.Fixtures.announcement;
import static dev.sonda.aggregator.Fixtures.sqs;
import static dev.sonda.aggregator.Fixtures.sqsResult;
import static dev.sonda.contracts.messages.FindingStatus.ERROR;
import static dev.sonda.contracts.messages.FindingStatus.FAIL;
import static dev.sonda.contracts.messages.FindingStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.aggregator.Fixtures;
import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.aggregator.state.ControlResult;
import dev.sonda.aggregator.state.ScanProgress;
import dev.sonda.aggregator.state.ScanState;
import dev.sonda.contracts.DeadLetterHeaders;
import dev.sonda.contracts.Topics;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ProbeResultChunk;
import dev.sonda.contracts.messages.ResultOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregatorTopologyTest {

    private static final String ACCOUNT = "111111111111";
    private static final String REGION = "eu-west-1";

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness(stateDir);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void resultScoresAccountPerFramework() {
        harness.publish(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1"),
                sqs("SQS.1", FAIL, ACCOUNT, REGION, "q2"),
                sqs("SQS.2", PASS, ACCOUNT, REGION, "q1"),
                sqs("SQS.3", PASS, ACCOUNT, REGION, "q1"))));

        AccountScore score = harness.score(ACCOUNT);
        assertThat(statuses(score)).containsExactly(
                Map.entry("SQS.1", FAIL), Map.entry("SQS.2", PASS), Map.entry("SQS.3", PASS));
        assertThat(score.score().overall().score()).isEqualTo(2.0 / 3);
        assertThat(score.score().overall().passed()).isEqualTo(2);
        assertThat(score.score().overall().failed()).isEqualTo(1);
        // SQS.1 and SQS.3 are FSBP controls; SQS.1 maps to several NIST requirements but counts once.
        assertThat(score.score().frameworks().get("aws-fsbp").score()).isEqualTo(0.5);
        assertThat(score.score().frameworks().get("nist-800-53-r5").failed()).isEqualTo(1);
        assertThat(score.score().frameworks().get("nist-800-53-r5").score()).isEqualTo(0.0);
        assertThat(score.score().frameworks().get("aws-resource-tagging").score()).isEqualTo(1.0);
        assertThat(score.score().frameworks().get("cis-aws-5.0.0").score()).isNull();
        assertThat(score.coverage()).isEqualTo(1.0);
        assertThat(score.findings().byStatus()).containsEntry(PASS, 3L).containsEntry(FAIL, 1L);
        assertThat(score.name()).isEqualTo("acct-1111");
        assertThat(score.tenant()).isEqualTo("tenant-a");
        assertThat(harness.counter("sonda.results.applied")).isEqualTo(1);
    }

    @Test
    void newerResultReplacesOldWhole() {
        harness.publish(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", FAIL, ACCOUNT, REGION, "deleted-queue"),
                sqs("SQS.1", PASS, ACCOUNT, REGION, "kept-queue"))));
        assertThat(harness.score(ACCOUNT).score().overall().score()).isEqualTo(0.0);

        // The failing queue was deleted before scan 2, so scan 2 no longer reports it.
        harness.publish(sqsResult("scan-2", SCAN_2_AT, ACCOUNT, REGION, SCAN_2_AT.plusSeconds(60), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "kept-queue"))));

        AccountScore score = harness.score(ACCOUNT);
        assertThat(statuses(score)).containsExactly(Map.entry("SQS.1", PASS));
        assertThat(score.score().overall().score()).isEqualTo(1.0);
        assertThat(score.findings().total()).isEqualTo(1);
        assertThat(harness.findings()).singleElement()
                .satisfies(entry -> assertThat(entry.value.resourceId()).endsWith(":kept-queue"));
        assertThat(harness.header(ProbeResult.resultKey(ACCOUNT, REGION, "sqs")).scanId()).isEqualTo("scan-2");
    }

    @Test
    void olderResultIsIgnored() {
        ProbeResult newer = sqsResult("scan-2", SCAN_2_AT, ACCOUNT, REGION, SCAN_2_AT.plusSeconds(60), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1")));
        ProbeResult older = sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", FAIL, ACCOUNT, REGION, "q1")));
        harness.publish(newer);
        AccountScore before = harness.score(ACCOUNT);

        // A task of scan 1 redelivered after scan 2 reported: it completed later but belongs to an older scan.
        harness.publish(older);

        assertThat(harness.score(ACCOUNT)).isEqualTo(before);
        assertThat(harness.header(newer.resultKey()).resultId()).isEqualTo(newer.resultId());
        assertThat(harness.counter("sonda.results.ignored", "reason", "older")).isEqualTo(1);
        assertThat(harness.counter("sonda.results.applied")).isEqualTo(1);
    }

    @Test
    void laterCompletionWithinScanReplaces() {
        ProbeResult first = sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", FAIL, ACCOUNT, REGION, "q1")));
        ProbeResult rerun = sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(120), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1")));

        harness.publish(first);
        harness.publish(rerun);
        harness.publish(first);

        assertThat(harness.header(first.resultKey()).resultId()).isEqualTo(rerun.resultId());
        assertThat(harness.score(ACCOUNT).score().overall().score()).isEqualTo(1.0);
    }

    @Test
    void duplicateResultAndTaskChangeNothing() {
        harness.announce(announcement("scan-1", SCAN_1_AT, SCAN_1_AT.plus(Duration.ofHours(2)), 2));
        ProbeResult result = sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1"),
                sqs("SQS.2", FAIL, ACCOUNT, REGION, "q1")));
        harness.publish(result);
        AccountScore before = harness.score(ACCOUNT);
        List<?> findingsBefore = harness.findings();

        harness.publish(result);
        harness.publish(result);

        assertThat(harness.score(ACCOUNT)).isEqualTo(before);
        assertThat(harness.findings()).isEqualTo(findingsBefore);
        assertThat(harness.counter("sonda.results.applied")).isEqualTo(1);
        assertThat(harness.counter("sonda.results.ignored", "reason", "duplicate")).isEqualTo(2);
        ScanProgress scan = harness.scan("scan-1");
        assertThat(scan.completedTasks()).isEqualTo(1);
        assertThat(scan.state(TopologyHarness.START)).isEqualTo(ScanState.RUNNING);
    }

    @Test
    void errorFindingsLeavePassFailAlone() {
        harness.publish(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", FAIL, ACCOUNT, REGION, "q1"),
                sqs("SQS.2", PASS, ACCOUNT, REGION, "q1"))));
        AccountScore before = harness.score(ACCOUNT);

        // Another region could not be read for SQS.3.
        harness.publish(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, "us-east-1", SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.3", ERROR, ACCOUNT, "us-east-1", "q9"))));

        AccountScore after = harness.score(ACCOUNT);
        assertThat(after.score().overall().passed()).isEqualTo(before.score().overall().passed());
        assertThat(after.score().overall().failed()).isEqualTo(before.score().overall().failed());
        assertThat(after.score().overall().score()).isEqualTo(0.5);
        assertThat(after.score().overall().error()).isEqualTo(1);
        assertThat(after.coverage()).isEqualTo(1 - 1.0 / 3);
        assertThat(after.resultCount()).isEqualTo(2);
    }

    @Test
    void errorAndPassInOneControlGiveError() {
        harness.publish(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1"),
                sqs("SQS.1", ERROR, ACCOUNT, REGION, "q2"))));

        AccountScore score = harness.score(ACCOUNT);
        assertThat(statuses(score)).containsExactly(Map.entry("SQS.1", ERROR));
        assertThat(score.score().overall().score()).isNull();
        assertThat(score.coverage()).isEqualTo(0.0);
    }

    @Test
    void chunksAssembleInAnyOrder() {
        ProbeResult result = Fixtures.largeSqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60),
                300, 200);
        List<ProbeResultChunk> chunks = new ArrayList<>(harness.chunks(result, 16 * 1024));
        assertThat(chunks).hasSizeGreaterThan(3);
        Collections.shuffle(chunks, new Random(7));
        ProbeResultChunk last = chunks.remove(chunks.size() - 1);

        harness.publish(chunks);
        harness.publish(List.of(chunks.get(0)));
        assertThat(harness.score(ACCOUNT)).isNull();
        assertThat(harness.all(AggregatorTopology.CHUNKS_STORE)).hasSize(chunks.size());

        harness.publish(List.of(last));

        AccountScore score = harness.score(ACCOUNT);
        assertThat(score.findings().total()).isEqualTo(300);
        assertThat(score.findings().byStatus()).containsEntry(FAIL, 100L).containsEntry(PASS, 200L);
        assertThat(harness.findings()).hasSize(300);
        assertThat(harness.findings().get(299).value.resourceId()).endsWith(":queue-299");
        assertThat(harness.all(AggregatorTopology.CHUNKS_STORE)).isEmpty();
        assertThat(harness.all(AggregatorTopology.CHUNK_SETS_STORE)).isEmpty();
    }

    @Test
    void chunksOfAppliedResultAreIgnored() {
        ProbeResult result = Fixtures.largeSqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60),
                100, 200);
        List<ProbeResultChunk> chunks = harness.chunks(result, 8 * 1024);
        harness.publish(chunks);

        // A worker that crashed after publishing resends part of its result.
        harness.publish(chunks.subList(0, 2));

        assertThat(harness.all(AggregatorTopology.CHUNKS_STORE)).isEmpty();
        assertThat(harness.all(AggregatorTopology.CHUNK_SETS_STORE)).isEmpty();
        assertThat(harness.counter("sonda.results.ignored", "reason", "duplicate")).isEqualTo(1);
    }

    @Test
    void incompleteChunkSetIsEvicted() {
        ProbeResult result = Fixtures.largeSqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60),
                100, 200);
        List<ProbeResultChunk> chunks = harness.chunks(result, 8 * 1024);
        harness.publish(chunks.subList(0, chunks.size() - 1));
        assertThat(harness.all(AggregatorTopology.CHUNK_SETS_STORE)).hasSize(1);

        harness.driver.advanceWallClockTime(Duration.ofMinutes(30));
        assertThat(harness.all(AggregatorTopology.CHUNK_SETS_STORE)).hasSize(1);

        harness.driver.advanceWallClockTime(Duration.ofMinutes(31));
        assertThat(harness.all(AggregatorTopology.CHUNK_SETS_STORE)).isEmpty();
        assertThat(harness.all(AggregatorTopology.CHUNKS_STORE)).isEmpty();
        assertThat(harness.counter("sonda.result.chunk.sets.evicted")).isEqualTo(1);
        assertThat(harness.score(ACCOUNT)).isNull();
    }

    @Test
    void resultsPastRetentionExpire() {
        harness.publish(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1"))));
        harness.publish(sqsResult("scan-1", SCAN_1_AT, "222222222222", REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", FAIL, "222222222222", REGION, "q1"))));
        assertThat(harness.score(ACCOUNT)).isNotNull();

        harness.driver.advanceWallClockTime(Duration.ofDays(7));

        assertThat(harness.score(ACCOUNT)).isNull();
        assertThat(harness.score("222222222222")).isNull();
        assertThat(harness.findings()).isEmpty();
        assertThat(harness.all(AggregatorTopology.HEADERS_STORE)).isEmpty();
        assertThat(harness.counter("sonda.results.expired")).isEqualTo(2);
    }

    @Test
    void malformedJsonIsDeadLettered() {
        harness.publishRaw(Topics.RESULTS, ACCOUNT, "{\"schemaVersion\": 1, \"resultId\": ");
        harness.publish(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1"))));

        TestRecord<byte[], byte[]> dead = harness.deadLetters.readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\": 1, \"resultId\": ");
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo(ACCOUNT);
        assertThat(header(dead, DeadLetterHeaders.REASON)).startsWith("Message is not valid JSON");
        assertThat(header(dead, DeadLetterHeaders.TOPIC)).isEqualTo(Topics.RESULTS);
        assertThat(header(dead, DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(header(dead, DeadLetterHeaders.OFFSET)).isEqualTo("0");
        assertThat(header(dead, DeadLetterHeaders.CONSUMER)).isEqualTo("sonda-aggregator");
        assertThat(harness.deadLetters.isEmpty()).isTrue();
        assertThat(harness.score(ACCOUNT).score().overall().score()).isEqualTo(1.0);
        assertThat(harness.counter("sonda.records.dead.lettered", "topic", Topics.RESULTS)).isEqualTo(1);
    }

    @Test
    void unknownSchemaVersionGoesToDeadLetter() {
        ProbeResult result = sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1")));
        String chunk = harness.codec.encodeToString(harness.chunks(result, 64 * 1024).get(0))
                .replace("\"schemaVersion\":1", "\"schemaVersion\":99");
        harness.publishRaw(Topics.RESULTS, ACCOUNT, chunk);
        harness.publishRaw(Topics.SCANS, "scan-1", "not json at all");
        harness.publish(result);

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).contains("Unsupported schemaVersion 99");
        assertThat(header(dead.get(1), DeadLetterHeaders.TOPIC)).isEqualTo(Topics.SCANS);
        assertThat(harness.score(ACCOUNT)).isNotNull();
        assertThat(harness.counter("sonda.records.dead.lettered", "topic", Topics.SCANS)).isEqualTo(1);
    }

    @Test
    void chunkOutsideItsCountGoesToDeadLetter() {
        ProbeResult result = sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1")));
        String chunk = harness.codec.encodeToString(harness.chunks(result, 64 * 1024).get(0))
                .replace("\"chunkIndex\":0", "\"chunkIndex\":3");
        harness.publishRaw(Topics.RESULTS, ACCOUNT, chunk);

        assertThat(header(harness.deadLetters.readRecord(), DeadLetterHeaders.REASON))
                .contains("chunkIndex 3").contains("chunkCount 1");
    }

    @Test
    void scanProgressCountsEachTaskOnce() {
        Instant deadline = SCAN_1_AT.plus(Duration.ofHours(2));
        ProbeResult first = sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of(
                sqs("SQS.1", PASS, ACCOUNT, REGION, "q1")));
        ProbeResult failed = Fixtures.result("scan-1.t2.r1", "scan-1.t2", "scan-1", SCAN_1_AT, "222222222222",
                "global", "iam", SCAN_1_AT.plusSeconds(90), ResultOutcome.ERROR, List.of());
        ProbeResult rerunOfFirst = sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(75),
                List.of(sqs("SQS.1", PASS, ACCOUNT, REGION, "q1")));

        // Results may overtake the announcement: they land on other partitions.
        harness.publish(first);
        assertThat(harness.scan("scan-1").state(TopologyHarness.START)).isEqualTo(ScanState.PENDING_ANNOUNCEMENT);

        harness.announce(announcement("scan-1", SCAN_1_AT, deadline, 3));
        harness.publish(first);
        harness.publish(rerunOfFirst);
        ScanProgress running = harness.scan("scan-1");
        assertThat(running.completedTasks()).isEqualTo(1);
        assertThat(running.state(TopologyHarness.START)).isEqualTo(ScanState.RUNNING);
        assertThat(running.progress()).isEqualTo(1.0 / 3);

        harness.publish(failed);
        harness.publish(failed);
        harness.publish(sqsResult("scan-1", SCAN_1_AT, "333333333333", REGION, SCAN_1_AT.plusSeconds(100),
                List.of()));

        ScanProgress done = harness.scan("scan-1");
        assertThat(done.completedTasks()).isEqualTo(3);
        assertThat(done.erroredTasks()).isEqualTo(1);
        assertThat(done.state(TopologyHarness.START)).isEqualTo(ScanState.COMPLETED);
        assertThat(done.firstResultAt()).isEqualTo(SCAN_1_AT.plusSeconds(60));
        assertThat(done.lastResultAt()).isEqualTo(SCAN_1_AT.plusSeconds(100));
        assertThat(done.finishedAt()).isEqualTo(SCAN_1_AT.plusSeconds(100));
        assertThat(done.trigger()).isEqualTo("API");
        // Counts of a finished scan are final, so its task ids are no longer kept.
        assertThat(harness.all(AggregatorTopology.SCAN_TASKS_STORE)).isEmpty();

        harness.publish(failed);
        assertThat(harness.scan("scan-1")).isEqualTo(done);
    }

    @Test
    void scanOfZeroTasksCompletesOnAnnouncement() {
        harness.announce(announcement("scan-0", SCAN_1_AT, SCAN_1_AT.plusSeconds(600), 0));

        ScanProgress scan = harness.scan("scan-0");
        assertThat(scan.state(TopologyHarness.START)).isEqualTo(ScanState.COMPLETED);
        assertThat(scan.progress()).isEqualTo(1.0);
    }

    @Test
    void scansPastRetentionExpire() {
        harness.announce(announcement("scan-1", SCAN_1_AT, SCAN_1_AT.plusSeconds(600), 5));
        harness.publish(sqsResult("scan-1", SCAN_1_AT, ACCOUNT, REGION, SCAN_1_AT.plusSeconds(60), List.of()));
        assertThat(harness.all(AggregatorTopology.SCAN_TASKS_STORE)).hasSize(1);

        harness.driver.advanceWallClockTime(Duration.ofDays(7));

        assertThat(harness.scan("scan-1")).isNull();
        assertThat(harness.all(AggregatorTopology.SCAN_TASKS_STORE)).isEmpty();
    }

    private static Map<String, FindingStatus> statuses(AccountScore score) {
        return score.controls().stream().collect(Collectors.toMap(ControlResult::controlId, ControlResult::status,
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
