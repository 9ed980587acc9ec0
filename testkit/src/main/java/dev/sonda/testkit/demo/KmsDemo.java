package dev.sonda.testkit.demo;

import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.DemoEstate;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.proxy.FaultRule;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CreateKeyRequest;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * The KMS part of the demo estate (KMS.3, KMS.4, KMS.5). Keys are found again by their
 * description, so a second run creates no key. The CloudTrail part adds acme-prod's CloudTrail key
 * in us-east-1 the same way.
 *
 * <table>
 *   <caption>Contents</caption>
 *   <tr><th>Account</th><th>eu-west-1</th><th>us-east-1</th></tr>
 *   <tr><td>111111111111 acme-prod</td>
 *       <td>alias/acme-orders: symmetric, rotation on, default policy. An RSA_2048 signing key. A key
 *           presented as AWS managed (fixture).</td>
 *       <td>The CloudTrail key of the CloudTrail part: rotation on, default policy.</td></tr>
 *   <tr><td>222222222222 acme-dev</td>
 *       <td>alias/dev-scratch: symmetric, created without KeyUsage, rotation off, policy allowing
 *           kms:Decrypt to everyone. alias/dev-retired: scheduled for deletion in 7 days.</td>
 *       <td>No keys.</td></tr>
 *   <tr><td>333333333333 globex-prod</td>
 *       <td>alias/globex-invoices: rotation on, policy allowing {"AWS":"*"} pinned by
 *           kms:CallerAccount.</td>
 *       <td>alias/globex-reports: rotation on; an SCP denies kms:GetKeyPolicy here (fixture).</td></tr>
 * </table>
 */
public final class KmsDemo implements DemoPart {

    /** The description of acme-prod's key that the fixture presents as AWS managed. */
    static final String AWS_MANAGED_DESCRIPTION =
            "Default key that protects my S3 objects when no other key is defined";

    private static final Logger LOG = LoggerFactory.getLogger(KmsDemo.class);
    private static final String ACME_PROD = DemoEstate.ACME_PROD.id();
    private static final String ACME_DEV = DemoEstate.ACME_DEV.id();
    private static final String GLOBEX = DemoEstate.GLOBEX_PROD.id();
    private static final String PUBLIC_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Owner","Effect":"Allow",
            "Principal":{"AWS":"arn:aws:iam::%1$s:root"},"Action":"kms:*","Resource":"*"},
            {"Sid":"AnyoneDecrypts","Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}""";
    private static final String ACCOUNT_PINNED_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Owner","Effect":"Allow",
            "Principal":{"AWS":"arn:aws:iam::%1$s:root"},"Action":"kms:*","Resource":"*"},
            {"Sid":"AccountDecrypts","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt",
            "Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"%1$s"}}}]}""";

    @Override
    public void create(URI motoEndpoint) {
        try (KmsClient kms = kms(motoEndpoint, ACME_PROD, "eu-west-1")) {
            rotated(kms, ensureKey(kms, "Encrypts acme order data", request -> { }), "alias/acme-orders");
            ensureKey(kms, "Signs acme release manifests",
                    request -> request.keyUsage(KeyUsageType.SIGN_VERIFY).keySpec(KeySpec.RSA_2048));
            ensureKey(kms, AWS_MANAGED_DESCRIPTION, request -> request.keyUsage(KeyUsageType.ENCRYPT_DECRYPT));
        }
        try (KmsClient kms = kms(motoEndpoint, ACME_DEV, "eu-west-1")) {
            // No KeyUsage: moto then reports none, the state the probe must read as ENCRYPT_DECRYPT.
            KeyMetadata scratch = ensureKey(kms, "Scratch key for experiments",
                    request -> request.policy(PUBLIC_POLICY.formatted(ACME_DEV)));
            alias(kms, "alias/dev-scratch", scratch);
            KeyMetadata retired = ensureKey(kms, "Retired dev key", request -> { });
            alias(kms, "alias/dev-retired", retired);
            kms.scheduleKeyDeletion(request -> request.keyId(retired.keyId()).pendingWindowInDays(7));
        }
        try (KmsClient kms = kms(motoEndpoint, GLOBEX, "eu-west-1")) {
            rotated(kms, ensureKey(kms, "Encrypts globex invoices",
                    request -> request.policy(ACCOUNT_PINNED_POLICY.formatted(GLOBEX))), "alias/globex-invoices");
        }
        try (KmsClient kms = kms(motoEndpoint, GLOBEX, "us-east-1")) {
            rotated(kms, ensureKey(kms, "Encrypts globex reports", request -> { }), "alias/globex-reports");
        }
        LOG.info("Demo KMS estate created in accounts {}, {} and {}", ACME_PROD, ACME_DEV, GLOBEX);
    }

    @Override
    public List<FaultRule> fixtures() {
        return List.of(
                MotoGaps.awsManagedKeys(ACME_PROD, "eu-west-1", AWS_MANAGED_DESCRIPTION),
                // An SCP of globex's organization denies reading key policies in us-east-1.
                MotoGaps.scpDenies(GLOBEX, "kms", "GetKeyPolicy", "us-east-1"));
    }

    static KmsClient kms(URI endpoint, String account, String region) {
        return AwsTestClients.client(KmsClient.builder(), endpoint, account, Region.of(region));
    }

    /**
     * Returns the key with {@code description}, creating it with {@code options} when the region
     * has none: KMS key ids are random, so the description identifies a demo key.
     */
    static KeyMetadata ensureKey(KmsClient kms, String description, Consumer<CreateKeyRequest.Builder> options) {
        for (KeyListEntry key : kms.listKeysPaginator(request -> { }).keys()) {
            KeyMetadata metadata = kms.describeKey(request -> request.keyId(key.keyId())).keyMetadata();
            if (description.equals(metadata.description())) {
                return metadata;
            }
        }
        return kms.createKey(request -> {
            options.accept(request);
            request.description(description);
        }).keyMetadata();
    }

    /** Turns on automatic rotation and names the key; both calls can be repeated. */
    static void rotated(KmsClient kms, KeyMetadata key, String alias) {
        kms.enableKeyRotation(request -> request.keyId(key.keyId()));
        alias(kms, alias, key);
    }

    private static void alias(KmsClient kms, String alias, KeyMetadata key) {
        boolean exists = kms.listAliasesPaginator(request -> request.keyId(key.keyId())).aliases().stream()
                .anyMatch(entry -> entry.aliasName().equals(alias));
        if (!exists) {
            kms.createAlias(request -> request.aliasName(alias).targetKeyId(key.keyId()));
        }
    }
}
