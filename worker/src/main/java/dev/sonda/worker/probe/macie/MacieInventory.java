package dev.sonda.worker.probe.macie;

import dev.sonda.worker.probe.Collected;

/**
 * Amazon Macie in one account and region.
 *
 * @param sessionStatus GetMacieSession's status (ENABLED or PAUSED), or its error; AWS rejects the call for an
 *     account without Macie (see {@link MacieChecks#isMacieNotEnabled})
 * @param administrator GetAdministratorAccount, or {@code null} when Macie.2 is disabled or Macie is not ENABLED
 * @param discoveryStatus GetAutomatedDiscoveryConfiguration's status (ENABLED or DISABLED), or {@code null} when
 *     it was not read: Macie.2 disabled, Macie not ENABLED, or the account is a Macie member
 */
public record MacieInventory(Collected<String> sessionStatus, Collected<Administrator> administrator,
        Collected<String> discoveryStatus) {

    /**
     * The Macie administrator account of a member account.
     *
     * @param accountId the administrator's account id, or {@code null} when the account has no administrator
     * @param relationshipStatus for example {@code Enabled} or {@code Paused}, or {@code null}
     */
    public record Administrator(String accountId, String relationshipStatus) {

        public static final Administrator NONE = new Administrator(null, null);

        /** Returns whether an administrator account manages this account's Macie settings. */
        public boolean managed() {
            return accountId != null && "Enabled".equalsIgnoreCase(relationshipStatus);
        }
    }
}
