package dev.sonda.worker.probe.kms;

import dev.sonda.worker.aws.AwsError;
import java.util.List;

/**
 * The KMS keys of one account and region.
 *
 * @param listError why ListKeys failed, or {@code null}; when set, {@code keys} is empty, because
 *     a partial list would silently drop keys from the account's score
 */
public record KmsInventory(AwsError listError, List<KeyRecord> keys) {

    public KmsInventory {
        keys = List.copyOf(keys);
    }
}
