package dev.sonda.worker.probe.kms;

import java.time.Instant;

/**
 * The DescribeKey fields the KMS controls read.
 *
 * @param keyManager {@code CUSTOMER} or {@code AWS}
 * @param keyState {@code Enabled}, {@code Disabled}, {@code PendingDeletion}, ...
 * @param keyUsage {@code ENCRYPT_DECRYPT}, {@code SIGN_VERIFY}, ..., or {@code null} when
 *     DescribeKey returned none (moto does so for keys created without one)
 * @param origin {@code AWS_KMS}, {@code EXTERNAL}, {@code AWS_CLOUDHSM} or {@code EXTERNAL_KEY_STORE}
 * @param deletionDate when a key pending deletion is deleted, or {@code null}
 * @param pendingDeletionWindowInDays the waiting period of a key pending deletion, or {@code null}
 */
public record KeyDetails(String keyManager, String keyState, String keySpec, String keyUsage, String origin,
        Instant deletionDate, Integer pendingDeletionWindowInDays) {

    public static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
    public static final String ENCRYPT_DECRYPT = "ENCRYPT_DECRYPT";

    public boolean isCustomerManaged() {
        return "CUSTOMER".equals(keyManager);
    }

    public boolean isPendingDeletion() {
        return "PendingDeletion".equals(keyState) || "PendingReplicaDeletion".equals(keyState);
    }

    /**
     * Returns the key usage, with a missing one taken as {@code ENCRYPT_DECRYPT} for a
     * {@code SYMMETRIC_DEFAULT} key, the only usage KMS allows for that key spec.
     */
    public String effectiveKeyUsage() {
        if ((keyUsage == null || keyUsage.isBlank()) && SYMMETRIC_DEFAULT.equals(keySpec)) {
            return ENCRYPT_DECRYPT;
        }
        return keyUsage;
    }
}
