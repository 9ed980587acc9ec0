package dev.sonda.worker.probe.account;

import dev.sonda.worker.probe.Collected;

/**
 * Account-level settings read for Account.1 and Account.2.
 *
 * @param securityContact whether GetAlternateContact(SECURITY) returned a contact, or
 *     {@code null} when Account.1 is disabled
 * @param organization DescribeOrganization, or {@code null} when Account.2 is disabled
 */
public record AccountInventory(Collected<Boolean> securityContact, Collected<OrganizationInfo> organization) {

    /** The organization an account belongs to. */
    public record OrganizationInfo(String id, String managementAccountId) {
    }
}
