package dev.sonda.testkit.quarkus;

import dev.sonda.testkit.EmbeddedKafka;
import dev.sonda.testkit.SharedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus test at the shared real Kafka broker of this JVM, with Sonda's topics created.
 * Use with {@code @QuarkusTestResource(KafkaResource.class)} and Dev Services turned off.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        EmbeddedKafka kafka = SharedKafka.get();
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.kafka-streams.bootstrap-servers", kafka.bootstrapServers(),
                "quarkus.kafka.devservices.enabled", "false",
                "quarkus.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The broker outlives each test class and stops with the JVM (SharedKafka).
    }
}
