package dev.sonda.worker.probe.config;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * Config.1 and Config.RecordingAllRegions, once per account over every region the inventory lists
 * for it. A global probe, because the recording of global IAM resources is one account-level fact
 * that a regional task could not decide, while each region still gets its own finding. Both
 * controls read the same three calls per region, which are made once.
 */
@ApplicationScoped
public class ConfigProbe implements Probe {

    @Override
    public String name() {
        return "config";
    }

    @Override
    public List<Finding> run(ProbeContext context) {
        if (ConfigChecks.CONTROLS.stream().noneMatch(context::enabled)) {
            return List.of();
        }
        ConfigCollector collector = new ConfigCollector(
                region -> context.client(ConfigClient.class, AwsService.CONFIG, region), context.calls());
        return ConfigChecks.evaluate(collector.collect(context.accountRegions()), context.enabledControls(),
                context.findings());
    }
}
