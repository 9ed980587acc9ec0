package dev.sonda.worker.it;

import static dev.sonda.worker.it.TestTasks.globalTask;
import static dev.sonda.worker.it.WorkerTestSupport.assertOnlyCatalogActions;
import static dev.sonda.worker.it.WorkerTestSupport.only;
import static dev.sonda.worker.it.WorkerTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.MotoGaps;
import dev.sonda.testkit.demo.MonitoringDemo;
import dev.sonda.testkit.proxy.FaultRule;
import dev.sonda.testkit.quarkus.KafkaResource;
import dev.sonda.testkit.quarkus.MotoResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/** CloudWatch.1 to CloudWatch.14 and CloudWatch.OrganizationsChanges against moto, with the proxy for fixtures and faults. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MotoResource.class, restrictToAnnotatedClass = false)
class CloudWatchProbeTest extends ProxiedTestBase {

    private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1");
    private static final String HOME = "us-east-1";
    private static final String ROOT_PATTERN = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS"
            + " && $.eventType != \"AwsServiceEvent\" }";
    private static final String UNAUTHORIZED_PATTERN = "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode ="
            + " \"AccessDenied*\") }";
    private static final String POLICY_PATTERN = "{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)"
            + "||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)"
            + "||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)"
            + "||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)"
            + "||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)"
            + "||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}";
    private static final String AUTH_FAILURE_PATTERN = "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed"
            + " authentication\") }";

    /** Creates a multi-Region trail homed in {@value #HOME} that delivers to log group {@code trail-logs}. */
    private String createTrail(String account, boolean logging) {
        try (S3Client s3 = AwsTestClients.client(S3Client.builder().forcePathStyle(true), proxy.endpoint(), account,
                Region.US_EAST_1);
                CloudWatchLogsClient logs = AwsTestClients.client(CloudWatchLogsClient.builder(), proxy.endpoint(),
                        account, Region.US_EAST_1);
                CloudTrailClient cloudTrail = AwsTestClients.client(CloudTrailClient.builder(), proxy.endpoint(),
                        account, Region.US_EAST_1)) {
            String bucket = "trail-" + account;
            s3.createBucket(request -> request.bucket(bucket));
            logs.createLogGroup(request -> request.logGroupName("trail-logs"));
            String logGroupArn = "arn:aws:logs:" + HOME + ":" + account + ":log-group:trail-logs:*";
            cloudTrail.createTrail(request -> request.name("main").s3BucketName(bucket).isMultiRegionTrail(true)
                    .cloudWatchLogsLogGroupArn(logGroupArn)
                    .cloudWatchLogsRoleArn("arn:aws:iam::" + account + ":role/CloudTrailToLogs"));
            cloudTrail.putEventSelectors(request -> request.trailName("main").eventSelectors(selector -> selector
                    .readWriteType(ReadWriteType.ALL).includeManagementEvents(true)));
            if (logging) {
                cloudTrail.startLogging(request -> request.name("main"));
            }
            return logGroupArn;
        }
    }

    private void createFilter(String account, String name, String pattern) {
        try (CloudWatchLogsClient logs = AwsTestClients.client(CloudWatchLogsClient.builder(), proxy.endpoint(),
                account, Region.US_EAST_1)) {
            logs.putMetricFilter(request -> request.logGroupName("trail-logs").filterName(name).filterPattern(pattern)
                    .metricTransformations(metric -> metric.metricName(name).metricNamespace("CISBenchmark")
                            .metricValue("1")));
        }
    }

    private void createAlarm(String account, String metric, List<String> actions) {
        try (CloudWatchClient cloudWatch = AwsTestClients.client(CloudWatchClient.builder(), proxy.endpoint(), account,
                Region.US_EAST_1)) {
            cloudWatch.putMetricAlarm(request -> request.alarmName(metric).metricName(metric).namespace("CISBenchmark")
                    .statistic(Statistic.SUM).period(300).evaluationPeriods(1).threshold(1.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).alarmActions(actions));
        }
    }

    /** Creates an SNS topic with one subscription, which moto confirms at once. */
    private String createTopic(String account, String name) {
        try (SnsClient sns = AwsTestClients.client(SnsClient.builder(), proxy.endpoint(), account, Region.US_EAST_1)) {
            String topic = sns.createTopic(request -> request.name(name)).topicArn();
            sns.subscribe(request -> request.topicArn(topic).protocol("email").endpoint("soc@example.com"));
            return topic;
        }
    }

    @Test
    void chainLinksAreEvaluated() {
        String account = "731000000001";
        String logGroupArn = createTrail(account, true);
        String confirmed = createTopic(account, "security-alerts");
        String pending = createTopic(account, "pending-alerts");
        createFilter(account, "RootUsage", ROOT_PATTERN);
        createFilter(account, "UnauthorizedApiCalls", UNAUTHORIZED_PATTERN);
        createFilter(account, "IamPolicyChanges", POLICY_PATTERN);
        createFilter(account, "ConsoleAuthenticationFailures", AUTH_FAILURE_PATTERN);
        createAlarm(account, "RootUsage", List.of(confirmed));
        createAlarm(account, "UnauthorizedApiCalls", List.of(pending));
        createAlarm(account, "ConsoleAuthenticationFailures", List.of());
        addRule(MotoGaps.snsSubscriptionsPendingConfirmation(account, pending));
        proxy.clearRequests();

        ProbeResult result = run(globalTask(account, "cloudwatch", REGIONS));

        assertOnlyCatalogActions(proxy, account, "cloudwatch");
        assertThat(result.outcome()).isEqualTo(ResultOutcome.COMPLETED);
        assertThat(result.findings()).hasSize(15);
        assertThat(result.findings()).allSatisfy(finding -> {
            assertThat(finding.region()).isEqualTo("global");
            assertThat(finding.resourceId()).isEqualTo("AWS::::Account:" + account);
        });
        Finding root = only(result, "CloudWatch.1");
        assertThat(root.status()).isEqualTo(FindingStatus.PASS);
        assertThat(root.message()).isEqualTo("Account " + account + " alarms on root user activity: metric filter"
                + " RootUsage on log group trail-logs (us-east-1) feeds alarm RootUsage, which notifies SNS topic"
                + " security-alerts with 1 confirmed subscription.");
        assertThat(root.evidence()).containsEntry("logGroupArn", logGroupArn)
                .containsEntry("trailArn", "arn:aws:cloudtrail:us-east-1:" + account + ":trail/main")
                .containsEntry("topicArn", confirmed);
        Finding unauthorized = only(result, "CloudWatch.2");
        assertThat(unauthorized.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(unauthorized.message()).isEqualTo("Account " + account + " has no alarm on unauthorized API calls:"
                + " SNS topic pending-alerts of alarm UnauthorizedApiCalls has only subscriptions pending confirmation.");
        Finding policies = only(result, "CloudWatch.4");
        assertThat(policies.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(policies.evidence()).containsEntry("missingLink", "NO_ALARM");
        Finding authentication = only(result, "CloudWatch.6");
        assertThat(authentication.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(authentication.evidence()).containsEntry("missingLink", "NO_ALARM_ACTION");
        Finding vpc = only(result, "CloudWatch.14");
        assertThat(vpc.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(vpc.message()).isEqualTo("Account " + account + " has no alarm on VPC changes: log group trail-logs"
                + " (us-east-1) of trail main has no metric filter whose pattern matches VPC changes.");
        assertThat(vpc.evidence()).containsEntry("metricFilterCount", 4);
    }

    @Test
    void cisPatternsPassEveryControl() {
        String account = "731000000009";
        createTrail(account, true);
        String topic = createTopic(account, "security-alerts");
        MonitoringDemo.CIS_FILTERS.forEach((metric, pattern) -> {
            createFilter(account, metric, pattern);
            createAlarm(account, metric, List.of(topic));
        });

        ProbeResult result = run(globalTask(account, "cloudwatch", REGIONS));

        assertThat(result.findings()).hasSize(15);
        assertThat(result.findings()).allSatisfy(finding -> {
            assertThat(finding.status()).as(finding.controlId() + ": " + finding.message())
                    .isEqualTo(FindingStatus.PASS);
            assertThat(finding.evidence()).containsEntry("topicArn", topic);
        });
    }

    @Test
    void accountWithoutTrailFailsAll() {
        String account = "731000000002";

        ProbeResult result = run(globalTask(account, "cloudwatch", REGIONS));

        assertThat(result.findings()).hasSize(15);
        assertThat(result.findings()).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
            assertThat(finding.evidence()).containsEntry("missingLink", "NO_TRAIL")
                    .containsEntry("trailsRegion", "eu-west-1");
        });
    }

    @Test
    void stoppedTrailFails() {
        String account = "731000000003";
        createTrail(account, false);
        createFilter(account, "RootUsage", ROOT_PATTERN);

        ProbeResult result = run(globalTask(account, "cloudwatch", REGIONS));

        Finding root = only(result, "CloudWatch.1");
        assertThat(root.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(root.message()).isEqualTo("Account " + account + " has no alarm on root user activity: multi-Region"
                + " trail main delivers to CloudWatch Logs but is not logging.");
    }

    @Test
    void deniedTrailsInFirstRegionFallBack() {
        String account = "731000000004";
        createTrail(account, true);
        FaultRule denied = addRule(MotoGaps.scpDenies(account, "cloudtrail", "DescribeTrails", "eu-west-1"));

        ProbeResult result = run(globalTask(account, "cloudwatch", REGIONS));

        assertThat(denied.hits()).isEqualTo(1);
        Finding root = only(result, "CloudWatch.1");
        assertThat(root.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(root.evidence()).containsEntry("missingLink", "NO_METRIC_FILTER");
        assertThat(result.executionLog()).anySatisfy(entry -> {
            assertThat(entry.operation()).isEqualTo("DescribeTrails");
            assertThat(entry.errorCode()).isEqualTo("AccessDeniedException");
        });
    }

    @Test
    void deniedTrailsEverywhereAreErrors() {
        String account = "731000000005";
        addRule(MotoGaps.scpDenies(account, "cloudtrail", "DescribeTrails", null));

        ProbeResult result = run(globalTask(account, "cloudwatch", REGIONS));

        assertThat(result.findings()).hasSize(15);
        assertThat(result.findings()).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
            assertThat(finding.evidence()).containsEntry("operation", "DescribeTrails")
                    .containsEntry("errorCode", "AccessDeniedException");
        });
    }

    @Test
    void deniedMetricFiltersAreErrors() {
        String account = "731000000006";
        createTrail(account, true);
        addRule(MotoGaps.scpDenies(account, "logs", "DescribeMetricFilters", null));

        ProbeResult result = run(globalTask(account, "cloudwatch", REGIONS));

        Finding root = only(result, "CloudWatch.1");
        assertThat(root.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(root.message()).isEqualTo("Account " + account + " could not be checked for an alarm on root user"
                + " activity: DescribeMetricFilters failed with AccessDeniedException.");
    }

    @Test
    void taskWithoutRegionsIsError() {
        String account = "731000000007";

        ProbeResult result = run(globalTask(account, "cloudwatch", List.of()));

        assertThat(result.findings()).hasSize(15);
        assertThat(result.findings()).allSatisfy(finding -> assertThat(finding.status())
                .isEqualTo(FindingStatus.ERROR));
    }

    @Test
    void disabledControlsAreNotApplicableWithoutCalls() {
        String account = "731000000008";
        DisabledControl[] all = Catalog.load().probe("cloudwatch").orElseThrow().controls().stream()
                .map(control -> new DisabledControl(control.id(), "Monitored by the customer's own SIEM."))
                .toArray(DisabledControl[]::new);
        proxy.clearRequests();

        ProbeResult result = run(globalTask(account, "cloudwatch", REGIONS, all));

        assertThat(result.findings()).hasSize(15);
        assertThat(result.findings()).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.NOT_APPLICABLE);
            assertThat(finding.evidence()).containsEntry("disabledBy", "inventory");
        });
        assertThat(proxy.requests()).noneMatch(exchange -> account.equals(exchange.account())
                && !"sts".equals(exchange.service()));
    }
}
