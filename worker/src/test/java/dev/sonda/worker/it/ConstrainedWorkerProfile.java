package dev.sonda.worker.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A worker with little room: two tasks in flight, one request per second per API, and three
 * attempts per call, so that tests can watch the caps act without long waits.
 */
public class ConstrainedWorkerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "sonda.worker.max-tasks-in-flight", "2",
                "sonda.worker.api-budget.default-rate", "1",
                "sonda.worker.api-budget.default-burst", "1",
                "sonda.worker.aws.max-attempts", "3");
    }
}
