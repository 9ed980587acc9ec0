package dev.sonda.worker.it;

import static dev.sonda.worker.it.WorkerTestSupport.assertOnlyCatalogActions;
import static dev.sonda.worker.it.WorkerTestSupport.finding;
import static dev.sonda.worker.it.WorkerTestSupport.only;
import static dev.sonda.worker.it.WorkerTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.FlowLogsResourceType;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.TrafficType;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** EC2.6 (VPC flow logs) against moto, with the proxy for access denied. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class Ec2ProbeTest extends ProxiedTestBase {

    private Ec2Client ec2(String account, Region region) {
        return AwsTestClients.client(Ec2Client.builder(), proxy.endpoint(), account, region);
    }

    private static void flowLog(Ec2Client ec2, String vpcId, TrafficType trafficType, String logGroup) {
        ec2.createFlowLogs(request -> request.resourceIds(vpcId).resourceType(FlowLogsResourceType.VPC)
                .trafficType(trafficType).logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS)
                .logGroupName(logGroup).deliverLogsPermissionArn("arn:aws:iam::000000000000:role/FlowLogs"));
    }

    private static String arn(String account, String vpcId) {
        return "arn:aws:ec2:eu-west-1:" + account + ":vpc/" + vpcId;
    }

    @Test
    void eachVpcIsChecked() {
        String account = "731000000031";
        String defaultVpc;
        String acceptOnly;
        String bare;
        try (Ec2Client ec2 = ec2(account, Region.EU_WEST_1);
                CloudWatchLogsClient logs = AwsTestClients.client(CloudWatchLogsClient.builder(), proxy.endpoint(),
                        account, Region.EU_WEST_1)) {
            logs.createLogGroup(request -> request.logGroupName("vpc-flow-logs"));
            defaultVpc = ec2.describeVpcs().vpcs().stream().filter(Vpc::isDefault).findFirst().orElseThrow().vpcId();
            acceptOnly = ec2.createVpc(request -> request.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            bare = ec2.createVpc(request -> request.cidrBlock("10.2.0.0/16")).vpc().vpcId();
            flowLog(ec2, defaultVpc, TrafficType.REJECT, "vpc-flow-logs");
            flowLog(ec2, acceptOnly, TrafficType.ACCEPT, "vpc-flow-logs");
        }
        proxy.clearRequests();

        ProbeResult result = run(TestTasks.task(account, "eu-west-1", "ec2"));

        assertOnlyCatalogActions(proxy, account, "ec2");
        assertThat(proxy.requestCount("ec2", "DescribeFlowLogs", account)).isEqualTo(1);
        assertThat(result.findings()).hasSize(3);
        Finding passing = finding(result, "EC2.6", arn(account, defaultVpc));
        assertThat(passing.status()).isEqualTo(FindingStatus.PASS);
        assertThat(passing.resourceType()).isEqualTo("AWS::EC2::VPC");
        assertThat(passing.message()).startsWith("VPC " + defaultVpc + " has active flow log fl-");
        assertThat(passing.message()).endsWith(" recording REJECT traffic.");
        Finding accepting = finding(result, "EC2.6", arn(account, acceptOnly));
        assertThat(accepting.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(accepting.message()).isEqualTo("VPC " + acceptOnly + " has no active flow log that records rejected"
                + " traffic (REJECT or ALL).");
        Finding missing = finding(result, "EC2.6", arn(account, bare));
        assertThat(missing.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(missing.message()).isEqualTo("VPC " + bare + " has no flow log.");
    }

    @Test
    void regionWithoutVpcsIsNotApplicable() {
        String account = "731000000032";
        try (Ec2Client ec2 = ec2(account, Region.US_EAST_1)) {
            for (Vpc vpc : ec2.describeVpcs().vpcs()) {
                deleteVpc(ec2, vpc.vpcId());
            }
        }

        ProbeResult result = run(TestTasks.task(account, "us-east-1", "ec2"));

        Finding finding = only(result, "EC2.6");
        assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
        assertThat(finding.resourceId()).isEqualTo("arn:aws:ec2:us-east-1:" + account + ":vpc/*");
        assertThat(finding.message()).isEqualTo("Account " + account + " has no VPCs in region us-east-1.");
    }

    @Test
    void deniedDescribeVpcsIsError() {
        String account = "731000000033";
        addRule(MotoGaps.scpDenies(account, "ec2", "DescribeVpcs", "eu-west-1"));

        ProbeResult result = run(TestTasks.task(account, "eu-west-1", "ec2"));

        Finding finding = only(result, "EC2.6");
        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("operation", "DescribeVpcs")
                .containsEntry("errorCode", "UnauthorizedOperation");
    }

    @Test
    void deniedDescribeFlowLogsIsErrorPerVpc() {
        String account = "731000000034";
        addRule(MotoGaps.scpDenies(account, "ec2", "DescribeFlowLogs", "eu-west-1"));

        ProbeResult result = run(TestTasks.task(account, "eu-west-1", "ec2"));

        Finding finding = only(result, "EC2.6");
        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("operation", "DescribeFlowLogs");
        assertThat(finding.resourceId()).startsWith("arn:aws:ec2:eu-west-1:" + account + ":vpc/vpc-");
    }

    /** Deletes a VPC with the subnets and internet gateways moto gives a default VPC. */
    static void deleteVpc(Ec2Client ec2, String vpcId) {
        ec2.describeSubnets(request -> request.filters(filter -> filter.name("vpc-id").values(vpcId))).subnets()
                .forEach(subnet -> ec2.deleteSubnet(request -> request.subnetId(subnet.subnetId())));
        ec2.describeInternetGateways(request -> request.filters(filter -> filter.name("attachment.vpc-id")
                .values(vpcId))).internetGateways().forEach(gateway -> {
                    ec2.detachInternetGateway(request -> request.internetGatewayId(gateway.internetGatewayId())
                            .vpcId(vpcId));
                    ec2.deleteInternetGateway(request -> request.internetGatewayId(gateway.internetGatewayId()));
                });
        ec2.deleteVpc(request -> request.vpcId(vpcId));
    }
}
