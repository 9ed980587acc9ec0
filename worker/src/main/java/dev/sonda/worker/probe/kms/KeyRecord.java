package dev.sonda.worker.probe.kms;

import dev.sonda.worker.probe.Collected;
import java.util.List;

/**
 * One KMS key as the collector saw it.
 *
 * @param aliases the key's alias names, empty when it has none or ListAliases failed
 * @param details DescribeKey
 * @param rotation GetKeyRotationStatus, or {@code null} when KMS.4 is disabled or does not apply
 *     to the key
 * @param policy GetKeyPolicy of the default policy, or {@code null} when KMS.5 is disabled or the
 *     key is AWS managed
 */
public record KeyRecord(String keyId, String arn, List<String> aliases, Collected<KeyDetails> details,
        Collected<Rotation> rotation, Collected<String> policy) {

    public KeyRecord {
        aliases = List.copyOf(aliases);
    }

    /**
     * GetKeyRotationStatus of one key.
     *
     * @param periodInDays the rotation period, or {@code null} when KMS reported none
     */
    public record Rotation(boolean enabled, Integer periodInDays) {
    }

    /** Returns the key id with its first alias, for messages: {@code 1234abcd-... (alias/orders)}. */
    public String label() {
        return aliases.isEmpty() ? keyId : keyId + " (" + aliases.get(0) + ")";
    }
}
