package dev.sonda.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.MessageType;
import dev.sonda.contracts.Topics;
import dev.sonda.contracts.messages.ScanAnnouncement;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.testkit.quarkus.KafkaResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler against the real test broker: REST in, records on {@code sonda.scans} and {@code sonda.tasks} out. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
class SchedulerApiTest {

    static final String SECRET_EXTERNAL_ID = "sonda-test-secret-external-id-7f3a";

    static final String INVENTORY = """
            defaults:
              regions: [eu-west-1, us-east-1]
            accounts:
              - id: "111111111111"
                name: acme-prod
                tenant: acme
                roleArn: arn:aws:iam::111111111111:role/SondaScanner
                externalId: %s
                disabledControls:
                  - id: Account.2
                    reason: Standalone account by contract.
              - id: "222222222222"
                name: acme-dev
                tenant: acme
                roleArn: arn:aws:iam::222222222222:role/SondaScanner
                externalIdRef: env:ACME_DEV_EXTERNAL_ID
                regions: [eu-west-1]
              - id: "333333333333"
                name: globex-prod
                tenant: globex
            """.formatted(SECRET_EXTERNAL_ID);

    /** prod: 2 global + 2 regions; dev: 2 global + 1 region; globex: 2 global + 2 regions. */
    static final int ALL_TASKS = 11;

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    SchedulerConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    CronTrigger cron;

    @Inject
    ScanService scans;

    @Inject
    SchedulerMetrics metrics;

    private final MessageCodec codec = new MessageCodec();

    @BeforeEach
    void writeInventory() throws IOException {
        writeInventory(INVENTORY);
    }

