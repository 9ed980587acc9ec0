package dev.sonda.testkit.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.SharedMoto;
import dev.sonda.testkit.proxy.FaultProxy;
import dev.sonda.testkit.proxy.FaultRule;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

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
        AwsSessionCredentials issued =
                AwsTestClients.assumeRole(endpoint, "222222222222", "SondaScanner", null, Region.US_EAST_1);
        MotoResource.proxy().addRule(FaultRule.service("iam").throttle());

        SharedMoto.reset();

        assertThat(MotoResource.proxy().rules()).isEmpty();
        assertThat(MotoResource.proxy().requests()).isEmpty();
        assertThat(MotoResource.proxy().accountOf(issued.accessKeyId())).isEqualTo(FaultProxy.DEFAULT_ACCOUNT);
        try (StsClient sts = StsClient.builder().endpointOverride(MotoResource.moto().endpoint())
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(issued))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            // moto no longer recognizes the key either, so both agree on the default account.
            assertThat(sts.getCallerIdentity().account()).isEqualTo(FaultProxy.DEFAULT_ACCOUNT);
        }
        try (SqsClient sqs = AwsTestClients.client(SqsClient.builder(), endpoint, "111111111111", Region.EU_WEST_1)) {
            assertThat(sqs.listQueues().queueUrls()).isEmpty();
        }
    }
}
