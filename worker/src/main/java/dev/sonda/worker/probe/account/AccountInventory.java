package dev.sonda.worker.probe.account;

import dev.sonda.worker.probe.Collected;
import java.util.List;

/**
 * Account-level settings read for Account.1, Account.2 and Account.ContactDetails.
 *
 * @param securityContact whether GetAlternateContact(SECURITY) returned a contact, or
 *     {@code null} when Account.1 is disabled
 * @param organization DescribeOrganization, or {@code null} when Account.2 is disabled
 * @param contactFields the names of the primary contact fields that GetContactInformation
 *     returned with a value, never the values, or {@code null} when Account.ContactDetails is
 *     disabled
 */
public record AccountInventory(Collected<Boolean> securityContact, Collected<OrganizationInfo> organization,
        Collected<List<String>> contactFields) {

    /** Creates an inventory without contact information, for runs with Account.ContactDetails disabled. */
    public AccountInventory(Collected<Boolean> securityContact, Collected<OrganizationInfo> organization) {
        this(securityContact, organization, null);
    }

    /** The organization an account belongs to. */
    public record OrganizationInfo(String id, String managementAccountId) {
    }
}
