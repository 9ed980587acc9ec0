package dev.sonda.testkit.demo;

import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.DemoEstate;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.proxy.FaultRule;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.FlowLogsResourceType;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.TrafficType;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.ResourceConflictException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The CIS monitoring, Security Hub, Macie and VPC flow log part of the demo estate, with the fixtures for the Macie
 * and Security Hub states moto cannot hold. Each control passes in one demo account and fails in another.
 *
 * <p>acme-prod alarms on all fifteen CIS monitoring activities: in us-east-1, a metric filter per activity on the
 * log group of a multi-Region trail, an alarm per filter, and SNS topic {@code security-alerts} with a confirmed
 * email subscription. The part uses a logging multi-Region trail that an earlier part created with a log group in
 * the account, and otherwise creates trail {@code security-trail}: log file validation, a KMS key with rotation,
 * a bucket with server access logging, all management events, tag owner. acme-dev and globex-prod have no filters.
 *
 * <table>
 *   <caption>Contents</caption>
 *   <tr><th>Account</th><th>eu-west-1</th><th>us-east-1</th></tr>
 *   <tr><td>111111111111 acme-prod</td>
 *       <td>Security Hub with FSBP and CIS 5.0.0 (fixture). Macie with automated discovery (fixtures). Flow log
 *           REJECT on the default VPC.</td>
 *       <td>The same.</td></tr>
 *   <tr><td>222222222222 acme-dev</td>
 *       <td>No Security Hub. Macie not enabled (fixture). Default VPC without flow log.</td>
 *       <td>No Security Hub. Macie suspended (fixture). Default VPC without flow log.</td></tr>
 *   <tr><td>333333333333 globex-prod</td>
 *       <td>Security Hub with FSBP (fixture). Macie with automated discovery off (fixtures). Flow log ALL on the
 *           default VPC.</td>
 *       <td>Security Hub enabled, but an SCP denies securityhub:DescribeHub (fixture). Macie with automated
 *           discovery (fixtures). No VPC: the default VPC is deleted.</td></tr>
 * </table>
 */
public final class MonitoringDemo implements DemoPart {

    static final String FSBP = "arn:aws:securityhub:%s::standards/aws-foundational-security-best-practices/v/1.0.0";
    static final String CIS = "arn:aws:securityhub:%s::standards/cis-aws-foundations-benchmark/v/5.0.0";
    /** The log group every demo flow log delivers to. */
    static final String FLOW_LOG_GROUP = "vpc-flow-logs";

    /** The region of the demo's own trail, its log group, alarms and topic. */
    static final String TRAIL_REGION = "us-east-1";
    static final String TRAIL_NAME = "security-trail";
    static final String TOPIC_NAME = "security-alerts";
    static final String METRIC_NAMESPACE = "CISBenchmark";

