package dev.sonda.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.Topics;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.contracts.messages.TaskAccount;
import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.proxy.FaultRule;
import dev.sonda.testkit.proxy.IssuedCredentials;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * No message on any topic, no log line of the worker and no metric carries a credential that STS
 * issued during the test run. The test runs tasks of its own, among them failing ones, and then
 * also inspects whatever the tests before it produced.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class CredentialLeakTest extends ProxiedTestBase {

    @TestHTTPResource("/q/metrics")
    URI metrics;

    private List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        for (IssuedCredentials credentials : proxy.issuedCredentials()) {
            secrets.addAll(credentials.secrets());
        }
        secrets.add(System.getProperty("aws.secretAccessKey"));
        return secrets;
    }

    private void runTasksThatUseCredentials() {
        String accountId = "100000000060";
        try (SqsClient sqs = AwsTestClients.client(SqsClient.builder(), proxy.endpoint(), accountId, Region.EU_WEST_1)) {
            sqs.createQueue(request -> request.queueName("leak-check"));
        }
        addRule(FaultRule.service("sqs").operation("ListQueueTags").account(accountId).accessDenied());
        List<ScanTask> tasks = List.of(
                TestTasks.task(accountId, "eu-west-1", "sqs"),
                TestTasks.task(accountId, "global", "account"),
                TestTasks.task(new TaskAccount(accountId, "wrong", "tests", TestTasks.roleArn("100000000061"), null),
                        "global", "iam", Instant.now().plus(Duration.ofHours(1))));
        tasks.forEach(KafkaTestClient::send);
        tasks.forEach(task -> KafkaTestClient.awaitResult(task.taskId()));
    }

    @Test
    void noIssuedCredentialInMessagesLogsOrMetrics() throws Exception {
        runTasksThatUseCredentials();
        List<String> secrets = secrets();
        assertThat(proxy.issuedCredentials()).extracting(IssuedCredentials::account)
                .contains("100000000060", "100000000061");

        StringBuilder published = new StringBuilder();
        for (String topic : List.of(Topics.TASKS, Topics.RESULTS, Topics.DEAD_LETTER)) {
            for (ConsumerRecord<String, byte[]> record : KafkaTestClient.readAll(topic)) {
                published.append(record.key()).append('\n').append(new String(record.value(), StandardCharsets.UTF_8));
                for (Header header : record.headers()) {
                    published.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        }
        StringBuilder logs = new StringBuilder();
        try (var files = Files.list(Path.of("target"))) {
            for (Path file : files.filter(path -> path.getFileName().toString().startsWith("worker-test.log")).toList()) {
                logs.append(Files.readString(file));
            }
        }
        String logText = logs.toString();
        String metricsText = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(published.length()).isGreaterThan(0);
        assertThat(logText).contains("Task finished");
        assertThat(metricsText).contains("sonda_worker_tasks_total").contains("sonda_worker_tasks_in_flight")
                .contains("sonda_worker_aws_calls_total").contains("sonda_worker_sts_assume_role_total");
        for (String secret : secrets) {
            assertThat(published.toString()).as("messages on Sonda's topics").doesNotContain(secret);
            assertThat(logText).as("the worker's log").doesNotContain(secret);
            assertThat(metricsText).as("the worker's metrics").doesNotContain(secret);
        }
    }
}
