package dev.sonda.worker.probe.account;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.probe.AwsCalls;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.model.AlternateContactType;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Organization;

/** Account.1 (security contact) and Account.2 (organization membership), once per account. */
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
        return AccountChecks.evaluate(new AccountInventory(contact, organization), context.enabledControls(),
                context.findings());
    }
}
