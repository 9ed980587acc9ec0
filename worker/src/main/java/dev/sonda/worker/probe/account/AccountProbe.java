package dev.sonda.worker.probe.account;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.probe.AwsCalls;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.model.AlternateContactType;
import software.amazon.awssdk.services.account.model.ContactInformation;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Organization;

/**
 * Account.1 (security contact), Account.2 (organization membership) and Account.ContactDetails
 * (primary contact, manual), once per account.
 */
@ApplicationScoped
public class AccountProbe implements Probe {

    @Override
    public String name() {
        return "account";
    }

    @Override
    public List<Finding> run(ProbeContext context) {
        AwsCalls calls = context.calls();
        Collected<Boolean> contact = null;
        if (context.enabled(AccountChecks.ACCOUNT_1)) {
            contact = calls.call("account", "GetAlternateContact", "SECURITY", () -> context
                    .client(AccountClient.class, AwsService.ACCOUNT)
                    .getAlternateContact(request -> request.alternateContactType(AlternateContactType.SECURITY))
                    .alternateContact() != null);
        }
        Collected<AccountInventory.OrganizationInfo> organization = null;
        if (context.enabled(AccountChecks.ACCOUNT_2)) {
            organization = calls.call("organizations", "DescribeOrganization", null, () -> {
                Organization found = context.client(OrganizationsClient.class, AwsService.ORGANIZATIONS)
                        .describeOrganization(request -> { })
                        .organization();
                return new AccountInventory.OrganizationInfo(found.id(), found.masterAccountId());
            });
        }
        Collected<List<String>> contactFields = null;
        if (context.enabled(AccountChecks.CONTACT_DETAILS)) {
            contactFields = calls.call("account", "GetContactInformation", null, () -> contactFields(context
                    .client(AccountClient.class, AwsService.ACCOUNT)
                    .getContactInformation(request -> { })
                    .contactInformation()));
        }
        return AccountChecks.evaluate(new AccountInventory(contact, organization, contactFields),
                context.enabledControls(), context.findings());
    }

    /** Returns the names of the fields that have a value; the values stay here. */
    static List<String> contactFields(ContactInformation contact) {
        if (contact == null) {
            return List.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("fullName", contact.fullName());
        fields.put("companyName", contact.companyName());
        fields.put("addressLine1", contact.addressLine1());
        fields.put("addressLine2", contact.addressLine2());
        fields.put("addressLine3", contact.addressLine3());
        fields.put("city", contact.city());
        fields.put("districtOrCounty", contact.districtOrCounty());
        fields.put("stateOrRegion", contact.stateOrRegion());
        fields.put("postalCode", contact.postalCode());
        fields.put("countryCode", contact.countryCode());
        fields.put("phoneNumber", contact.phoneNumber());
        fields.put("websiteUrl", contact.websiteUrl());
        return fields.entrySet().stream()
                .filter(field -> field.getValue() != null && !field.getValue().isBlank())
                .map(Map.Entry::getKey)
                .toList();
    }
}
