package dev.sonda.testkit.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.SharedMoto;
import dev.sonda.testkit.proxy.FaultRule;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

class MotoResourceTest {

    @Test
    void endpointOverrideIsSharedProxy() {
        MotoResource resource = new MotoResource();

        Map<String, String> config = resource.start();

        assertThat(config).containsOnlyKeys(MotoResource.ENDPOINT_OVERRIDE);
        URI endpoint = URI.create(config.get(MotoResource.ENDPOINT_OVERRIDE));
        assertThat(endpoint).isEqualTo(MotoResource.proxy().endpoint());
        assertThat(MotoResource.proxy().target()).isEqualTo(MotoResource.moto().endpoint());
        assertThat(new MotoResource().start()).isEqualTo(config);
        resource.stop();
    }

    @Test
    void resetClearsMotoAndRules() {
        URI endpoint = MotoResource.proxy().endpoint();
        try (SqsClient sqs = AwsTestClients.client(SqsClient.builder(), endpoint, "111111111111", Region.EU_WEST_1)) {
            sqs.createQueue(r -> r.queueName("before-reset"));
        }
        MotoResource.proxy().addRule(FaultRule.service("iam").throttle());

        SharedMoto.reset();

        assertThat(MotoResource.proxy().rules()).isEmpty();
        assertThat(MotoResource.proxy().requests()).isEmpty();
        try (SqsClient sqs = AwsTestClients.client(SqsClient.builder(), endpoint, "111111111111", Region.EU_WEST_1)) {
            assertThat(sqs.listQueues().queueUrls()).isEmpty();
        }
    }
}
