package dev.sonda.worker.probe.securityhub;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.probe.AwsCalls;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import dev.sonda.worker.probe.securityhub.SecurityHubInventory.EnabledStandard;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/** SecurityHub.Enabled (CIS 4.16) in one region: DescribeHub, then GetEnabledStandards for the evidence. */
@ApplicationScoped
public class SecurityHubProbe implements Probe {

    @Override
    public String name() {
        return "securityhub";
    }

    @Override
    public List<Finding> run(ProbeContext context) {
        if (!context.enabled(SecurityHubChecks.SECURITY_HUB_ENABLED)) {
            return List.of();
        }
        AwsCalls calls = context.calls();
        Collected<String> hub = calls.call("securityhub", "DescribeHub", null,
                () -> client(context).describeHub(request -> { }).hubArn());
        Collected<List<EnabledStandard>> standards = null;
        if (hub.isOk()) {
            standards = calls.call("securityhub", "GetEnabledStandards", null, () -> {
                List<EnabledStandard> found = new ArrayList<>();
                client(context).getEnabledStandardsPaginator(request -> { }).standardsSubscriptions()
                        .forEach(subscription -> found.add(new EnabledStandard(subscription.standardsArn(),
                                subscription.standardsStatusAsString())));
                return List.copyOf(found);
            });
        }
        return SecurityHubChecks.evaluate(new SecurityHubInventory(hub, standards), context.enabledControls(),
                context.findings());
    }

    private static SecurityHubClient client(ProbeContext context) {
        return context.client(SecurityHubClient.class, AwsService.SECURITY_HUB);
    }
}
