package dev.sonda.worker.probe.kms;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.kms.KmsClient;

/** KMS.3, KMS.4 and KMS.5 in one region. */
@ApplicationScoped
public class KmsProbe implements Probe {

    @Override
    public String name() {
        return "kms";
    }

    @Override
    public List<Finding> run(ProbeContext context) {
        if (KmsChecks.CONTROLS.stream().noneMatch(context::enabled)) {
            return List.of();
        }
        KmsCollector collector = new KmsCollector(() -> context.client(KmsClient.class, AwsService.KMS),
                context.calls());
        KmsInventory inventory = collector.collect(context.enabled(KmsChecks.KMS_4), context.enabled(KmsChecks.KMS_5));
        return KmsChecks.evaluate(inventory, context.enabledControls(), context.findings());
    }
}
