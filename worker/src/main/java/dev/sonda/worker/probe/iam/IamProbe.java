package dev.sonda.worker.probe.iam;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The IAM controls, KMS.1 and KMS.2, once per account. IAM.23 looks at Access Analyzer in each
 * region the task lists, because analyzers are regional.
 */
@ApplicationScoped
public class IamProbe implements Probe {

    private final CredentialReportFetcher.Sleeper sleeper;

    public IamProbe() {
        this(duration -> Thread.sleep(duration));
    }

    IamProbe(CredentialReportFetcher.Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public String name() {
        return "iam";
    }

    @Override
    public List<Finding> run(ProbeContext context) {
        if (context.enabledControls().isEmpty()) {
            return List.of();
        }
        IamInventory inventory = new IamCollector(context, sleeper).collect();
        return IamChecks.evaluate(inventory, context.enabledControls(), context.findings(), context.now());
    }
}
