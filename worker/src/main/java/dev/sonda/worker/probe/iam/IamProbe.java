package dev.sonda.worker.probe.iam;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;

/** IAM.9, once per account, from GetAccountSummary. */
@ApplicationScoped
public class IamProbe implements Probe {

    @Override
    public String name() {
        return "iam";
    }

    @Override
    public List<Finding> run(ProbeContext context) {
        if (!context.enabled(IamChecks.IAM_9)) {
            return List.of();
        }
        Collected<Map<String, Integer>> summary = context.calls().call("iam", "GetAccountSummary", null,
                () -> Map.copyOf(context.client(IamClient.class, AwsService.IAM)
                        .getAccountSummary(request -> { })
                        .summaryMapAsStrings()));
        return IamChecks.evaluate(new IamInventory(summary), context.enabledControls(), context.findings());
    }
}
