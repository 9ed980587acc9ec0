package dev.sonda.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import dev.sonda.worker.WorkerMetrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sonda.worker.max-tasks-in-flight caps the tasks processed at once. A budget of one request per
 * second keeps every task waiting for tokens long enough that queued tasks would overlap if the
 * cap did not hold them back.
 */
@QuarkusTest
@TestProfile(ConstrainedWorkerProfile.class)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class MaxTasksInFlightTest {

    private static final int TASKS = 6;

    @Inject
    WorkerMetrics metrics;

    @Test
    void tasksInFlightNeverExceedTheLimit() {
        List<ScanTask> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            tasks.add(TestTasks.task("100000000040", "sa-east-1", "sqs"));
        }

        tasks.forEach(KafkaTestClient::send);

        for (ScanTask task : tasks) {
            assertThat(KafkaTestClient.awaitResult(task.taskId()).outcome()).isEqualTo(ResultOutcome.COMPLETED);
        }
        assertThat(metrics.peakTasksInFlight()).isEqualTo(2);
    }
}
