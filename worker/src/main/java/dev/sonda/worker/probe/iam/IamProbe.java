package dev.sonda.worker.probe.iam;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.WorkerConfig;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The IAM controls, KMS.1 and KMS.2, once per account. IAM.23 looks at Access Analyzer in each
 * region the task lists, because analyzers are regional.
 */
@ApplicationScoped
public class IamProbe implements Probe {

    private final CredentialReportFetcher.Polling polling;
    private final CredentialReportFetcher.Sleeper sleeper;

    @Inject
    public IamProbe(WorkerConfig config) {
        this(new CredentialReportFetcher.Polling(config.credentialReport().firstPollInterval(),
                config.credentialReport().maxPollInterval(), config.credentialReport().maxWait()),
                duration -> Thread.sleep(duration));
    }

    IamProbe(CredentialReportFetcher.Polling polling, CredentialReportFetcher.Sleeper sleeper) {
        this.polling = polling;
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
        IamInventory inventory = new IamCollector(context, polling, sleeper).collect();
        return IamChecks.evaluate(inventory, context.enabledControls(), context.findings(), context.now());
    }
}
