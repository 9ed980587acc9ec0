package dev.sonda.worker.probe.ec2;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.probe.FindingFactory;
import dev.sonda.worker.probe.ec2.Ec2Inventory.FlowLogRecord;
import dev.sonda.worker.probe.ec2.Ec2Inventory.VpcRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The pure check EC2.6 (VPC flow logs, CIS 3.7) over an {@link Ec2Inventory}. */
public final class Ec2Checks {

    public static final String EC2_6 = "EC2.6";

    /** Traffic types that record rejected traffic, the minimum CIS requires a flow log to capture. */
    static final Set<String> ACCEPTED_TRAFFIC_TYPES = Set.of("REJECT", "ALL");

    private Ec2Checks() {
    }

    public static List<Finding> evaluate(Ec2Inventory inventory, Set<String> enabled, FindingFactory findings) {
        if (!enabled.contains(EC2_6)) {
            return List.of();
        }
        String region = findings.region();
        String account = findings.accountId();
        String regionResource = vpcArn(region, account, "*");
        if (!inventory.vpcs().isOk()) {
            AwsError error = inventory.vpcs().error();
            return List.of(findings.error(EC2_6, regionResource, "VPCs in account " + account + ", region " + region
                    + " could not be listed: DescribeVpcs failed with " + error.errorCode() + ".", error));
        }
        List<VpcRecord> vpcs = inventory.vpcs().value();
        if (vpcs.isEmpty()) {
            return List.of(findings.finding(EC2_6, FindingStatus.NOT_APPLICABLE, regionResource, "Account " + account
                    + " has no VPCs in region " + region + ".", Map.of("vpcCount", 0)));
        }
        List<Finding> result = new ArrayList<>();
        for (VpcRecord vpc : vpcs) {
            result.add(flowLogs(vpc, inventory, findings));
        }
        return result;
    }

    static Finding flowLogs(VpcRecord vpc, Ec2Inventory inventory, FindingFactory findings) {
        String account = findings.accountId();
        String resource = vpcArn(findings.region(), vpc.ownerId() == null ? account : vpc.ownerId(), vpc.vpcId());
        if (vpc.ownerId() != null && !vpc.ownerId().equals(account)) {
            return findings.finding(EC2_6, FindingStatus.NOT_APPLICABLE, resource, "VPC " + vpc.vpcId()
                    + " is shared with account " + account + " by its owner " + vpc.ownerId()
                    + ", whose scan checks its flow logs.", Map.of("ownerId", vpc.ownerId()));
        }
        if (!inventory.flowLogs().isOk()) {
            AwsError error = inventory.flowLogs().error();
            return findings.error(EC2_6, resource, "VPC " + vpc.vpcId() + " could not be checked for flow logs:"
                    + " DescribeFlowLogs failed with " + error.errorCode() + ".", error);
        }
        List<FlowLogRecord> attached = inventory.flowLogs().value().stream()
                .filter(flowLog -> vpc.vpcId().equals(flowLog.resourceId()))
                .toList();
        List<FlowLogRecord> qualifying = attached.stream()
                .filter(flowLog -> "ACTIVE".equals(flowLog.flowLogStatus())
                        && ACCEPTED_TRAFFIC_TYPES.contains(flowLog.trafficType()))
                .toList();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("flowLogs", attached.stream().map(Ec2Checks::describe).toList());
        if (!qualifying.isEmpty()) {
            FlowLogRecord first = qualifying.getFirst();
            return findings.finding(EC2_6, FindingStatus.PASS, resource, "VPC " + vpc.vpcId() + " has active flow log "
                    + first.flowLogId() + " recording " + first.trafficType() + " traffic.", evidence);
        }
        String message = attached.isEmpty()
                ? "VPC " + vpc.vpcId() + " has no flow log."
                : "VPC " + vpc.vpcId() + " has no active flow log that records rejected traffic (REJECT or ALL).";
        return findings.finding(EC2_6, FindingStatus.FAIL, resource, message, evidence);
    }

    private static String describe(FlowLogRecord flowLog) {
        return flowLog.flowLogId() + " " + flowLog.trafficType() + " " + flowLog.flowLogStatus()
                + (flowLog.deliverLogsStatus() == null ? "" : " delivery " + flowLog.deliverLogsStatus())
                + (flowLog.logDestinationType() == null ? "" : " to " + flowLog.logDestinationType());
    }

    /** Returns a VPC's ARN, {@code arn:aws:ec2:REGION:ACCOUNT:vpc/VPC_ID}. */
    static String vpcArn(String region, String account, String vpcId) {
        String partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        return "arn:" + partition + ":ec2:" + region + ":" + account + ":vpc/" + vpcId;
    }
}
