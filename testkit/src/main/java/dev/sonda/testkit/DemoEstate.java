package dev.sonda.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sonda.testkit.demo.DemoPart;
import dev.sonda.testkit.demo.DemoParts;
import dev.sonda.testkit.proxy.FaultProxy;
import dev.sonda.testkit.proxy.FaultRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.model.AlternateContactType;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AlreadyInOrganizationException;
import software.amazon.awssdk.services.organizations.model.OrganizationFeatureSet;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The demo estate Sonda scans by default: three accounts of two tenants in a local moto server,
 * created through the AWS SDK's own create calls as an operator would create them.
 *
 * <p>{@link #create(URI)} builds the estate in moto and returns the accounts inventory (YAML) and
 * the {@link MotoGaps} fixtures the scan needs, for the {@link FaultProxy} the worker talks to.
 * Every account scans {@code eu-west-1} and {@code us-east-1} through role
 * {@value #ROLE_NAME} with external id {@code sonda-demo-<account name>}.
 *
 * <table>
 *   <caption>Contents</caption>
 *   <tr><th>Account</th><th>eu-west-1</th><th>us-east-1</th><th>Account level</th></tr>
 *   <tr><td>111111111111 acme-prod (acme)</td>
 *       <td>{@code orders}: SQS-managed SSE, tag owner=payments, no policy.<br>
 *           {@code orders-dlq}: no encryption, tag owner=payments, no policy.</td>
 *       <td>{@code audit-events}: KMS key alias/aws/sqs, tag owner=security, public policy
 *           pinned by aws:SourceArn to an SNS topic.</td>
 *       <td>Security contact; management account of an organization; root MFA on (fixture).</td></tr>
 *   <tr><td>222222222222 acme-dev (acme)</td>
 *       <td>{@code scratch}: no encryption, no tags, policy allowing sqs:* to everyone.</td>
 *       <td>No queues.</td>
 *       <td>No security contact; no organization; root password without MFA (fixture).</td></tr>
 *   <tr><td>333333333333 globex-prod (globex)</td>
 *       <td>{@code invoices}: KMS key alias/globex-sqs, no tags, no policy.<br>
 *           {@code partner-feed}: SQS-managed SSE, tag owner=integrations, policy for
 *           {"AWS":"*"} pinned by aws:PrincipalOrgID.</td>
 *       <td>{@code reports}: SQS-managed SSE, tag owner=finance, no policy; an SCP denies
 *           sqs:GetQueueAttributes here (fixture).</td>
 *       <td>Security contact; no organization, and the inventory disables Account.2; root
 *           without credentials (fixture).</td></tr>
 * </table>
 *
 * <p>Creating the estate twice in the same moto server changes nothing the second time.
 */
public final class DemoEstate {

    /** The role every demo account is scanned through. */
    public static final String ROLE_NAME = "SondaScanner";
    /** The regions every demo account is scanned in. */
    public static final List<String> REGIONS = List.of("eu-west-1", "us-east-1");

    public static final DemoAccount ACME_PROD = new DemoAccount("111111111111", "acme-prod", "acme");
    public static final DemoAccount ACME_DEV = new DemoAccount("222222222222", "acme-dev", "acme");
    public static final DemoAccount GLOBEX_PROD = new DemoAccount("333333333333", "globex-prod", "globex");
    public static final List<DemoAccount> ACCOUNTS = List.of(ACME_PROD, ACME_DEV, GLOBEX_PROD);

    private static final Logger LOG = LoggerFactory.getLogger(DemoEstate.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GLOBEX_ACCOUNT_2_REASON = "Standalone account by contract; not in an organization.";

    /** One account of the demo estate. */
    public record DemoAccount(String id, String name, String tenant) {

        public String roleArn() {
            return "arn:aws:iam::" + id + ":role/" + ROLE_NAME;
        }

        public String externalId() {
            return "sonda-demo-" + name;
        }
    }

    /**
     * The estate as built: the inventory to scan it with and the fixtures to install on the
     * proxy the worker uses. The fixtures are new rule objects on every {@link #create} call, with
     * their own hit counters.
     */
    public record Estate(String inventoryYaml, List<FaultRule> fixtures) {

        public Estate {
            fixtures = List.copyOf(fixtures);
        }

        /** Adds every fixture to the proxy, after its existing rules. */
        public void installFixtures(FaultProxy proxy) {
            proxy.addRules(fixtures);
        }

        /** Writes the inventory to {@code file}, creating its directory, and returns the file. */
        public Path writeInventory(Path file) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                return Files.writeString(file, inventoryYaml);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the demo inventory to " + file, e);
            }
        }
    }

    private DemoEstate() {
    }

    /**
     * Creates the demo estate in the moto server at {@code motoEndpoint}, talking to moto
     * directly (not through a proxy), and returns its inventory and fixtures.
     */
    public static Estate create(URI motoEndpoint) {
        LOG.info("Creating the demo estate in moto at {}", motoEndpoint);
        createAcmeProd(motoEndpoint);
        createAcmeDev(motoEndpoint);
        createGlobexProd(motoEndpoint);
        for (DemoPart part : DemoParts.all()) {
            part.create(motoEndpoint);
        }
        LOG.info("Demo estate created: {} accounts in regions {}", ACCOUNTS.size(), REGIONS);
        return new Estate(inventoryYaml(), fixtures());
    }

    /** Returns the accounts inventory of the demo estate, in the format the scheduler reads. */
    public static String inventoryYaml() {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Sonda demo estate: three accounts in a local moto server (see DemoEstate).\n");
        yaml.append("accounts:\n");
        for (DemoAccount account : ACCOUNTS) {
            yaml.append("  - id: \"").append(account.id()).append("\"\n");
            yaml.append("    name: ").append(account.name()).append('\n');
            yaml.append("    tenant: ").append(account.tenant()).append('\n');
            yaml.append("    roleArn: ").append(account.roleArn()).append('\n');
            yaml.append("    externalId: ").append(account.externalId()).append('\n');
            yaml.append("    regions: [").append(String.join(", ", REGIONS)).append("]\n");
            if (account.equals(GLOBEX_PROD)) {
                yaml.append("    disabledControls:\n");
                yaml.append("      - id: Account.2\n");
                yaml.append("        reason: \"").append(GLOBEX_ACCOUNT_2_REASON).append("\"\n");
            }
        }
        return yaml.toString();
    }

    /** Returns new instances of the fixtures the demo scan needs, in the order to install them. */
    public static List<FaultRule> fixtures() {
        List<FaultRule> fixtures = new ArrayList<>(List.of(
                MotoGaps.rootMfaEnabled(ACME_PROD.id()),
                MotoGaps.rootMfaDisabled(ACME_DEV.id()),
                MotoGaps.rootWithoutCredentials(GLOBEX_PROD.id()),
                // An SCP of globex's organization denies reading queue attributes in us-east-1.
                MotoGaps.scpDenies(GLOBEX_PROD.id(), "sqs", "GetQueueAttributes", "us-east-1")));
        for (DemoPart part : DemoParts.all()) {
            fixtures.addAll(part.fixtures());
        }
        return List.copyOf(fixtures);
    }

    private static void createAcmeProd(URI endpoint) {
        String account = ACME_PROD.id();
        try (SqsClient sqs = sqs(endpoint, account, "eu-west-1")) {
            createQueue(sqs, "orders", Map.of(QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "true"),
                    Map.of("owner", "payments"), null);
            createQueue(sqs, "orders-dlq", Map.of(QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "false"),
                    Map.of("owner", "payments"), null);
        }
        try (SqsClient sqs = sqs(endpoint, account, "us-east-1")) {
            String arn = queueArn("us-east-1", account, "audit-events");
            ObjectNode statement = allowStatement("AllowAuditTopic", JSON.getNodeFactory().textNode("*"),
                    "sqs:SendMessage", arn);
            statement.putObject("Condition").putObject("ArnEquals")
                    .put("aws:SourceArn", "arn:aws:sns:us-east-1:" + account + ":audit");
            createQueue(sqs, "audit-events", kmsEncryption("alias/aws/sqs"), Map.of("owner", "security"),
                    policy(statement));
        }
        putSecurityContact(endpoint, account, "Acme Security Operations", "security@acme.example");
        try (OrganizationsClient organizations = AwsTestClients.client(
                OrganizationsClient.builder(), endpoint, account, Region.US_EAST_1)) {
            organizations.createOrganization(request -> request.featureSet(OrganizationFeatureSet.ALL));
        } catch (AlreadyInOrganizationException e) {
            LOG.debug("Account {} is already in an organization; keeping it", account);
        }
    }

    private static void createAcmeDev(URI endpoint) {
        String account = ACME_DEV.id();
        try (SqsClient sqs = sqs(endpoint, account, "eu-west-1")) {
            String arn = queueArn("eu-west-1", account, "scratch");
            ObjectNode statement = allowStatement("AllowEveryone", JSON.getNodeFactory().textNode("*"), "sqs:*", arn);
            createQueue(sqs, "scratch", Map.of(QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "false"), Map.of(),
                    policy(statement));
        }
        // us-east-1 has no queues, no security contact is registered, and no organization exists.
    }

    private static void createGlobexProd(URI endpoint) {
        String account = GLOBEX_PROD.id();
        try (SqsClient sqs = sqs(endpoint, account, "eu-west-1")) {
            createQueue(sqs, "invoices", kmsEncryption("alias/globex-sqs"), Map.of(), null);
            String arn = queueArn("eu-west-1", account, "partner-feed");
            ObjectNode principal = JSON.createObjectNode().put("AWS", "*");
            ObjectNode statement = allowStatement("AllowGlobexOrganization", principal, "sqs:SendMessage", arn);
            statement.putObject("Condition").putObject("StringEquals").put("aws:PrincipalOrgID", "o-globex1234");
            createQueue(sqs, "partner-feed", Map.of(QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "true"),
                    Map.of("owner", "integrations"), policy(statement));
        }
        try (SqsClient sqs = sqs(endpoint, account, "us-east-1")) {
            createQueue(sqs, "reports", Map.of(QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "true"),
                    Map.of("owner", "finance"), null);
        }
        putSecurityContact(endpoint, account, "Globex Security Desk", "security@globex.example");
    }

    private static SqsClient sqs(URI endpoint, String account, String region) {
        return AwsTestClients.client(SqsClient.builder(), endpoint, account, Region.of(region));
    }

    /**
     * Creates a queue, then sets its policy and tags with their own calls, as an operator would.
     * SQS returns the existing queue when it is created again with the same attributes, and the
     * policy and tag calls overwrite, so a second run changes nothing.
     */
    private static void createQueue(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes,
            Map<String, String> tags, String policy) {
        String url = sqs.createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
        if (policy != null) {
            sqs.setQueueAttributes(request -> request.queueUrl(url)
                    .attributes(Map.of(QueueAttributeName.POLICY, policy)));
        }
        if (!tags.isEmpty()) {
            sqs.tagQueue(request -> request.queueUrl(url).tags(tags));
        }
    }

    /**
     * Returns the attributes of a queue encrypted with a KMS key. SQS supports one kind of
     * server-side encryption per queue, so such a queue has {@code SqsManagedSseEnabled=false}.
     * moto 5.2.1 reports {@code true} unless the attribute is set, which would hide the KMS path of
     * the encryption check.
     */
    private static Map<QueueAttributeName, String> kmsEncryption(String keyId) {
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        attributes.put(QueueAttributeName.KMS_MASTER_KEY_ID, keyId);
        attributes.put(QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "false");
        return attributes;
    }

    private static void putSecurityContact(URI endpoint, String account, String name, String email) {
        try (AccountClient client = AwsTestClients.client(AccountClient.builder(), endpoint, account, Region.US_EAST_1)) {
            client.putAlternateContact(request -> request
                    .alternateContactType(AlternateContactType.SECURITY)
                    .name(name)
                    .title("Security Lead")
                    .emailAddress(email)
                    .phoneNumber("+1-555-0100"));
        }
    }

    private static String queueArn(String region, String account, String name) {
        return "arn:aws:sqs:" + region + ":" + account + ":" + name;
    }

    private static ObjectNode allowStatement(String sid, JsonNode principal,
            String action, String resource) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        statement.set("Principal", principal);
        statement.put("Action", action);
        statement.put("Resource", resource);
        return statement;
    }

    private static String policy(ObjectNode statement) {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        statements.add(statement);
        return policy.toString();
    }
}
