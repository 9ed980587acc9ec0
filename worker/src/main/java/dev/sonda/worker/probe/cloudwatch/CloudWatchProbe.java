package dev.sonda.worker.probe.cloudwatch;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * CloudWatch.1 to CloudWatch.14 and CloudWatch.OrganizationsChanges (CIS 4.1 to 4.15), once per account.
 *
 * <p>The probe is global because one good chain anywhere satisfies a control: a multi-Region trail records every
 * region's events into one log group, and a regional scope would report the regions without that log group as
 * failing. It reads trails in one of the task's regions and follows each chain into the regions its ARNs name.
 */
@ApplicationScoped
public class CloudWatchProbe implements Probe {

    @Override
    public String name() {
        return "cloudwatch";
    }

    @Override
    public List<Finding> run(ProbeContext context) {
        List<MonitoredActivity> activities = CloudWatchChecks.enabledActivities(context.enabledControls());
        if (activities.isEmpty()) {
            return List.of();
        }
        MonitoringInventory inventory = new MonitoringCollector(context).collect(activities);
        return CloudWatchChecks.evaluate(inventory, context.enabledControls(), context.findings());
    }
}
