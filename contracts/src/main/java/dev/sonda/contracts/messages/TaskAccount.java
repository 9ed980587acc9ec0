package dev.sonda.contracts.messages;

/**
 * The account a task scans and how to reach it.
 *
 * @param roleArn role to assume in the account, or {@code null} to use the worker's own credentials
 * @param externalIdRef reference that the worker resolves to the role's external id
 *     ({@code env:NAME}, {@code file:PATH} or {@code inventory:<accountId>}); the external id
 *     itself never travels in a message
 */
public record TaskAccount(String id, String name, String tenant, String roleArn, String externalIdRef) {

    /**
     * Prefix of an {@code externalIdRef} that points into the inventory: {@code inventory:<accountId>}
     * means the {@code externalId} of that account in the worker's copy of the inventory file.
     */
    public static final String INVENTORY_REF_PREFIX = "inventory:";

    public AccountRef ref() {
        return new AccountRef(id, name, tenant);
    }
}
