package dev.sonda.worker.probe.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import dev.sonda.worker.probe.ec2.Ec2Inventory.FlowLogRecord;
import dev.sonda.worker.probe.ec2.Ec2Inventory.VpcRecord;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Ec2ChecksTest {

    private static final String ACCOUNT = "123456789012";
    private static final VpcRecord VPC = new VpcRecord("vpc-1", ACCOUNT, false);

    private final FindingFactory findings = new FindingFactory(Catalog.load().probe("ec2").orElseThrow(), ACCOUNT,
            "eu-west-1");

    private static FlowLogRecord flowLog(String id, String resource, String trafficType, String status) {
        return new FlowLogRecord(id, resource, trafficType, status, "SUCCESS", "cloud-watch-logs");
    }

    private List<Finding> evaluate(List<VpcRecord> vpcs, List<FlowLogRecord> flowLogs) {
        return Ec2Checks.evaluate(new Ec2Inventory(Collected.ok(vpcs), Collected.ok(flowLogs)), Set.of("EC2.6"),
                findings);
    }

    @Test
    void rejectFlowLogPasses() {
        List<Finding> result = evaluate(List.of(VPC), List.of(flowLog("fl-1", "vpc-1", "REJECT", "ACTIVE")));

        assertThat(result).hasSize(1);
        Finding finding = result.getFirst();
        assertThat(finding.controlId()).isEqualTo("EC2.6");
        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.resourceId()).isEqualTo("arn:aws:ec2:eu-west-1:" + ACCOUNT + ":vpc/vpc-1");
        assertThat(finding.resourceType()).isEqualTo("AWS::EC2::VPC");
        assertThat(finding.message()).isEqualTo("VPC vpc-1 has active flow log fl-1 recording REJECT traffic.");
        assertThat(finding.evidence()).containsEntry("flowLogs",
                List.of("fl-1 REJECT ACTIVE delivery SUCCESS to cloud-watch-logs"));
    }

    @Test
    void allTrafficFlowLogPasses() {
        assertThat(evaluate(List.of(VPC), List.of(flowLog("fl-1", "vpc-1", "ALL", "ACTIVE"))).getFirst().status())
                .isEqualTo(FindingStatus.PASS);
    }

    @Test
    void acceptOnlyFlowLogFails() {
        Finding finding = evaluate(List.of(VPC), List.of(flowLog("fl-1", "vpc-1", "ACCEPT", "ACTIVE"))).getFirst();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("VPC vpc-1 has no active flow log that records rejected traffic"
                + " (REJECT or ALL).");
    }

    @Test
    void inactiveFlowLogFails() {
        assertThat(evaluate(List.of(VPC), List.of(flowLog("fl-1", "vpc-1", "ALL", "INACTIVE"))).getFirst().status())
                .isEqualTo(FindingStatus.FAIL);
    }

    @Test
    void vpcWithoutFlowLogFails() {
        Finding finding = evaluate(List.of(VPC), List.of(flowLog("fl-9", "vpc-2", "ALL", "ACTIVE"))).getFirst();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("VPC vpc-1 has no flow log.");
        assertThat(finding.evidence()).containsEntry("flowLogs", List.of());
    }

    @Test
    void subnetFlowLogDoesNotCount() {
        assertThat(evaluate(List.of(VPC), List.of(flowLog("fl-1", "subnet-1", "ALL", "ACTIVE"))).getFirst().status())
                .isEqualTo(FindingStatus.FAIL);
    }

    @Test
    void eachVpcGetsAFinding() {
        List<Finding> result = evaluate(List.of(VPC, new VpcRecord("vpc-2", ACCOUNT, true)),
                List.of(flowLog("fl-2", "vpc-2", "REJECT", "ACTIVE")));

        assertThat(result).extracting(Finding::status).containsExactly(FindingStatus.FAIL, FindingStatus.PASS);
    }

    @Test
    void sharedVpcIsNotApplicable() {
        Finding finding = evaluate(List.of(new VpcRecord("vpc-9", "999999999999", false)), List.of()).getFirst();

        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(finding.resourceId()).isEqualTo("arn:aws:ec2:eu-west-1:999999999999:vpc/vpc-9");
        assertThat(finding.message()).isEqualTo("VPC vpc-9 is shared with account " + ACCOUNT
                + " by its owner 999999999999, whose scan checks its flow logs.");
    }

    @Test
    void regionWithoutVpcsIsNotApplicable() {
        List<Finding> result = Ec2Checks.evaluate(new Ec2Inventory(Collected.ok(List.of()), null), Set.of("EC2.6"),
                findings);

        assertThat(result).hasSize(1);
        assertThat(result.getFirst().status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(result.getFirst().resourceId()).isEqualTo("arn:aws:ec2:eu-west-1:" + ACCOUNT + ":vpc/*");
        assertThat(result.getFirst().message()).isEqualTo("Account " + ACCOUNT + " has no VPCs in region eu-west-1.");
    }

    @Test
    void describeVpcsErrorIsError() {
        AwsError denied = new AwsError("DescribeVpcs", AwsErrorKind.ACCESS_DENIED, "UnauthorizedOperation", 403, null);

        List<Finding> result = Ec2Checks.evaluate(new Ec2Inventory(Collected.failed(denied), null), Set.of("EC2.6"),
                findings);

        assertThat(result).hasSize(1);
        assertThat(result.getFirst().status()).isEqualTo(FindingStatus.ERROR);
        assertThat(result.getFirst().message()).isEqualTo("VPCs in account " + ACCOUNT + ", region eu-west-1 could not"
                + " be listed: DescribeVpcs failed with UnauthorizedOperation.");
    }

    @Test
    void describeFlowLogsErrorIsErrorPerVpc() {
        AwsError throttled = new AwsError("DescribeFlowLogs", AwsErrorKind.THROTTLED, "RequestLimitExceeded", 503, null);

        List<Finding> result = Ec2Checks.evaluate(new Ec2Inventory(Collected.ok(List.of(VPC)),
                Collected.failed(throttled)), Set.of("EC2.6"), findings);

        assertThat(result.getFirst().status()).isEqualTo(FindingStatus.ERROR);
        assertThat(result.getFirst().evidence()).containsEntry("errorCode", "RequestLimitExceeded");
    }
}
