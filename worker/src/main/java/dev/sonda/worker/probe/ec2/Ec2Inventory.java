package dev.sonda.worker.probe.ec2;

import dev.sonda.worker.probe.Collected;
import java.util.List;

/**
 * The VPCs of one account and region and their flow logs.
 *
 * @param vpcs DescribeVpcs
 * @param flowLogs DescribeFlowLogs filtered to the VPCs, or {@code null} when DescribeVpcs failed or found none
 */
public record Ec2Inventory(Collected<List<VpcRecord>> vpcs, Collected<List<FlowLogRecord>> flowLogs) {

    /**
     * A VPC.
     *
     * @param ownerId the account that owns the VPC; a VPC shared with this account is owned by another
     */
    public record VpcRecord(String vpcId, String ownerId, boolean isDefault) {
    }

    /**
     * A flow log.
     *
     * @param resourceId the VPC, subnet or network interface the flow log is attached to
     * @param trafficType ACCEPT, REJECT or ALL
     * @param flowLogStatus ACTIVE when the flow log is set up
     * @param deliverLogsStatus SUCCESS or FAILED, or {@code null}
     */
    public record FlowLogRecord(String flowLogId, String resourceId, String trafficType, String flowLogStatus,
            String deliverLogsStatus, String logDestinationType) {
    }
}
