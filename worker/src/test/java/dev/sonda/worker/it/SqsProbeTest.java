package dev.sonda.worker.it;

import static dev.sonda.worker.it.WorkerTestSupport.assertFinding;
import static dev.sonda.worker.it.WorkerTestSupport.assertOnlyCatalogActions;
import static dev.sonda.worker.it.WorkerTestSupport.finding;
import static dev.sonda.worker.it.WorkerTestSupport.run;
import static dev.sonda.worker.it.WorkerTestSupport.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.proxy.FaultRule;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The sqs probe end to end: a task in on sonda.tasks, the result out on sonda.results, moto behind the proxy. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class SqsProbeTest extends ProxiedTestBase {

    private static final String PUBLIC_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Everyone","Effect":"Allow","Principal":"*",
            "Action":"sqs:SendMessage","Resource":"*"}]}""";
    private static final String PINNED_POLICY = """
            {"Version":"2012-10-17","Statement":{"Sid":"FromTopic","Effect":"Allow","Principal":{"AWS":"*"},
            "Action":"sqs:SendMessage","Resource":"*",
            "Condition":{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:eu-west-1:%s:alerts"}}}}""";

    @Inject
    MeterRegistry registry;

    private double throttledAttempts() {
        Counter counter = registry.find("sonda.worker.aws.throttled.attempts").tag("service", "sqs").counter();
        return counter == null ? 0 : counter.count();
    }

    private static String arn(String account, String region, String name) {
        return "arn:aws:sqs:" + region + ":" + account + ":" + name;
    }

    private SqsClient sqs(String account, Region region) {
        return AwsTestClients.client(SqsClient.builder(), proxy.endpoint(), account, region);
    }

    private void createQueue(SqsClient sqs, String name, Map<String, String> attributes, Map<String, String> tags) {
        sqs.createQueue(request -> request.queueName(name).attributesWithStrings(attributes).tags(tags));
    }

    @Test
    void taskInResultOutWithExactFindings() {
        String account = "111111111111";
        try (SqsClient sqs = sqs(account, Region.EU_WEST_1)) {
            createQueue(sqs, "orders", Map.of("SqsManagedSseEnabled", "true"), Map.of("owner", "payments"));
            createQueue(sqs, "orders-dlq", Map.of("SqsManagedSseEnabled", "false"), Map.of());
            createQueue(sqs, "alerts", Map.of("KmsMasterKeyId", "alias/aws/sqs", "SqsManagedSseEnabled", "false",
                    "Policy", PINNED_POLICY.formatted(account)), Map.of("owner", "security"));
            createQueue(sqs, "open", Map.of("SqsManagedSseEnabled", "true", "Policy", PUBLIC_POLICY),
                    Map.of("aws:cloudformation:stack-name", "legacy"));
        }
        ScanTask task = TestTasks.task(account, "eu-west-1", "sqs");
        proxy.clearRequests();

        ProbeResult result = run(task);

        assertOnlyCatalogActions(proxy, account, "sqs");
        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        assertThat(result.error()).isNull();
        assertThat(result.account().id()).isEqualTo(account);
        assertThat(result.region()).isEqualTo("eu-west-1");
        assertThat(result.probe()).isEqualTo("sqs");
        assertThat(result.findings()).hasSize(12);
        String orders = arn(account, "eu-west-1", "orders");
        String dlq = arn(account, "eu-west-1", "orders-dlq");
        String alerts = arn(account, "eu-west-1", "alerts");
        String open = arn(account, "eu-west-1", "open");
        assertFinding(finding(result, "SQS.1", orders), "SQS.1", "PASS", orders,
                "SQS queue orders encrypts messages at rest with SQS-managed keys (SSE-SQS).");
        assertFinding(finding(result, "SQS.2", orders), "SQS.2", "PASS", orders, "SQS queue orders has 1 tag.");
        assertFinding(finding(result, "SQS.3", orders), "SQS.3", "PASS", orders, "SQS queue orders has no access policy.");
        assertFinding(finding(result, "SQS.1", dlq), "SQS.1", "FAIL", dlq,
                "SQS queue orders-dlq does not encrypt messages at rest.");
        assertFinding(finding(result, "SQS.2", dlq), "SQS.2", "FAIL", dlq,
                "SQS queue orders-dlq has no tags other than aws: system tags.");
        assertFinding(finding(result, "SQS.3", dlq), "SQS.3", "PASS", dlq, "SQS queue orders-dlq has no access policy.");
        assertFinding(finding(result, "SQS.1", alerts), "SQS.1", "PASS", alerts,
                "SQS queue alerts encrypts messages at rest with KMS key alias/aws/sqs.");
        assertFinding(finding(result, "SQS.3", alerts), "SQS.3", "PASS", alerts,
                "SQS queue alerts has an access policy that does not allow public access.");
        assertFinding(finding(result, "SQS.3", open), "SQS.3", "FAIL", open,
                "SQS queue open allows public access in policy statement Everyone.");
        assertFinding(finding(result, "SQS.2", open), "SQS.2", "FAIL", open,
                "SQS queue open has no tags other than aws: system tags.");
        assertThat(result.findings()).allSatisfy(finding -> {
            assertThat(finding.region()).isEqualTo("eu-west-1");
            assertThat(finding.resourceType()).isEqualTo("AWS::SQS::Queue");
        });
        assertThat(result.summary().total()).isEqualTo(12);
        assertThat(result.summary().fail()).isEqualTo(4);
        assertThat(result.executionLog()).anySatisfy(entry -> {
            assertThat(entry.operation()).isEqualTo("ListQueues");
            assertThat(entry.httpStatus()).isEqualTo(200);
            assertThat(entry.attempts()).isEqualTo(1);
        });
    }

    @Test
    void taskDeliveredTwiceGivesTwoEqualResults() {
        String account = "100000000001";
        try (SqsClient sqs = sqs(account, Region.EU_WEST_1)) {
            createQueue(sqs, "twice", Map.of("SqsManagedSseEnabled", "true"), Map.of("owner", "team"));
        }
        ScanTask task = TestTasks.task(account, "eu-west-1", "sqs");

        KafkaTestClient.send(task);
        KafkaTestClient.send(task);
        List<ProbeResult> results = KafkaTestClient.awaitResults(task.taskId(), 2);

        assertThat(results).hasSize(2);
        assertThat(results.get(0).resultId()).isNotEqualTo(results.get(1).resultId());
        assertThat(results.get(0).taskId()).isEqualTo(results.get(1).taskId());
        assertThat(sorted(results.get(0))).isEqualTo(sorted(results.get(1)));
    }

    @Test
    void regionWithoutQueuesIsNotApplicable() {
        ScanTask task = TestTasks.task("100000000002", "ap-south-1", "sqs");

        ProbeResult result = run(task);

        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        assertThat(result.findings()).extracting(Finding::controlId).containsExactly("SQS.1", "SQS.2", "SQS.3");
        assertThat(result.findings()).allSatisfy(finding -> assertFinding(finding, finding.controlId(),
                "NOT_APPLICABLE", "arn:aws:sqs:ap-south-1:100000000002:*", "Region ap-south-1 has no SQS queues."));
    }

    @Test
    void deniedListQueuesIsOneErrorPerControl() {
        String account = "100000000003";
        addRule(FaultRule.service("sqs").operation("ListQueues").account(account).accessDenied());
        ScanTask task = TestTasks.task(account, "eu-west-1", "sqs");

        ProbeResult result = run(task);

        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        assertThat(result.findings()).hasSize(3).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
            assertThat(finding.resourceId()).isEqualTo("arn:aws:sqs:eu-west-1:100000000003:*");
            assertThat(finding.evidence()).containsEntry("operation", "ListQueues").containsEntry("errorCode", "AccessDenied");
        });
        assertThat(result.executionLog()).anySatisfy(entry -> {
            assertThat(entry.kind()).isEqualTo("HANDLED_ERROR");
            assertThat(entry.errorCode()).isEqualTo("AccessDenied");
        });
    }

    @Test
    void deniedQueueCallsAreErrorsOfTheirControls() {
        String account = "100000000004";
        try (SqsClient sqs = sqs(account, Region.EU_WEST_1)) {
            createQueue(sqs, "locked", Map.of("SqsManagedSseEnabled", "true"), Map.of("owner", "a"));
            createQueue(sqs, "untagged", Map.of("SqsManagedSseEnabled", "true"), Map.of("owner", "b"));
        }
        addRule(FaultRule.service("sqs").operation("GetQueueAttributes").account(account)
                .when(request -> request.body().contains("/locked")).accessDenied());
        addRule(FaultRule.service("sqs").operation("ListQueueTags").account(account)
                .when(request -> request.body().contains("/untagged")).accessDenied());
        ScanTask task = TestTasks.task(account, "eu-west-1", "sqs");

        ProbeResult result = run(task);

        String locked = arn(account, "eu-west-1", "locked");
        String untagged = arn(account, "eu-west-1", "untagged");
        assertThat(finding(result, "SQS.1", locked).status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding(result, "SQS.3", locked).status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding(result, "SQS.3", locked).evidence()).containsEntry("operation", "GetQueueAttributes");
        assertThat(finding(result, "SQS.2", locked).status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding(result, "SQS.2", untagged).status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding(result, "SQS.2", untagged).evidence()).containsEntry("operation", "ListQueueTags")
                .containsEntry("errorCode", "AccessDenied");
        assertThat(finding(result, "SQS.1", untagged).status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void throttledScanEndsWithTheSameFindings() {
        String account = "100000000005";
        try (SqsClient sqs = sqs(account, Region.EU_WEST_1)) {
            for (int i = 0; i < 4; i++) {
                createQueue(sqs, "busy-" + i, Map.of("SqsManagedSseEnabled", i % 2 == 0 ? "true" : "false"),
                        i < 2 ? Map.of("owner", "x") : Map.of());
            }
        }
        ScanTask calm = TestTasks.task(account, "eu-west-1", "sqs");
        KafkaTestClient.send(calm);
        ProbeResult unthrottled = KafkaTestClient.awaitResult(calm.taskId());

        double throttledBefore = throttledAttempts();
        FaultRule throttle = addRule(FaultRule.service("sqs").account(account).everyNth(2).maxHits(5)
                .description("throttle every second SQS call of account " + account + ", five times").throttle());
        ScanTask busy = TestTasks.task(account, "eu-west-1", "sqs");
        KafkaTestClient.send(busy);
        ProbeResult throttled = KafkaTestClient.awaitResult(busy.taskId());

        assertThat(throttle.hits()).isEqualTo(5);
        assertThat(throttledAttempts() - throttledBefore).isEqualTo(5);
        assertThat(sorted(throttled)).isEqualTo(sorted(unthrottled));
        assertThat(throttled.findings()).noneMatch(finding -> finding.status() == FindingStatus.ERROR);
        assertThat(throttled.executionLog()).anySatisfy(entry -> assertThat(entry.attempts()).isGreaterThan(1));
    }

    @Test
    void disabledControlIsNotApplicableWithoutApiCalls() {
        String account = "100000000013";
        try (SqsClient sqs = sqs(account, Region.EU_WEST_1)) {
            createQueue(sqs, "quiet", Map.of("SqsManagedSseEnabled", "true"), Map.of());
        }
        proxy.clearRequests();
        ScanTask task = TestTasks.task(account, "eu-west-1", "sqs",
                new DisabledControl("SQS.2", "Tags are managed by the customer's own tooling."));

        ProbeResult result = run(task);

        Finding disabled = result.findings().stream().filter(f -> f.controlId().equals("SQS.2")).findFirst().orElseThrow();
        assertFinding(disabled, "SQS.2", "NOT_APPLICABLE", "AWS::::Account:" + account,
                "SQS.2 is disabled for account " + account + " by the inventory.");
        assertThat(disabled.evidence()).containsEntry("disabledBy", "inventory")
                .containsEntry("reason", "Tags are managed by the customer's own tooling.");
        assertThat(finding(result, "SQS.1", arn(account, "eu-west-1", "quiet")).status()).isEqualTo(FindingStatus.PASS);
        assertThat(proxy.requestCount("sqs", "ListQueueTags", account)).isZero();
        assertThat(proxy.requestCount("sqs", "GetQueueAttributes", account)).isEqualTo(1);
    }
}
