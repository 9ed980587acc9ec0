package dev.sonda.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sonda.contracts.inventory.Inventory;
import dev.sonda.contracts.inventory.InventoryAccount;
import dev.sonda.contracts.inventory.InventoryParser;
import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.testkit.DemoEstate.Estate;
import dev.sonda.testkit.demo.DemoParts;
import dev.sonda.testkit.proxy.FaultProxy;
import dev.sonda.testkit.proxy.FaultRule;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.model.AlternateContactType;
import software.amazon.awssdk.services.account.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class DemoEstateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static MotoServer moto;
    private static Estate estate;

    @BeforeAll
    static void createEstate() {
        moto = MotoServer.start();
        estate = DemoEstate.create(moto.endpoint());
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    /** Attributes and tags of one queue, read straight from moto. */
    private record QueueState(Map<QueueAttributeName, String> attributes, Map<String, String> tags) {

        String attribute(QueueAttributeName name) {
            return attributes.get(name);
        }

        JsonNode policy() throws Exception {
            return JSON.readTree(attributes.get(QueueAttributeName.POLICY));
        }
    }

    private static Map<String, QueueState> queues(String account, String region) {
        URI endpoint = moto.endpoint();
        try (SqsClient sqs = AwsTestClients.client(SqsClient.builder(), endpoint, account, Region.of(region))) {
            Map<String, QueueState> queues = new TreeMap<>();
            for (String url : sqs.listQueues().queueUrls()) {
                var attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                        .attributes();
                var tags = sqs.listQueueTags(r -> r.queueUrl(url)).tags();
                queues.put(url.substring(url.lastIndexOf('/') + 1), new QueueState(attributes, tags));
            }
            return queues;
        }
    }

    private static boolean hasSecurityContact(String account) {
        try (AccountClient client = AwsTestClients.client(AccountClient.builder(), moto.endpoint(), account,
                Region.US_EAST_1)) {
            client.getAlternateContact(r -> r.alternateContactType(AlternateContactType.SECURITY));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static String organizationMaster(String account) {
        try (OrganizationsClient client = AwsTestClients.client(OrganizationsClient.builder(), moto.endpoint(),
                account, Region.US_EAST_1)) {
            return client.describeOrganization().organization().masterAccountId();
        } catch (AwsOrganizationsNotInUseException e) {
            return null;
        }
    }

    @Test
    void estateReadsBackAsIntended() throws Exception {
        Map<String, QueueState> acmeWest = queues("111111111111", "eu-west-1");
        assertThat(acmeWest).containsOnlyKeys("orders", "orders-dlq");
        QueueState orders = acmeWest.get("orders");
        assertThat(orders.attribute(QueueAttributeName.SQS_MANAGED_SSE_ENABLED)).isEqualTo("true");
        assertThat(orders.attributes()).doesNotContainKey(QueueAttributeName.POLICY);
        assertThat(orders.tags()).isEqualTo(Map.of("owner", "payments"));
        QueueState ordersDlq = acmeWest.get("orders-dlq");
        assertThat(ordersDlq.attribute(QueueAttributeName.SQS_MANAGED_SSE_ENABLED)).isEqualTo("false");
        assertThat(ordersDlq.attributes()).doesNotContainKey(QueueAttributeName.KMS_MASTER_KEY_ID);
        assertThat(ordersDlq.attributes()).doesNotContainKey(QueueAttributeName.POLICY);
        assertThat(ordersDlq.tags()).isEqualTo(Map.of("owner", "payments"));

        Map<String, QueueState> acmeEast = queues("111111111111", "us-east-1");
        assertThat(acmeEast).containsOnlyKeys("audit-events");
        QueueState audit = acmeEast.get("audit-events");
        assertThat(audit.attribute(QueueAttributeName.KMS_MASTER_KEY_ID)).isEqualTo("alias/aws/sqs");
        assertThat(audit.tags()).isEqualTo(Map.of("owner", "security"));
        JsonNode auditStatement = audit.policy().path("Statement").get(0);
        assertThat(auditStatement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(auditStatement.path("Principal").asText()).isEqualTo("*");
        assertThat(auditStatement.path("Action").asText()).isEqualTo("sqs:SendMessage");
        assertThat(auditStatement.path("Resource").asText()).isEqualTo("arn:aws:sqs:us-east-1:111111111111:audit-events");
        assertThat(auditStatement.at("/Condition/ArnEquals/aws:SourceArn").asText())
                .isEqualTo("arn:aws:sns:us-east-1:111111111111:audit");

        Map<String, QueueState> devWest = queues("222222222222", "eu-west-1");
        assertThat(devWest).containsOnlyKeys("scratch");
        QueueState scratch = devWest.get("scratch");
        assertThat(scratch.attribute(QueueAttributeName.SQS_MANAGED_SSE_ENABLED)).isEqualTo("false");
        assertThat(scratch.tags()).isEmpty();
        JsonNode scratchStatement = scratch.policy().path("Statement").get(0);
        assertThat(scratchStatement.path("Principal").asText()).isEqualTo("*");
        assertThat(scratchStatement.path("Action").asText()).isEqualTo("sqs:*");
        assertThat(scratchStatement.has("Condition")).isFalse();
        assertThat(queues("222222222222", "us-east-1")).isEmpty();

        Map<String, QueueState> globexWest = queues("333333333333", "eu-west-1");
        assertThat(globexWest).containsOnlyKeys("invoices", "partner-feed");
        QueueState invoices = globexWest.get("invoices");
        assertThat(invoices.attribute(QueueAttributeName.KMS_MASTER_KEY_ID)).isEqualTo("alias/globex-sqs");
        assertThat(invoices.attribute(QueueAttributeName.SQS_MANAGED_SSE_ENABLED)).isEqualTo("false");
        assertThat(invoices.tags()).isEmpty();
        assertThat(invoices.attributes()).doesNotContainKey(QueueAttributeName.POLICY);
        QueueState partnerFeed = globexWest.get("partner-feed");
        assertThat(partnerFeed.attribute(QueueAttributeName.SQS_MANAGED_SSE_ENABLED)).isEqualTo("true");
        assertThat(partnerFeed.tags()).isEqualTo(Map.of("owner", "integrations"));
        JsonNode partnerStatement = partnerFeed.policy().path("Statement").get(0);
        assertThat(partnerStatement.at("/Principal/AWS").asText()).isEqualTo("*");
        assertThat(partnerStatement.at("/Condition/StringEquals/aws:PrincipalOrgID").asText()).isEqualTo("o-globex1234");
        Map<String, QueueState> globexEast = queues("333333333333", "us-east-1");
        assertThat(globexEast).containsOnlyKeys("reports");
        assertThat(globexEast.get("reports").attribute(QueueAttributeName.SQS_MANAGED_SSE_ENABLED)).isEqualTo("true");
        assertThat(globexEast.get("reports").tags()).isEqualTo(Map.of("owner", "finance"));
        assertThat(globexEast.get("reports").attributes()).doesNotContainKey(QueueAttributeName.POLICY);

        assertThat(hasSecurityContact("111111111111")).isTrue();
        assertThat(hasSecurityContact("222222222222")).isFalse();
        assertThat(hasSecurityContact("333333333333")).isTrue();
        assertThat(organizationMaster("111111111111")).isEqualTo("111111111111");
        assertThat(organizationMaster("222222222222")).isNull();
        assertThat(organizationMaster("333333333333")).isNull();
    }

    @Test
    void inventoryParsesAsIntended(@TempDir Path temp) {
        Inventory inventory = InventoryParser.load(estate.writeInventory(temp.resolve("demo/inventory.yaml")));

        assertThat(inventory.accounts()).extracting(InventoryAccount::id)
                .containsExactly("111111111111", "222222222222", "333333333333");
        InventoryAccount acmeProd = inventory.account("111111111111").orElseThrow();
        assertThat(acmeProd.name()).isEqualTo("acme-prod");
        assertThat(acmeProd.tenant()).isEqualTo("acme");
        assertThat(acmeProd.roleArn()).isEqualTo("arn:aws:iam::111111111111:role/SondaScanner");
        assertThat(acmeProd.externalId()).isEqualTo("sonda-demo-acme-prod");
        assertThat(acmeProd.regions()).containsExactly("eu-west-1", "us-east-1");
        assertThat(acmeProd.disabledControls()).isEmpty();
        assertThat(inventory.account("222222222222").orElseThrow().tenant()).isEqualTo("acme");
        InventoryAccount globex = inventory.account("333333333333").orElseThrow();
        assertThat(globex.tenant()).isEqualTo("globex");
        assertThat(globex.externalId()).isEqualTo("sonda-demo-globex-prod");
        assertThat(globex.disabledControls()).containsExactly(
                new DisabledControl("Account.2", "Standalone account by contract; not in an organization."));
    }

    @Test
    void fixturesApplyThroughProxy() {
        try (FaultProxy proxy = FaultProxy.start(moto.endpoint())) {
            List<FaultRule> fixtures = DemoEstate.fixtures();
            proxy.addRules(fixtures);

            for (var account : DemoEstate.ACCOUNTS) {
                try (IamClient iam = AwsTestClients.client(IamClient.builder(), proxy.endpoint(), account.id(),
                        Region.US_EAST_1)) {
                    assertThat(iam.getAccountSummary().summaryMapAsStrings()).containsKey("AccountPasswordPresent");
                }
            }
            try (SqsClient sqs = AwsTestClients.client(SqsClient.builder(), proxy.endpoint(), "333333333333",
                    Region.US_EAST_1)) {
                String url = sqs.getQueueUrl(r -> r.queueName("reports")).queueUrl();
                assertThatThrownBy(() -> sqs.getQueueAttributes(r -> r.queueUrl(url)))
                        .isInstanceOfSatisfying(AwsServiceException.class, error ->
                                assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }
            // The estate's own fixtures are hit above; each demo part's tests exercise the part's fixtures.
            int partFixtures = DemoParts.all().stream().mapToInt(part -> part.fixtures().size()).sum();
            assertThat(fixtures.subList(0, fixtures.size() - partFixtures))
                    .allSatisfy(rule -> assertThat(rule.hits()).isEqualTo(1));
        }
    }

    @Test
    void secondCreateChangesNothing() {
        Map<String, QueueState> before = queues("333333333333", "eu-west-1");

        Estate again = DemoEstate.create(moto.endpoint());

        assertThat(again.inventoryYaml()).isEqualTo(estate.inventoryYaml());
        assertThat(queues("333333333333", "eu-west-1").keySet()).isEqualTo(before.keySet());
        assertThat(queues("333333333333", "eu-west-1").get("partner-feed").tags())
                .isEqualTo(before.get("partner-feed").tags());
        assertThat(organizationMaster("111111111111")).isEqualTo("111111111111");
    }
}
