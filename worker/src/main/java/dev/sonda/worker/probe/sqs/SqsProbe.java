package dev.sonda.worker.probe.sqs;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SQS.1, SQS.2 and SQS.3 in one region. */
@ApplicationScoped
public class SqsProbe implements Probe {

    @Override
    public String name() {
        return "sqs";
    }

    @Override
    public List<Finding> run(ProbeContext context) {
        boolean needAttributes = context.enabled(SqsChecks.SQS_1) || context.enabled(SqsChecks.SQS_3);
        boolean needTags = context.enabled(SqsChecks.SQS_2);
        if (!needAttributes && !needTags) {
            return List.of();
        }
        SqsCollector collector = new SqsCollector(() -> context.client(SqsClient.class, AwsService.SQS),
                context.calls(), context.accountId(), context.region());
        SqsInventory inventory = collector.collect(needAttributes, needTags);
        return SqsChecks.evaluate(inventory, context.enabledControls(), context.findings());
    }
}
