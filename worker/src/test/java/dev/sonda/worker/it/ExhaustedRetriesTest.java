package dev.sonda.worker.it;

import static dev.sonda.worker.it.WorkerTestSupport.finding;
import static dev.sonda.worker.it.WorkerTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.ExecutionLogEntry;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.proxy.FaultRule;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A call still throttled after its last attempt is an ERROR finding, never a PASS or FAIL. */
@QuarkusTest
@TestProfile(ConstrainedWorkerProfile.class)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class ExhaustedRetriesTest extends ProxiedTestBase {

    @Inject
    MeterRegistry registry;

    @Test
    void throttledPastEveryAttemptIsError() {
        String account = "100000000070";
        try (SqsClient sqs = AwsTestClients.client(SqsClient.builder(), proxy.endpoint(), account, Region.EU_WEST_1)) {
            sqs.createQueue(request -> request.queueName("hot")
                    .attributesWithStrings(Map.of("SqsManagedSseEnabled", "false")).tags(Map.of("owner", "x")));
        }
        FaultRule throttle = addRule(FaultRule.service("sqs").operation("GetQueueAttributes").account(account)
                .maxHits(3).throttle());
        ScanTask task = TestTasks.task(account, "eu-west-1", "sqs");

        ProbeResult result = run(task);

        String arn = "arn:aws:sqs:eu-west-1:" + account + ":hot";
        assertThat(throttle.hits()).isEqualTo(3);
        assertThat(finding(result, "SQS.1", arn).status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding(result, "SQS.1", arn).evidence()).containsEntry("errorKind", "THROTTLED")
                .containsEntry("operation", "GetQueueAttributes");
        assertThat(finding(result, "SQS.3", arn).status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding(result, "SQS.2", arn).status()).isEqualTo(FindingStatus.PASS);
        ExecutionLogEntry call = result.executionLog().stream()
                .filter(entry -> "API_CALL".equals(entry.kind()) && "GetQueueAttributes".equals(entry.operation()))
                .findFirst().orElseThrow();
        assertThat(call.attempts()).isEqualTo(3);
        assertThat(call.errorCode()).isNotBlank();
        Timer budgetWait = registry.find("sonda.worker.api.budget.wait").tag("service", "sqs").timer();
        assertThat(budgetWait).isNotNull();
        assertThat(budgetWait.count()).isPositive();
    }
}