    /**
     * The metric filter of each CIS monitoring recommendation (4.1 to 4.15 in v5.0.0), by metric name. The patterns
     * are written as operators paste them from the benchmark and the AWS Security Hub documentation. They mix quoted
     * and unquoted values, spacing, and $.eventSource conditions, and 4.1 keeps its exclusions ungrouped.
     */
    public static final Map<String, String> CIS_FILTERS = cisFilters();

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringDemo.class);
    private static final String ACME_PROD = DemoEstate.ACME_PROD.id();
    private static final String ACME_DEV = DemoEstate.ACME_DEV.id();
    private static final String GLOBEX = DemoEstate.GLOBEX_PROD.id();

    @Override
    public void create(URI motoEndpoint) {
        for (String region : DemoEstate.REGIONS) {
            enableSecurityHub(motoEndpoint, ACME_PROD, region);
            enableSecurityHub(motoEndpoint, GLOBEX, region);
            flowLogOnDefaultVpc(motoEndpoint, ACME_PROD, region, TrafficType.REJECT);
        }
        flowLogOnDefaultVpc(motoEndpoint, GLOBEX, "eu-west-1", TrafficType.ALL);
        deleteVpcs(motoEndpoint, GLOBEX, "us-east-1");
        createAlarmChains(motoEndpoint, ACME_PROD);
        LOG.info("Demo monitoring, Security Hub, Macie and flow log estate created in accounts {}, {} and {}", ACME_PROD,
                ACME_DEV, GLOBEX);
    }

    @Override
    public List<FaultRule> fixtures() {
        List<FaultRule> fixtures = new ArrayList<>();
        for (String region : DemoEstate.REGIONS) {
            fixtures.add(MotoGaps.securityHubStandards(ACME_PROD, region, FSBP.formatted(region), CIS.formatted(region)));
            fixtures.add(MotoGaps.macieAutomatedDiscovery(ACME_PROD, region, "ENABLED"));
        }
        fixtures.add(MotoGaps.securityHubStandards(GLOBEX, "eu-west-1", FSBP.formatted("eu-west-1")));
        // An SCP of globex's organization denies reading the Security Hub configuration in us-east-1.
        fixtures.add(MotoGaps.scpDenies(GLOBEX, "securityhub", "DescribeHub", "us-east-1"));
        fixtures.add(MotoGaps.macieAutomatedDiscovery(GLOBEX, "eu-west-1", "DISABLED"));
        fixtures.add(MotoGaps.macieAutomatedDiscovery(GLOBEX, "us-east-1", "ENABLED"));
        fixtures.add(MotoGaps.macieNotEnabled(ACME_DEV, "eu-west-1"));
        fixtures.add(MotoGaps.macieSession(ACME_DEV, "us-east-1", "PAUSED"));
        // Last, so that the states above win: every other Macie session is ENABLED, as moto reports it.
        fixtures.add(MotoGaps.macieSession(null, null, "ENABLED"));
        return fixtures;
    }

    private static Map<String, String> cisFilters() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("UnauthorizedApiCalls", "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode ="
                + " \"AccessDenied*\") && ($.sourceIPAddress!=\"delivery.logs.amazonaws.com\")"
                + " && ($.eventName!=\"HeadBucket\") }");
        filters.put("ConsoleSignInWithoutMfa", "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed"
                + " != \"Yes\") && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin ="
                + " \"Success\") }");
        filters.put("RootUsage", "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS"
                + " && $.eventType != \"AwsServiceEvent\" }");
        filters.put("IamPolicyChanges", "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)"
                + "||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)"
                + "||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)"
                + "||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)"
                + "||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)"
                + "||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}");
        filters.put("CloudTrailChanges", "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName"
                + " = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }");
        filters.put("ConsoleAuthenticationFailures", "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed"
                + " authentication\") }");
        filters.put("KmsKeyDisableOrDeletion", "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)"
                + "||($.eventName=ScheduleKeyDeletion)) }");
        filters.put("S3BucketPolicyChanges", "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl)"
                + " || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName ="
                + " PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy)"
                + " || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName ="
                + " DeleteBucketReplication)) }");
        filters.put("ConfigChanges", "{ ($.eventSource = config.amazonaws.com) && (($.eventName ="
                + " StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName ="
                + " PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }");
        filters.put("SecurityGroupChanges", "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName ="
                + " AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName ="
                + " RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName ="
                + " DeleteSecurityGroup) }");
        filters.put("NetworkAclChanges", "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry)"
                + " || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName ="
                + " ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }");
        filters.put("NetworkGatewayChanges", "{ ($.eventName = CreateCustomerGateway) || ($.eventName ="
                + " DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName ="
                + " CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName ="
                + " DetachInternetGateway) }");
        filters.put("RouteTableChanges", "{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) ||"
                + " ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName ="
                + " ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute)"
                + " || ($.eventName = DisassociateRouteTable)) }");
        filters.put("VpcChanges", "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName ="
                + " ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName ="
                + " CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName ="
                + " RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName ="
                + " DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName ="
                + " EnableVpcClassicLink) }");
        filters.put("OrganizationsChanges", "{ ($.eventSource = organizations.amazonaws.com) && (($.eventName ="
                + " \"AcceptHandshake\") || ($.eventName = \"AttachPolicy\") || ($.eventName = \"CreateAccount\")"
                + " || ($.eventName = \"CreateOrganizationalUnit\") || ($.eventName = \"CreatePolicy\") ||"
                + " ($.eventName = \"DeclineHandshake\") || ($.eventName = \"DeleteOrganization\") || ($.eventName ="
                + " \"DeleteOrganizationalUnit\") || ($.eventName = \"DeletePolicy\") || ($.eventName ="
                + " \"DetachPolicy\") || ($.eventName = \"DisablePolicyType\") || ($.eventName ="
                + " \"EnablePolicyType\") || ($.eventName = \"InviteAccountToOrganization\") || ($.eventName ="
                + " \"LeaveOrganization\") || ($.eventName = \"MoveAccount\") || ($.eventName ="
                + " \"RemoveAccountFromOrganization\") || ($.eventName = \"UpdatePolicy\") || ($.eventName ="
                + " \"UpdateOrganizationalUnit\")) }");
        return Collections.unmodifiableMap(filters);
    }

    /**
     * Creates a metric filter, an alarm and an SNS notification for every CIS monitoring activity on the log group of
     * a multi-Region trail in the account. Alarms, topics and email subscriptions are upserts in AWS and moto, so a
     * second run changes nothing. moto 5.2.1 adds a second metric filter of the same name where AWS replaces the
     * first, so existing filters are skipped.
     */
    private static void createAlarmChains(URI endpoint, String account) {
        String logGroupArn = existingTrailLogGroup(endpoint, account).orElseGet(() -> createTrail(endpoint, account));
        String[] parts = logGroupArn.split(":");
        String region = parts[3];
        String logGroup = parts[6];
        try (CloudWatchLogsClient logs = AwsTestClients.client(CloudWatchLogsClient.builder(), endpoint, account,
                Region.of(region));
                CloudWatchClient cloudWatch = AwsTestClients.client(CloudWatchClient.builder(), endpoint, account,
                        Region.of(region));
                SnsClient sns = AwsTestClients.client(SnsClient.builder(), endpoint, account, Region.of(region))) {
            String topic = sns.createTopic(request -> request.name(TOPIC_NAME)).topicArn();
            sns.subscribe(request -> request.topicArn(topic).protocol("email").endpoint("soc@acme.example"));
            Set<String> existing = new HashSet<>();
            logs.describeMetricFiltersPaginator(request -> request.logGroupName(logGroup)).metricFilters()
                    .forEach(filter -> existing.add(filter.filterName()));
            CIS_FILTERS.forEach((metric, pattern) -> {
                if (!existing.contains(metric)) {
                    logs.putMetricFilter(request -> request.logGroupName(logGroup).filterName(metric)
                            .filterPattern(pattern)
                            .metricTransformations(transformation -> transformation.metricName(metric)
                                    .metricNamespace(METRIC_NAMESPACE).metricValue("1")));
                }
                cloudWatch.putMetricAlarm(request -> request.alarmName("cis-" + metric).metricName(metric)
                        .namespace(METRIC_NAMESPACE).statistic(Statistic.SUM).period(300).evaluationPeriods(1)
                        .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                        .alarmActions(topic));
            });
        }
    }

    /**
     * Returns the log group of a logging multi-Region trail that delivers to CloudWatch Logs in the account, as an
     * earlier part may have created it.
     */
    private static Optional<String> existingTrailLogGroup(URI endpoint, String account) {
        try (CloudTrailClient cloudTrail = AwsTestClients.client(CloudTrailClient.builder(), endpoint, account,
                Region.of(TRAIL_REGION))) {
            for (Trail trail : cloudTrail.describeTrails(request -> request.includeShadowTrails(true)).trailList()) {
                String logGroupArn = trail.cloudWatchLogsLogGroupArn();
                if (Boolean.TRUE.equals(trail.isMultiRegionTrail()) && logGroupArn != null
                        && logGroupArn.split(":").length > 6 && logGroupArn.split(":")[4].equals(account)
                        && Boolean.TRUE.equals(cloudTrail.getTrailStatus(request -> request.name(trail.trailARN()))
                                .isLogging())) {
                    return Optional.of(logGroupArn);
                }
            }
            return Optional.empty();
        }
    }

    /** Creates trail {@value #TRAIL_NAME} with its KMS key, buckets and log group, and returns the log group ARN. */
    private static String createTrail(URI endpoint, String account) {
        Region region = Region.of(TRAIL_REGION);
        String logGroup = TRAIL_NAME;
        String logGroupArn = "arn:aws:logs:" + TRAIL_REGION + ":" + account + ":log-group:" + logGroup + ":*";
        String bucket = account + "-" + TRAIL_NAME;
        String accessLogBucket = account + "-s3-access-logs";
        try (S3Client s3 = AwsTestClients.client(S3Client.builder().forcePathStyle(true), endpoint, account, region);
                KmsClient kms = AwsTestClients.client(KmsClient.builder(), endpoint, account, region);
                CloudWatchLogsClient logs = AwsTestClients.client(CloudWatchLogsClient.builder(), endpoint, account,
                        region);
                CloudTrailClient cloudTrail = AwsTestClients.client(CloudTrailClient.builder(), endpoint, account,
                        region)) {
            // S3 server access logs need the log delivery group's WRITE and READ_ACP grants on the target bucket.
            s3.createBucket(request -> request.bucket(accessLogBucket).acl("log-delivery-write"));
            s3.createBucket(request -> request.bucket(bucket));
            s3.putBucketLogging(request -> request.bucket(bucket).bucketLoggingStatus(status -> status
                    .loggingEnabled(logging -> logging.targetBucket(accessLogBucket).targetPrefix(TRAIL_NAME + "/"))));
            String keyArn = kms.createKey(request -> request.description("Encrypts CloudTrail logs of "
                    + TRAIL_NAME)).keyMetadata().arn();
            kms.enableKeyRotation(request -> request.keyId(keyArn));
            try {
                logs.createLogGroup(request -> request.logGroupName(logGroup));
            } catch (ResourceAlreadyExistsException e) {
                LOG.debug("Log group {} exists in account {}", logGroup, account);
            }
            cloudTrail.createTrail(request -> request.name(TRAIL_NAME).s3BucketName(bucket).isMultiRegionTrail(true)
                    .enableLogFileValidation(true).kmsKeyId(keyArn).cloudWatchLogsLogGroupArn(logGroupArn)
                    .cloudWatchLogsRoleArn("arn:aws:iam::" + account + ":role/CloudTrailToCloudWatchLogs")
                    .tagsList(tag -> tag.key("owner").value("security")));
            cloudTrail.putEventSelectors(request -> request.trailName(TRAIL_NAME).eventSelectors(selector -> selector
                    .readWriteType(ReadWriteType.ALL).includeManagementEvents(true)));
            cloudTrail.startLogging(request -> request.name(TRAIL_NAME));
        }
        return logGroupArn;
    }

    private static void enableSecurityHub(URI endpoint, String account, String region) {
        try (SecurityHubClient securityHub = AwsTestClients.client(SecurityHubClient.builder(), endpoint, account,
                Region.of(region))) {
            securityHub.enableSecurityHub(request -> request.enableDefaultStandards(false));
        } catch (ResourceConflictException e) {
            LOG.debug("Security Hub is already enabled in account {}, region {}", account, region);
        }
    }

    /** Gives the region's default VPC a flow log to CloudWatch Logs, unless it has one. */
    private static void flowLogOnDefaultVpc(URI endpoint, String account, String region, TrafficType trafficType) {
        try (Ec2Client ec2 = AwsTestClients.client(Ec2Client.builder(), endpoint, account, Region.of(region));
                CloudWatchLogsClient logs = AwsTestClients.client(CloudWatchLogsClient.builder(), endpoint, account,
                        Region.of(region))) {
            try {
                logs.createLogGroup(request -> request.logGroupName(FLOW_LOG_GROUP));
            } catch (ResourceAlreadyExistsException e) {
                LOG.debug("Log group {} exists in account {}, region {}", FLOW_LOG_GROUP, account, region);
            }
            String vpcId = ec2.describeVpcs(request -> request.filters(filter -> filter.name("is-default")
                    .values("true"))).vpcs().stream().map(Vpc::vpcId).findFirst().orElseThrow(() ->
                            new IllegalStateException("moto has no default VPC in account " + account + ", region "
                                    + region));
            boolean present = !ec2.describeFlowLogs(request -> request.filter(filter -> filter.name("resource-id")
                    .values(vpcId))).flowLogs().isEmpty();
            if (!present) {
                ec2.createFlowLogs(request -> request.resourceIds(vpcId).resourceType(FlowLogsResourceType.VPC)
                        .trafficType(trafficType).logDestinationType(LogDestinationType.CLOUD_WATCH_LOGS)
                        .logGroupName(FLOW_LOG_GROUP)
                        .deliverLogsPermissionArn("arn:aws:iam::" + account + ":role/VpcFlowLogs"));
            }
        }
    }

    /** Deletes every VPC of a region with the subnets and internet gateways moto gives a default VPC. */
    private static void deleteVpcs(URI endpoint, String account, String region) {
        try (Ec2Client ec2 = AwsTestClients.client(Ec2Client.builder(), endpoint, account, Region.of(region))) {
            for (Vpc vpc : ec2.describeVpcs().vpcs()) {
                String vpcId = vpc.vpcId();
                ec2.describeSubnets(request -> request.filters(filter -> filter.name("vpc-id").values(vpcId)))
                        .subnets().forEach(subnet -> ec2.deleteSubnet(request -> request.subnetId(subnet.subnetId())));
                ec2.describeInternetGateways(request -> request.filters(filter -> filter.name("attachment.vpc-id")
                        .values(vpcId))).internetGateways().forEach(gateway -> {
                            ec2.detachInternetGateway(request -> request.internetGatewayId(gateway.internetGatewayId())
                                    .vpcId(vpcId));
                            ec2.deleteInternetGateway(request -> request.internetGatewayId(
                                    gateway.internetGatewayId()));
                        });
                ec2.deleteVpc(request -> request.vpcId(vpcId));
            }
        }
    }
}