    private void writeInventory(String content) throws IOException {
        Path file = config.inventory();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static ExtractableResponse<Response> postScan(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/scans").then().extract();
    }

    @Test
    void scanPublishesAnnouncementThenTasks() {
        ExtractableResponse<Response> response = postScan("{}");

        assertThat(response.statusCode()).isEqualTo(202);
        String scanId = response.path("scanId");
        assertThat((int) response.path("expectedTasks")).isEqualTo(ALL_TASKS);
        assertThat((int) response.path("accountCount")).isEqualTo(3);
        assertThat((String) response.path("deadline")).isNotBlank();

        ScanAnnouncement announcement;
        List<ConsumerRecord<String, byte[]>> taskRecords;
        try (TopicReader scansTopic = new TopicReader(Topics.SCANS);
                TopicReader tasksTopic = new TopicReader(Topics.TASKS)) {
            ConsumerRecord<String, byte[]> announcementRecord = awaitAnnouncement(scansTopic, scanId);
            announcement = codec.decode(announcementRecord.value(), MessageType.SCAN_ANNOUNCEMENT);
            taskRecords = awaitTasks(tasksTopic, scanId, ALL_TASKS);

            assertThat(taskRecords).allSatisfy(record ->
                    assertThat(record.timestamp()).isGreaterThanOrEqualTo(announcementRecord.timestamp()));
        }

        assertThat(announcement.trigger()).isEqualTo("API");
        assertThat(announcement.expectedTasks()).isEqualTo(ALL_TASKS);
        assertThat(announcement.accountCount()).isEqualTo(3);
        assertThat(announcement.probes()).containsExactly("sqs", "account", "iam");

        List<ScanTask> tasks = taskRecords.stream()
                .map(record -> codec.<ScanTask>decode(record.value(), MessageType.SCAN_TASK))
                .toList();
        assertThat(tasks).extracting(ScanTask::taskId).doesNotHaveDuplicates();
        assertThat(taskRecords).allSatisfy(record -> {
            ScanTask task = codec.decode(record.value(), MessageType.SCAN_TASK);
            assertThat(record.key()).isEqualTo(task.account().id());
        });
        Set<String> keys = new HashSet<>();
        tasks.forEach(task -> keys.add(task.account().id() + "/" + task.region() + "/" + task.probe()));
        assertThat(keys).containsExactlyInAnyOrder(
                "111111111111/global/account", "111111111111/global/iam",
                "111111111111/eu-west-1/sqs", "111111111111/us-east-1/sqs",
                "222222222222/global/account", "222222222222/global/iam", "222222222222/eu-west-1/sqs",
                "333333333333/global/account", "333333333333/global/iam",
                "333333333333/eu-west-1/sqs", "333333333333/us-east-1/sqs");
        assertThat(tasks).filteredOn(task -> task.probe().equals("account") && task.account().id().equals("111111111111"))
                .singleElement()
                .satisfies(task -> assertThat(task.disabledControls()).extracting("controlId").containsExactly("Account.2"));
    }

    @Test
    void noExternalIdInMessagesOrLogs() {
        List<String> published = new ArrayList<>();
        String scanId;
        try (LogCapture logs = LogCapture.install()) {
            scanId = postScan("{\"tenants\": [\"acme\"]}").path("scanId");
            try (TopicReader scansTopic = new TopicReader(Topics.SCANS);
                    TopicReader tasksTopic = new TopicReader(Topics.TASKS)) {
                published.add(new String(awaitAnnouncement(scansTopic, scanId).value(), StandardCharsets.UTF_8));
                awaitTasks(tasksTopic, scanId, 7).forEach(record ->
                        published.add(new String(record.value(), StandardCharsets.UTF_8)));
            }
            await().atMost(KAFKA_TIMEOUT).until(() -> logs.lines().stream()
                    .anyMatch(line -> line.contains("Scan " + scanId + ": published all")));

            assertThat(logs.lines()).anyMatch(line -> line.contains("Scan " + scanId + " started by API: 2 accounts,"
                    + " 7 tasks"));
            assertThat(logs.lines()).noneMatch(line -> line.contains(SECRET_EXTERNAL_ID));
        }

        assertThat(published).hasSize(8);
        assertThat(published).noneMatch(json -> json.contains(SECRET_EXTERNAL_ID));
        assertThat(published).anyMatch(json -> json.contains("\"externalIdRef\":\"inventory:111111111111\""));
        assertThat(published).anyMatch(json -> json.contains("\"externalIdRef\":\"env:ACME_DEV_EXTERNAL_ID\""));
    }

    @Test
    void largeScanPublishesEveryTask() throws IOException {
        // 3,000 accounts x (2 global probes + 5 regions x 1 regional probe): far more tasks than the
        // emitter's buffer of 1024, so the scan only completes if publishing waits for acks.
        StringBuilder inventory = new StringBuilder("""
                defaults:
                  regions: [eu-west-1, eu-west-2, eu-central-1, us-east-1, us-west-2]
                accounts:
                """);
        for (int i = 0; i < 3_000; i++) {
            inventory.append("  - {id: \"").append(500_000_000_000L + i).append("\", name: account-").append(i)
                    .append(", tenant: tenant-").append(i % 40).append("}\n");
        }
        writeInventory(inventory.toString());
        double failedBefore = registry.get("sonda.scheduler.scans.failed").tag("trigger", "API").counter().count();

        ExtractableResponse<Response> response = postScan("{}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat((int) response.path("expectedTasks")).isEqualTo(21_000);
        try (TopicReader tasksTopic = new TopicReader(Topics.TASKS)) {
            List<ConsumerRecord<String, byte[]>> tasks = awaitTasks(tasksTopic, response.path("scanId"), 21_000);
            Set<String> taskIds = new HashSet<>();
            tasks.forEach(record -> taskIds.add(codec.<ScanTask>decode(record.value(), MessageType.SCAN_TASK).taskId()));
            assertThat(taskIds).hasSize(21_000);
        }
        assertThat(registry.get("sonda.scheduler.scans.failed").tag("trigger", "API").counter().count())
                .isEqualTo(failedBefore);
    }

    @Test
    void selectionNarrowsScan() {
        ExtractableResponse<Response> response = postScan("""
                {"accounts": ["111111111111", "333333333333"], "probes": ["sqs"], "regions": ["us-east-1"]}
                """);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat((int) response.path("expectedTasks")).isEqualTo(2);
        assertThat((int) response.path("accountCount")).isEqualTo(2);
        try (TopicReader tasksTopic = new TopicReader(Topics.TASKS)) {
            List<ScanTask> tasks = awaitTasks(tasksTopic, response.path("scanId"), 2).stream()
                    .map(record -> codec.<ScanTask>decode(record.value(), MessageType.SCAN_TASK))
                    .toList();
            assertThat(tasks).extracting(ScanTask::region).containsOnly("us-east-1");
            assertThat(tasks).extracting(ScanTask::probe).containsOnly("sqs");
        }
    }

    @Test
    void cliTriggerRecorded() {
        ExtractableResponse<Response> response = postScan("{\"trigger\": \"CLI\", \"probes\": [\"iam\"]}");

        assertThat(response.statusCode()).isEqualTo(202);
        try (TopicReader scansTopic = new TopicReader(Topics.SCANS)) {
            ScanAnnouncement announcement = codec.decode(awaitAnnouncement(scansTopic, response.path("scanId")).value(),
                    MessageType.SCAN_ANNOUNCEMENT);
            assertThat(announcement.trigger()).isEqualTo("CLI");
            assertThat(announcement.expectedTasks()).isEqualTo(3);
        }
    }

    @Test
    void emptyBodyScansEverything() {
        ExtractableResponse<Response> response = given().when().post("/scans").then().extract();

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat((int) response.path("expectedTasks")).isEqualTo(ALL_TASKS);
    }

    @Test
    void invalidInventoryGives400WithLines() throws IOException {
        writeInventory("""
                # Accounts of the acme tenant.
                defaults:
                  regions: [eu-west-1]
                accounts:
                  - id: "111111111111"
                    name: acme-prod
                    tenant: acme
                    roleArn: arn:aws:iam::111111111111:role/SondaScanner
                  - id: "222222222222"
                    name: acme-dev
                    tenant: acme
                    roleArn: arn:aws:iam::333333333333:role/SondaScanner
                    regoins: [us-east-1]
                """);

        given().contentType(ContentType.JSON).body("{}")
                .when().post("/scans")
                .then().statusCode(400)
                .body("error", equalTo("invalid-inventory"))
                .body("message", equalTo("The inventory accounts.yaml is invalid; no scan was started. Fix the file"
                        + " and send the request again."))
                .body("errors", contains(
                        "accounts.yaml line 12: accounts[1].roleArn: account 333333333333 in the role ARN does not"
                                + " match id 222222222222",
                        "accounts.yaml line 13: accounts[1].regoins: unknown field; did you mean regions?"));
    }

    @Test
    void invalidInventoryCounted() throws IOException {
        writeInventory("accounts: []\n");

        postScan("{}");

        assertThat(registry.get("sonda.scheduler.inventory.errors").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("sonda.scheduler.scans.rejected").tag("trigger", "API").tag("reason", "INVENTORY")
                .counter().count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void missingInventoryGives400() throws IOException {
        Files.delete(config.inventory());

        given().contentType(ContentType.JSON).body("{}")
                .when().post("/scans")
                .then().statusCode(400)
                .body("error", equalTo("invalid-inventory"))
                .body("errors", contains("accounts.yaml: cannot read " + config.inventory().toAbsolutePath()
                        + ": the file does not exist"));
    }

    @Test
    void unknownValuesGive400() {
        given().contentType(ContentType.JSON)
                .body("{\"accounts\": [\"999999999999\"], \"probes\": [\"s3\"], \"regions\": [\"EU-1\"]}")
                .when().post("/scans")
                .then().statusCode(400)
                .body("error", equalTo("invalid-request"))
                .body("errors.size()", equalTo(3))
                .body("errors[0]", startsWith("unknown probe s3; the catalog has sqs, account, iam"))
                .body("errors[1]", equalTo("unknown account 999999999999; it is not in the inventory"))
                .body("errors[2]", equalTo("EU-1 is not an AWS region name such as eu-west-1, nor global"));
    }

    @Test
    void unknownBodyFieldGives400() {
        given().contentType(ContentType.JSON).body("{\"account\": [\"111111111111\"]}")
                .when().post("/scans")
                .then().statusCode(400)
                .body("error", equalTo("invalid-request"))
                .body("errors", contains(
                        "unknown field account; the fields are accounts, tenants, probes, regions and trigger"));
    }

    @Test
    void malformedBodyGives400() {
        given().contentType(ContentType.JSON).body("{\"accounts\": \"111111111111\"}")
                .when().post("/scans")
                .then().statusCode(400)
                .body("errors", contains("accounts must be a list of strings"));
        given().contentType(ContentType.JSON).body("{\"accounts\": [")
                .when().post("/scans")
                .then().statusCode(400)
                .body("error", equalTo("invalid-request"))
                .body("errors[0]", startsWith("the body is not valid JSON: "));
        given().contentType(ContentType.JSON).body("[\"111111111111\"]")
                .when().post("/scans")
                .then().statusCode(400)
                .body("errors", contains("the body must be a JSON object"));
        given().contentType(ContentType.JSON).body("{\"trigger\": \"CRON\"}")
                .when().post("/scans")
                .then().statusCode(400)
                .body("errors", contains("trigger CRON is not API or CLI"));
    }

    @Test
    void nullRegionGives400() {
        given().contentType(ContentType.JSON).body("{\"regions\": [null]}")
                .when().post("/scans")
                .then().statusCode(400)
                .body("errors", contains("regions must not contain null or empty strings"));
    }

    @Test
    void trailingTextGives400() {
        given().contentType(ContentType.JSON).body("{\"accounts\": []} trailing")
                .when().post("/scans")
                .then().statusCode(400)
                .body("error", equalTo("invalid-request"));
    }

    @Test
    void duplicateFieldGives400() {
        given().contentType(ContentType.JSON)
                .body("{\"accounts\": [\"111111111111\"], \"accounts\": [\"222222222222\"]}")
                .when().post("/scans")
                .then().statusCode(400)
                .body("errors[0]", containsString("Duplicate field 'accounts'"));
    }

    @Test
    void manyUnknownAccountsListedBriefly() {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            ids.append(i == 0 ? "" : ",").append('"').append(String.format("%012d", 900_000_000_000L + i)).append('"');
        }
        given().contentType(ContentType.JSON).body("{\"accounts\": [" + ids + "]}")
                .when().post("/scans")
                .then().statusCode(400)
                .body("errors.size()", equalTo(101))
                .body("errors[100]", equalTo("and 400 more errors"));
    }

    @Test
    void inventoryOmitsExternalIds() {
        String body = given().when().get("/inventory").then().statusCode(200)
                .body("file", equalTo("accounts.yaml"))
                .body("accounts.id", contains("111111111111", "222222222222", "333333333333"))
                .body("accounts[0].roleArn", equalTo("arn:aws:iam::111111111111:role/SondaScanner"))
                .body("accounts[2].regions", contains("eu-west-1", "us-east-1"))
                .body("accounts[0].disabledControls[0].controlId", equalTo("Account.2"))
                .extract().asString();

        assertThat(body).doesNotContain(SECRET_EXTERNAL_ID).doesNotContain("ACME_DEV_EXTERNAL_ID")
                .doesNotContain("externalId");
    }

    @Test
    void invalidInventoryGives500OnGet() throws IOException {
        writeInventory("accounts:\n  - id: \"111111111111\"\n    name: acme-prod\n    tenant: acme\n");

        given().when().get("/inventory").then().statusCode(500)
                .body("error", equalTo("invalid-inventory"))
                .body("errors", contains("accounts.yaml line 2: accounts[0]: no regions to scan; set regions on the"
                        + " account or defaults.regions"));
    }

    @Test
    void probesListScopeAndControls() {
        given().when().get("/probes").then().statusCode(200)
                .body("probes.name", hasItems("sqs", "account", "iam"))
                .body("probes.find { it.name == 'sqs' }.scope", equalTo("REGIONAL"))
                .body("probes.find { it.name == 'account' }.scope", equalTo("GLOBAL"))
                .body("probes.find { it.name == 'sqs' }.enabled", equalTo(true))
                .body("probes.find { it.name == 'sqs' }.controls", contains("SQS.1", "SQS.2", "SQS.3"))
                .body("probes.find { it.name == 'iam' }.controls", hasItem("IAM.9"));
    }

    @Test
    void cronTickStartsScan() {
        await().atMost(KAFKA_TIMEOUT).until(() -> scans.scansPublishing() == 0);
        double before = registry.get("sonda.scheduler.scans.started").tag("trigger", "CRON").counter().count();

        cron.tick();

        assertThat(registry.get("sonda.scheduler.scans.started").tag("trigger", "CRON").counter().count())
                .isEqualTo(before + 1);
    }

    @Test
    void cronTickSkippedWhilePublishing() {
        double skipped = registry.get("sonda.scheduler.cron.skipped").counter().count();
        double started = registry.get("sonda.scheduler.scans.started").tag("trigger", "CRON").counter().count();

        metrics.scansPublishing().incrementAndGet();
        try {
            cron.tick();
        } finally {
            metrics.scansPublishing().decrementAndGet();
        }

        assertThat(registry.get("sonda.scheduler.cron.skipped").counter().count()).isEqualTo(skipped + 1);
        assertThat(registry.get("sonda.scheduler.scans.started").tag("trigger", "CRON").counter().count())
                .isEqualTo(started);
    }

    @Test
    void metricsExportedForPrometheus() {
        assertThat(postScan("{\"probes\": [\"iam\"]}").statusCode()).isEqualTo(202);

        await().atMost(KAFKA_TIMEOUT).untilAsserted(() -> {
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("sonda_scheduler_scans_started_total{trigger=\"API\"}");
            assertThat(metrics).contains("sonda_scheduler_tasks_published_total");
            assertThat(metrics).contains("sonda_scheduler_inventory_accounts 3.0");
        });
    }

    @Test
    void healthReportsInventory() {
        given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'sonda-inventory' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'sonda-inventory' }.data.accounts", equalTo(3));
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    private ConsumerRecord<String, byte[]> awaitAnnouncement(TopicReader topic, String scanId) {
        return await().atMost(KAFKA_TIMEOUT).until(
                () -> topic.poll().stream().filter(record -> scanId.equals(record.key())).findFirst().orElse(null),
                record -> record != null);
    }

    /**
     * Waits for the scan's tasks, then polls a little longer and checks that no more arrive than
     * expected. Every record read must pass {@link MessageCodec}.
     */
    private List<ConsumerRecord<String, byte[]>> awaitTasks(TopicReader topic, String scanId, int expected) {
        List<ConsumerRecord<String, byte[]>> tasks = new ArrayList<>();
        await().atMost(KAFKA_TIMEOUT).until(() -> {
            tasks.addAll(tasksOf(topic.poll(), scanId));
            return tasks.size() >= expected;
        });
        for (int i = 0; i < 5; i++) {
            tasks.addAll(tasksOf(topic.poll(), scanId));
        }
        assertThat(tasks).hasSize(expected);
        return tasks;
    }

    private List<ConsumerRecord<String, byte[]>> tasksOf(List<ConsumerRecord<String, byte[]>> records, String scanId) {
        return records.stream()
                .filter(record -> codec.<ScanTask>decode(record.value(), MessageType.SCAN_TASK).scanId().equals(scanId))
                .toList();
    }
}
