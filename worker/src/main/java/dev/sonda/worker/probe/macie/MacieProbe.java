package dev.sonda.worker.probe.macie;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.probe.AwsCalls;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import dev.sonda.worker.probe.macie.MacieInventory.Administrator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.macie2.Macie2Client;
import software.amazon.awssdk.services.macie2.model.Invitation;

/**
 * Macie.1 and Macie.2 in one region: GetMacieSession, and for Macie.2 in an account where Macie runs,
 * GetAdministratorAccount and, unless an administrator manages the account, GetAutomatedDiscoveryConfiguration.
 */
@ApplicationScoped
public class MacieProbe implements Probe {

    @Override
    public String name() {
        return "macie";
    }

    @Override
    public List<Finding> run(ProbeContext context) {
        boolean macie1 = context.enabled(MacieChecks.MACIE_1);
        boolean macie2 = context.enabled(MacieChecks.MACIE_2);
        if (!macie1 && !macie2) {
            return List.of();
        }
        AwsCalls calls = context.calls();
        Collected<String> session = calls.call("macie2", "GetMacieSession", null,
                () -> client(context).getMacieSession(request -> { }).statusAsString());
        Collected<Administrator> administrator = null;
        Collected<String> discovery = null;
        if (macie2 && session.isOk() && "ENABLED".equals(session.value())) {
            administrator = calls.call("macie2", "GetAdministratorAccount", null, () -> {
                Invitation found = client(context).getAdministratorAccount(request -> { }).administrator();
                return found == null ? Administrator.NONE
                        : new Administrator(found.accountId(), found.relationshipStatusAsString());
            });
            if (administrator.isOk() && !administrator.value().managed()) {
                discovery = calls.call("macie2", "GetAutomatedDiscoveryConfiguration", null,
                        () -> client(context).getAutomatedDiscoveryConfiguration(request -> { }).statusAsString());
            }
        }
        return MacieChecks.evaluate(new MacieInventory(session, administrator, discovery), context.enabledControls(),
                context.findings());
    }

    private static Macie2Client client(ProbeContext context) {
        return context.client(Macie2Client.class, AwsService.MACIE2);
    }
}
