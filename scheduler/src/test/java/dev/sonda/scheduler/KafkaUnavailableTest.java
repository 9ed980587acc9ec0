package dev.sonda.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.sonda.testkit.FreePorts;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A scan request while no broker answers gets 503, and no scan counts as started. */
@QuarkusTest
@TestProfile(KafkaUnavailableTest.NoBroker.class)
class KafkaUnavailableTest {

    /** Points the producers at a loopback port where nothing listens, and gives up quickly. */
    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kafka.bootstrap.servers", "127.0.0.1:" + FreePorts.pick(),
                    "sonda.scheduler.announce-timeout", "PT2S",
                    "mp.messaging.outgoing.scans.max.block.ms", "3000",
                    "mp.messaging.outgoing.tasks.max.block.ms", "3000");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    SchedulerConfig config;

    @Inject
    MeterRegistry registry;

    @Test
    void scanWithoutBrokerGives503() throws IOException {
        Files.createDirectories(config.inventory().toAbsolutePath().getParent());
        Files.writeString(config.inventory(), SchedulerApiTest.INVENTORY, StandardCharsets.UTF_8);

        given().contentType(ContentType.JSON).body("{}")
                .when().post("/scans")
                .then().statusCode(503)
                .body("error", equalTo("kafka-unavailable"))
                .body("message", startsWith("Kafka did not acknowledge the announcement of scan "));

        assertThat(registry.get("sonda.scheduler.scans.started").tag("trigger", "API").counter().count())
                .isZero();
        assertThat(registry.get("sonda.scheduler.scans.rejected").tag("trigger", "API").tag("reason", "KAFKA")
                .counter().count()).isEqualTo(1.0);
    }
}
