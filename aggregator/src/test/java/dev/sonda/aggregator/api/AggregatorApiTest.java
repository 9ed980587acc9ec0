package dev.sonda.aggregator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.sonda.aggregator.Fixtures;
import dev.sonda.contracts.DeadLetterHeaders;
import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.ResultChunker;
import dev.sonda.contracts.Topics;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ProbeResultChunk;
import dev.sonda.testkit.SharedKafka;
import dev.sonda.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Quarkus application against the shared real broker: results and an announcement go in as a
 * worker and the scheduler publish them, and the REST API and {@code /q/metrics} come out.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(StateDirResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("broker")
class AggregatorApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final MessageCodec codec = new MessageCodec();
    private final String account = "7" + digits(11);
    private final String otherAccount = "8" + digits(11);
    private final String scanId = "scan-api-" + digits(8);
    /** The other account's tenant, unique so that other tests' results on the shared broker do not mix in. */
    private final String otherTenant = "tenant-" + digits(8);
    private final Instant requestedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private boolean published;

    /** Publishes the scan once; RestAssured is only pointed at the application before each test. */
    @BeforeEach
    void publishScanOnce() throws Exception {
        if (published) {
            return;
        }
        published = true;
        ProbeResult ireland = Fixtures.sqsResult(scanId, requestedAt, account, "eu-west-1",
                requestedAt.plusSeconds(20), List.of(
                        Fixtures.sqs("SQS.1", FindingStatus.PASS, account, "eu-west-1", "orders"),
                        Fixtures.sqs("SQS.1", FindingStatus.FAIL, account, "eu-west-1", "audit"),
                        Fixtures.sqs("SQS.2", FindingStatus.PASS, account, "eu-west-1", "orders"),
                        Fixtures.sqs("SQS.3", FindingStatus.ERROR, account, "eu-west-1", "audit")));
        ProbeResult other = Fixtures.withTenant(Fixtures.sqsResult(scanId, requestedAt, otherAccount, "us-east-1",
                requestedAt.plusSeconds(30), List.of(
                        Fixtures.sqs("SQS.1", FindingStatus.PASS, otherAccount, "us-east-1", "jobs"))), otherTenant);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, Topics.SCANS, scanId,
                    codec.encode(Fixtures.announcement(scanId, requestedAt, requestedAt.plusSeconds(3600), 3)));
            for (ProbeResult result : List.of(ireland, other, ireland)) {
                for (ProbeResultChunk chunk : new ResultChunker(codec, ResultChunker.DEFAULT_MAX_CHUNK_BYTES)
                        .split(result)) {
                    send(producer, Topics.RESULTS, chunk.account().id(), codec.encode(chunk));
                }
            }
        }
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            var response = given().get("/scans/" + scanId);
            return response.statusCode() == 200 && response.jsonPath().getInt("completedTasks") == 2;
        });
    }

    @Test
    void accountListShowsScores() {
        given().queryParam("tenant", "tenant-a")
                .when().get("/accounts")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("accountId", hasItem(account))
                .body("find { it.accountId == '" + account + "' }.score.overall.score", equalTo(0.5f))
                .body("find { it.accountId == '" + account + "' }.score.overall.error", equalTo(1))
                .body("find { it.accountId == '" + account + "' }.score.frameworks.'aws-fsbp'.score", equalTo(0.0f))
                .body("find { it.accountId == '" + account + "' }.score.frameworks.'cis-aws-5.0.0'.score",
                        nullValue())
                .body("find { it.accountId == '" + account + "' }.coverage", equalTo((float) (1 - 1.0 / 3)))
                .body("find { it.accountId == '" + account + "' }.findings.byStatus.FAIL", equalTo(1))
                .body("find { it.accountId == '" + account + "' }.name", equalTo("acct-" + account.substring(8)))
                .body("find { it.accountId == '" + account + "' }.lastResultAt", notNullValue());
    }

    @Test
    void accountDetailListsControlsAndFailingFindings() {
        given().when().get("/accounts/" + account)
                .then().statusCode(200)
                .body("controls.controlId", equalTo(List.of("SQS.1", "SQS.2", "SQS.3")))
                .body("controls[0].status", equalTo("FAIL"))
                .body("controls[0].title", equalTo("SQS queues encrypt messages at rest"))
                .body("controls[0].severity", equalTo("MEDIUM"))
                .body("controls[0].counts.pass", equalTo(1))
                .body("controls[2].status", equalTo("ERROR"))
                .body("failingFindingsTotal", equalTo(1))
                .body("failingFindings[0].controlId", equalTo("SQS.1"))
                .body("failingFindings[0].resourceId", equalTo("arn:aws:sqs:eu-west-1:" + account + ":audit"))
                .body("failingFindings[0].region", equalTo("eu-west-1"))
                .body("failingFindings[0].probe", equalTo("sqs"))
                .body("failingFindings[0].message", notNullValue());
    }

    @Test
    void accountDetailScoresSectionsAndRequirements() {
        String fsbp = "frameworks.find { it.frameworkId == 'aws-fsbp' }";
        String cis = "frameworks.find { it.frameworkId == 'cis-aws-5.0.0' }";
        given().when().get("/accounts/" + account)
                .then().statusCode(200)
                .body(fsbp + ".shortName", equalTo("FSBP"))
                .body(fsbp + ".score.score", equalTo(0.0f))
                .body(fsbp + ".score.error", equalTo(1))
                .body(fsbp + ".sections.find { it.section == 'SQS' }.score.failed", equalTo(1))
                .body(fsbp + ".sections.find { it.section == 'SQS' }.requirements.FAIL", equalTo(1))
                .body(fsbp + ".sections.find { it.section == 'SQS' }.requirements.ERROR", equalTo(1))
                .body(fsbp + ".sections.find { it.section == 'IAM' }.score.score", nullValue())
                .body(fsbp + ".requirements.find { it.requirementId == 'SQS.1' }.status", equalTo("FAIL"))
                .body(fsbp + ".requirements.find { it.requirementId == 'SQS.3' }.status", equalTo("ERROR"))
                .body(fsbp + ".requirements.find { it.requirementId == 'SQS.3' }.controls", equalTo(List.of("SQS.3")))
                .body(fsbp + ".requirements.find { it.requirementId == 'EC2.1' }.status", equalTo("NOT_CHECKED"))
                .body(cis + ".requirements.size()", equalTo(63))
                .body(cis + ".requirements.find { it.requirementId == '1.4' }.status", equalTo("NOT_CHECKED"))
                .body(cis + ".requirements.find { it.requirementId == '1.4' }.level", equalTo(1))
                .body(cis + ".requirements.find { it.requirementId == '2.1.1' }.subsection",
                        equalTo("2.1 Simple Storage Service (S3)"));
    }

    @Test
    void frameworksPoolTenantAccounts() {
        given().queryParam("tenant", otherTenant)
                .when().get("/frameworks")
                .then().statusCode(200)
                .body("frameworkId", hasItem("cis-aws-5.0.0"))
                .body("find { it.frameworkId == 'aws-fsbp' }.accounts", equalTo(1))
                .body("find { it.frameworkId == 'aws-fsbp' }.score.score", equalTo(1.0f))
                .body("find { it.frameworkId == 'cis-aws-5.0.0' }.requirements", equalTo(63))
                .body("find { it.frameworkId == 'cis-aws-5.0.0' }.score.score", nullValue());
        given().queryParam("tenant", otherTenant)
                .when().get("/frameworks/aws-fsbp")
                .then().statusCode(200)
                .body("sections.find { it.section == 'SQS' }.score.passed", equalTo(1))
                .body("sections.find { it.section == 'SQS' }.requirements", equalTo(2))
                .body("sections.find { it.section == 'SQS' }.checkedRequirements", equalTo(2));
        given().when().get("/frameworks/no-such-framework")
                .then().statusCode(404)
                .body("message", equalTo("Framework no-such-framework is not in the catalog."
                        + " GET /frameworks lists the frameworks."));
    }

    @Test
    void findingsFilterByStatusAndControl() {
        given().queryParam("status", "pass").queryParam("controlId", "SQS.1")
                .when().get("/accounts/" + account + "/findings")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("findings[0].resourceId", equalTo("arn:aws:sqs:eu-west-1:" + account + ":orders"));
        given().when().get("/accounts/" + account + "/findings?limit=2")
                .then().statusCode(200)
                .body("total", equalTo(4))
                .body("findings.size()", equalTo(2));
    }

    @Test
    void invalidStatusIsBadRequest() {
        given().queryParam("status", "BROKEN")
                .when().get("/accounts/" + account + "/findings")
                .then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("status", equalTo(400))
                .body("message", equalTo("status BROKEN is not one of [PASS, FAIL, NOT_APPLICABLE, ERROR, MANUAL]"));
    }

    @Test
    void malformedLimitIsBadRequest() {
        for (String path : List.of("/scans", "/accounts/" + account + "/findings")) {
            Map<String, String> messages = Map.of(
                    "abc", "limit abc is not a whole number; use an integer from 1 to 2147483647",
                    "2.5", "limit 2.5 is not a whole number; use an integer from 1 to 2147483647",
                    "99999999999", "limit 99999999999 is out of range; use an integer from 1 to 2147483647",
                    "0", "limit must be at least 1, was 0");
            messages.forEach((limit, message) -> given().queryParam("limit", limit)
                    .when().get(path)
                    .then().statusCode(400)
                    .contentType(ContentType.JSON)
                    .body("status", equalTo(400))
                    .body("error", equalTo("Bad Request"))
                    .body("message", equalTo(message)));
        }
    }

    @Test
    void unknownIdsAreNotFound() {
        given().when().get("/accounts/000000000000")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo("Not Found"))
                .body("message", equalTo("Account 000000000000 has no stored results."
                        + " GET /accounts lists the accounts that have."));
        given().when().get("/accounts/000000000000/findings").then().statusCode(404);
        given().when().get("/scans/no-such-scan")
                .then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("status", equalTo(404));
    }

    @Test
    void scanProgressCountsDuplicateOnce() {
        given().when().get("/scans/" + scanId)
                .then().statusCode(200)
                .body("state", equalTo("RUNNING"))
                .body("expectedTasks", equalTo(3))
                .body("completedTasks", equalTo(2))
                .body("erroredTasks", equalTo(0))
                .body("progress", equalTo((float) (2.0 / 3)))
                .body("trigger", equalTo("API"));
        given().when().get("/scans?limit=1")
                .then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].scanId", equalTo(scanId));
    }

    @Test
    void malformedRecordReachesDeadLetterTopic() throws Exception {
        String marker = "not json " + UUID.randomUUID();
        try (KafkaConsumer<byte[], byte[]> consumer = deadLetterConsumer();
                KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, Topics.RESULTS, account, marker.getBytes(StandardCharsets.UTF_8));

            List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
            await().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (new String(record.value(), StandardCharsets.UTF_8).equals(marker)) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            ConsumerRecord<byte[], byte[]> dead = found.get(0);
            assertThat(header(dead, DeadLetterHeaders.CONSUMER)).isEqualTo("sonda-aggregator");
            assertThat(header(dead, DeadLetterHeaders.TOPIC)).isEqualTo(Topics.RESULTS);
            assertThat(header(dead, DeadLetterHeaders.REASON)).startsWith("Message is not valid JSON");
            assertThat(header(dead, DeadLetterHeaders.EXCEPTION_CLASS_NAME))
                    .isEqualTo("dev.sonda.contracts.InvalidMessageException");
            assertThat(header(dead, DeadLetterHeaders.OFFSET)).matches("[0-9]+");
        }
        given().when().get("/accounts/" + account).then().statusCode(200);
    }

    @Test
    void metricsUseDocumentedPrometheusNames() {
        String accountSeries = "sonda_account_compliance_ratio{account_id=\"" + account + "\",account_name=\"acct-"
                + account.substring(8) + "\",framework=\"all\",tenant=\"tenant-a\"} 0.5";
        // Gauges are rebuilt on sonda.aggregator.metrics-refresh-interval (10 s by default).
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> metrics().contains(accountSeries) && metrics().contains("scan_id=\"" + scanId + "\"")
                        && metrics().contains("tenant=\"" + otherTenant + "\""));

        String metrics = metrics();
        assertThat(metrics)
                .contains("sonda_account_compliance_ratio{account_id=\"" + account + "\"")
                .contains("framework=\"aws-fsbp\"")
                .contains("sonda_account_coverage_ratio{account_id=\"" + account + "\"")
                .contains("sonda_account_controls{account_id=\"" + account + "\",status=\"FAIL\",tenant=\"tenant-a\"} 1.0")
                .contains("sonda_findings{severity=\"MEDIUM\",status=\"FAIL\"}")
                .contains("sonda_scan_tasks_expected{scan_id=\"" + scanId + "\"} 3.0")
                .contains("sonda_scan_tasks_completed{scan_id=\"" + scanId + "\"} 2.0")
                .contains("sonda_scan_tasks_failed{scan_id=\"" + scanId + "\"} 0.0")
                .contains("sonda_scan_progress_ratio{scan_id=\"" + scanId + "\"}")
                .contains("sonda_task_duration_seconds_bucket{probe=\"sqs\"")
                .contains("sonda_task_duration_seconds_count{probe=\"sqs\"}")
                .contains("sonda_results_applied_total")
                .contains("sonda_results_ignored_total{reason=\"duplicate\"}")
                .contains("sonda_records_dead_lettered_total{topic=\"sonda.results\"}")
                .contains("sonda_result_chunk_sets_evicted_total")
                .contains("sonda_results_expired_total")
                .contains("sonda_tenant_compliance_ratio{framework=\"all\",tenant=\"" + otherTenant + "\"} 1.0")
                .contains("sonda_tenant_section_compliance_ratio{framework=\"aws-fsbp\",section=\"SQS\",tenant=\""
                        + otherTenant + "\"} 1.0");
        // Section scores per account are off unless sonda.aggregator.account-section-metrics is true.
        assertThat(metrics).doesNotContain("sonda_account_section_compliance_ratio");
        // No per-framework sample where the score is null: CIS has no control of these findings.
        assertThat(metrics).doesNotContain("account_id=\"" + account + "\",account_name=\"acct-"
                + account.substring(8) + "\",framework=\"cis-aws-5.0.0\"");
    }

    /** Returns the Prometheus text format, without the comma that it allows after the last label. */
    private static String metrics() {
        return given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString()
                .replace(",}", "}");
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> deadLetterConsumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.DEAD_LETTER));
        return consumer;
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String digits(int length) {
        String digits = Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits()));
        return (digits + "0000000000000000000000").substring(0, length);
    }
}
