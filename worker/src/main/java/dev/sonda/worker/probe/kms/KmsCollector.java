package dev.sonda.worker.probe.kms;

import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.AwsCalls;
import dev.sonda.worker.probe.Collected;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * Reads the KMS keys of one region: ListKeys and ListAliases once, then DescribeKey per key, and
 * GetKeyRotationStatus and GetKeyPolicy only for the keys the enabled controls look at. KMS
 * shares one request quota among its read APIs, so keys are read one after the other.
 */
final class KmsCollector {

    static final String SERVICE = "kms";
    /** The largest page ListKeys and ListAliases return. */
    private static final int PAGE_SIZE = 1000;
    /** The only key policy name KMS supports. */
    private static final String DEFAULT_POLICY = "default";

    private final Supplier<KmsClient> kms;
    private final AwsCalls calls;

    private record ListedKey(String keyId, String arn) {
    }

    KmsCollector(Supplier<KmsClient> kms, AwsCalls calls) {
        this.kms = kms;
        this.calls = calls;
    }

    /**
     * @param needRotation whether KMS.4 is enabled
     * @param needPolicy whether KMS.5 is enabled
     */
    KmsInventory collect(boolean needRotation, boolean needPolicy) {
        Collected<List<ListedKey>> listed = calls.call(SERVICE, "ListKeys", null, () -> {
            List<ListedKey> all = new ArrayList<>();
            kms.get().listKeysPaginator(request -> request.limit(PAGE_SIZE))
                    .keys()
                    .forEach(key -> all.add(new ListedKey(key.keyId(), key.keyArn())));
            return all;
        });
        if (!listed.isOk()) {
            return new KmsInventory(listed.error(), List.of());
        }
        Map<String, List<String>> aliases = aliases();
        List<KeyRecord> keys = new ArrayList<>(listed.value().size());
        for (ListedKey key : listed.value()) {
            String keyId = key.keyId();
            Collected<KeyDetails> details = calls.call(SERVICE, "DescribeKey", keyId,
                    () -> details(kms.get().describeKey(request -> request.keyId(keyId)).keyMetadata()));
            if (details.failedWith(AwsErrorKind.NOT_FOUND)) {
                calls.log().note("KMS key " + keyId + " was deleted while the probe ran; it is left out.");
                continue;
            }
            Collected<KeyRecord.Rotation> rotation = null;
            Collected<String> policy = null;
            if (details.isOk()) {
                if (needRotation && KmsChecks.rotationNotApplicableReason(details.value()) == null) {
                    rotation = calls.call(SERVICE, "GetKeyRotationStatus", keyId, () -> rotation(kms.get()
                            .getKeyRotationStatus(request -> request.keyId(keyId))));
                }
                if (needPolicy && details.value().isCustomerManaged()) {
                    policy = calls.call(SERVICE, "GetKeyPolicy", keyId, () -> kms.get()
                            .getKeyPolicy(request -> request.keyId(keyId).policyName(DEFAULT_POLICY))
                            .policy());
                }
            }
            List<String> keyAliases = aliases.getOrDefault(keyId, List.of());
            keys.add(new KeyRecord(keyId, key.arn(), keyAliases, details, rotation, policy));
        }
        return new KmsInventory(null, keys);
    }

    /** Alias names by target key id. Aliases only make messages readable, so a failure leaves them out. */
    private Map<String, List<String>> aliases() {
        Collected<Map<String, List<String>>> aliases = calls.call(SERVICE, "ListAliases", null, () -> {
            Map<String, List<String>> byKey = new HashMap<>();
            kms.get().listAliasesPaginator(request -> request.limit(PAGE_SIZE))
                    .aliases()
                    .forEach(alias -> {
                        if (alias.targetKeyId() != null) {
                            byKey.computeIfAbsent(alias.targetKeyId(), id -> new ArrayList<>()).add(alias.aliasName());
                        }
                    });
            return byKey;
        });
        if (!aliases.isOk()) {
            calls.log().note("KMS aliases could not be listed (" + aliases.error().errorCode()
                    + "); findings name keys by id only.");
            return Map.of();
        }
        return aliases.value();
    }

    private static KeyDetails details(KeyMetadata metadata) {
        return new KeyDetails(metadata.keyManagerAsString(), metadata.keyStateAsString(), metadata.keySpecAsString(),
                metadata.keyUsageAsString(), metadata.originAsString(), metadata.deletionDate(),
                metadata.pendingDeletionWindowInDays());
    }

    private static KeyRecord.Rotation rotation(GetKeyRotationStatusResponse response) {
        return new KeyRecord.Rotation(Boolean.TRUE.equals(response.keyRotationEnabled()),
                response.rotationPeriodInDays());
    }
}
