package dev.sonda.contracts.messages;

/**
 * The account a task scans and how to reach it.
 *
 * @param roleArn role to assume in the account, or {@code null} to use the worker's own credentials
 * @param externalIdRef reference that the worker resolves to the role's external id; the external
 *     id itself never travels in a message
 */
public record TaskAccount(String id, String name, String tenant, String roleArn, String externalIdRef) {

    public AccountRef ref() {
        return new AccountRef(id, name, tenant);
    }
}
