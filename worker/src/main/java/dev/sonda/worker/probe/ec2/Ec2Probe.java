package dev.sonda.worker.probe.ec2;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.probe.AwsCalls;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import dev.sonda.worker.probe.ec2.Ec2Inventory.FlowLogRecord;
import dev.sonda.worker.probe.ec2.Ec2Inventory.VpcRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * EC2.6 in one region: DescribeVpcs, then DescribeFlowLogs filtered to those VPCs in batches, rather than one call
 * per VPC, which EC2's per-action request limits would punish in large estates.
 */
@ApplicationScoped
public class Ec2Probe implements Probe {

    /** VPC ids per DescribeFlowLogs call. The default VPC quota is 5 per region, so one call is the usual case. */
    static final int VPC_IDS_PER_CALL = 100;

    @Override
    public String name() {
        return "ec2";
    }

    @Override
    public List<Finding> run(ProbeContext context) {
        if (!context.enabled(Ec2Checks.EC2_6)) {
            return List.of();
        }
        AwsCalls calls = context.calls();
        Collected<List<VpcRecord>> vpcs = calls.call("ec2", "DescribeVpcs", null, () -> {
            List<VpcRecord> found = new ArrayList<>();
            client(context).describeVpcsPaginator(request -> { }).vpcs().forEach(vpc -> found.add(
                    new VpcRecord(vpc.vpcId(), vpc.ownerId(), Boolean.TRUE.equals(vpc.isDefault()))));
            return List.copyOf(found);
        });
        Collected<List<FlowLogRecord>> flowLogs = null;
        if (vpcs.isOk() && !vpcs.value().isEmpty()) {
            List<String> ids = vpcs.value().stream().map(VpcRecord::vpcId).toList();
            flowLogs = calls.call("ec2", "DescribeFlowLogs", null, () -> flowLogs(context, ids));
        }
        return Ec2Checks.evaluate(new Ec2Inventory(vpcs, flowLogs), context.enabledControls(), context.findings());
    }

    private static List<FlowLogRecord> flowLogs(ProbeContext context, List<String> vpcIds) {
        List<FlowLogRecord> found = new ArrayList<>();
        for (int start = 0; start < vpcIds.size(); start += VPC_IDS_PER_CALL) {
            List<String> batch = vpcIds.subList(start, Math.min(vpcIds.size(), start + VPC_IDS_PER_CALL));
            Filter byVpc = Filter.builder().name("resource-id").values(batch).build();
            client(context).describeFlowLogsPaginator(request -> request.filter(byVpc)).flowLogs()
                    .forEach(flowLog -> found.add(new FlowLogRecord(flowLog.flowLogId(), flowLog.resourceId(),
                            flowLog.trafficTypeAsString(), flowLog.flowLogStatus(), flowLog.deliverLogsStatus(),
                            flowLog.logDestinationTypeAsString())));
        }
        return List.copyOf(found);
    }

    private static Ec2Client client(ProbeContext context) {
        return context.client(Ec2Client.class, AwsService.EC2);
    }
}
