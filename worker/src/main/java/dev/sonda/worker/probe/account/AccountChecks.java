package dev.sonda.worker.probe.account;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The pure checks Account.1, Account.2 and Account.ContactDetails over an {@link AccountInventory}. */
public final class AccountChecks {

    public static final String ACCOUNT_1 = "Account.1";
    public static final String ACCOUNT_2 = "Account.2";
    public static final String CONTACT_DETAILS = "Account.ContactDetails";

    /** The fields AWS requires in the primary contact (PutContactInformation). */
    static final List<String> REQUIRED_CONTACT_FIELDS = List.of("fullName", "addressLine1", "city", "postalCode",
            "countryCode", "phoneNumber");

    /** GetAlternateContact's error when the account has no contact of the requested type. */
    static final String NO_CONTACT = "ResourceNotFoundException";
    /** DescribeOrganization's error when the account is in no organization. */
    static final String NO_ORGANIZATION = "AWSOrganizationsNotInUseException";

    private AccountChecks() {
    }

    public static List<Finding> evaluate(AccountInventory inventory, Set<String> enabled, FindingFactory findings) {
        List<Finding> result = new ArrayList<>();
        if (enabled.contains(ACCOUNT_1)) {
            result.add(securityContact(inventory.securityContact(), findings));
        }
        if (enabled.contains(ACCOUNT_2)) {
            result.add(organization(inventory.organization(), findings));
        }
        if (enabled.contains(CONTACT_DETAILS)) {
            result.add(contactDetails(inventory.contactFields(), findings));
        }
        return result;
    }

    /**
     * Reports Account.ContactDetails as MANUAL: only a person can tell whether the contact is
     * current and reaches a team. The evidence names the fields that are set and the required ones
     * that are missing, never their values, because they are personal data.
     */
    static Finding contactDetails(Collected<List<String>> fields, FindingFactory findings) {
        String account = findings.accountId();
        Map<String, Object> evidence = new LinkedHashMap<>();
        if (fields.isOk() || fields.failedWith(NO_CONTACT)) {
            List<String> set = fields.isOk() ? fields.value() : List.of();
            List<String> missing = REQUIRED_CONTACT_FIELDS.stream().filter(field -> !set.contains(field)).toList();
            evidence.put("fieldsSet", set);
            evidence.put("requiredFieldsMissing", missing);
            String message = set.isEmpty()
                    ? "Account " + account + " has no primary contact information; register a current contact."
                    : "Account " + account + " has primary contact information with " + set.size() + " fields set"
                            + (missing.isEmpty() ? "" : " and " + missing.size() + " required fields missing")
                            + "; confirm that it is current and reaches a team.";
            return findings.finding(CONTACT_DETAILS, FindingStatus.MANUAL, findings.accountResource(), message,
                    evidence);
        }
        AwsError error = fields.error();
        return findings.error(CONTACT_DETAILS, findings.accountResource(), "Account " + account
                + " could not be checked for primary contact information: GetContactInformation failed with "
                + error.errorCode() + ".", error);
    }

    static Finding securityContact(Collected<Boolean> contact, FindingFactory findings) {
        String account = findings.accountId();
        if (contact.isOk() && contact.value()) {
            return findings.finding(ACCOUNT_1, FindingStatus.PASS, findings.accountResource(), "Account " + account
                    + " has a security alternate contact.", Map.of("alternateContactType", "SECURITY"));
        }
        if (contact.isOk() || contact.failedWith(NO_CONTACT)) {
            return findings.finding(ACCOUNT_1, FindingStatus.FAIL, findings.accountResource(), "Account " + account
                    + " has no security alternate contact.", Map.of("alternateContactType", "SECURITY",
                            "errorCode", NO_CONTACT));
        }
        AwsError error = contact.error();
        return findings.error(ACCOUNT_1, findings.accountResource(), "Account " + account
                + " could not be checked for a security alternate contact: GetAlternateContact failed with "
                + error.errorCode() + ".", error);
    }

    static Finding organization(Collected<AccountInventory.OrganizationInfo> organization, FindingFactory findings) {
        String account = findings.accountId();
        if (organization.isOk()) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("organizationId", organization.value().id());
            evidence.put("managementAccountId", organization.value().managementAccountId());
            return findings.finding(ACCOUNT_2, FindingStatus.PASS, findings.accountResource(), "Account " + account
                    + " is a member of organization " + organization.value().id() + ".", evidence);
        }
        if (organization.failedWith(NO_ORGANIZATION)) {
            return findings.finding(ACCOUNT_2, FindingStatus.FAIL, findings.accountResource(), "Account " + account
                    + " is not a member of an AWS Organizations organization.", Map.of("errorCode", NO_ORGANIZATION));
        }
        AwsError error = organization.error();
        return findings.error(ACCOUNT_2, findings.accountResource(), "Account " + account
                + " could not be checked for organization membership: DescribeOrganization failed with "
                + error.errorCode() + ".", error);
    }
}
