package dev.sonda.worker.probe.accessanalyzer;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.accessanalyzer.AccessAnalyzerClient;

/**
 * IAM.28 in one region. Analyzers are regional, and CIS requires an external access analyzer in
 * every enabled region, so this is a regional probe even though the control belongs to IAM.
 */
@ApplicationScoped
public class AccessAnalyzerProbe implements Probe {

    @Override
    public String name() {
        return "accessanalyzer";
    }

    @Override
    public List<Finding> run(ProbeContext context) {
        if (!context.enabled(AccessAnalyzerChecks.IAM_28)) {
            return List.of();
        }
        // All types in one listing: the FAIL message names the analyzers that do not count.
        Collected<List<AnalyzerRecord>> analyzers = context.calls().call("access-analyzer", "ListAnalyzers", null,
                () -> {
                    List<AnalyzerRecord> all = new ArrayList<>();
                    context.client(AccessAnalyzerClient.class, AwsService.ACCESS_ANALYZER)
                            .listAnalyzersPaginator(request -> { })
                            .analyzers()
                            .forEach(analyzer -> all.add(new AnalyzerRecord(analyzer.name(), analyzer.arn(),
                                    analyzer.typeAsString(), analyzer.statusAsString())));
                    return List.copyOf(all);
                });
        return AccessAnalyzerChecks.evaluate(analyzers, context.enabledControls(), context.findings());
    }
}
