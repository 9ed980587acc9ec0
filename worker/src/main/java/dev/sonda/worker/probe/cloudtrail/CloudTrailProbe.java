package dev.sonda.worker.probe.cloudtrail;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * CloudTrail.1-7, CloudTrail.9, S3.22 and S3.23, once per account over every region the
 * inventory lists for it.
 *
 * <p>A global probe rather than a regional one, because a multi-Region or organization trail
 * covers every region: as a regional probe each region would report the same account-level
 * findings again, and a trail-level finding would appear once per region that shows the trail's
 * shadow copy. Run once per account, the probe lists trails in each region, keeps each trail once
 * by ARN, and evaluates it in its home region.
 */
@ApplicationScoped
public class CloudTrailProbe implements Probe {

    @Override
    public String name() {
        return "cloudtrail";
    }

    @Override
    public List<Finding> run(ProbeContext context) {
        if (CloudTrailChecks.CONTROLS.stream().noneMatch(context::enabled)) {
            return List.of();
        }
        boolean selectors = context.enabled(CloudTrailChecks.CLOUDTRAIL_1) || context.enabled(CloudTrailChecks.S3_22)
                || context.enabled(CloudTrailChecks.S3_23);
        CloudTrailCollector.Needs needs = new CloudTrailCollector.Needs(
                selectors,
                context.enabled(CloudTrailChecks.CLOUDTRAIL_3),
                context.enabled(CloudTrailChecks.CLOUDTRAIL_5),
                selectors,
                context.enabled(CloudTrailChecks.CLOUDTRAIL_9),
                context.enabled(CloudTrailChecks.CLOUDTRAIL_6),
                context.enabled(CloudTrailChecks.CLOUDTRAIL_7));
        CloudTrailCollector collector = new CloudTrailCollector(
                region -> context.client(CloudTrailClient.class, AwsService.CLOUDTRAIL, region),
                region -> context.client(S3Client.class, AwsService.S3, region),
                region -> context.client(S3ControlClient.class, AwsService.S3_CONTROL, region),
                context.calls(), context.accountId());
        CloudTrailInventory inventory = collector.collect(context.accountRegions(), needs);
        return CloudTrailChecks.evaluate(inventory, context.enabledControls(), context.findings(), context.now());
    }
}
