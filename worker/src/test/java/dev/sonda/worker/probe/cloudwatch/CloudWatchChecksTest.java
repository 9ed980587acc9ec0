package dev.sonda.worker.probe.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import dev.sonda.worker.probe.cloudtrail.EventSelectors;
import dev.sonda.worker.probe.cloudtrail.EventSelectors.Advanced;
import dev.sonda.worker.probe.cloudtrail.EventSelectors.Basic;
import dev.sonda.worker.probe.cloudtrail.EventSelectors.Field;
import dev.sonda.worker.probe.cloudwatch.MonitoringInventory.AlarmRecord;
import dev.sonda.worker.probe.cloudwatch.MonitoringInventory.MetricFilterRecord;
import dev.sonda.worker.probe.cloudwatch.MonitoringInventory.MetricRef;
import dev.sonda.worker.probe.cloudwatch.MonitoringInventory.TopicSubscriptions;
import dev.sonda.worker.probe.cloudwatch.MonitoringInventory.TrailRecord;
import dev.sonda.worker.probe.cloudwatch.MonitoringInventory.TrailState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CloudWatchChecksTest {

    private static final String ACCOUNT = "123456789012";
    private static final String TRAIL_ARN = "arn:aws:cloudtrail:eu-west-1:" + ACCOUNT + ":trail/main";
    private static final String LOG_GROUP_ARN = "arn:aws:logs:eu-west-1:" + ACCOUNT + ":log-group:trail-logs:*";
    private static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:" + ACCOUNT + ":security-alerts";
    private static final String ALARM_ARN = "arn:aws:cloudwatch:eu-west-1:" + ACCOUNT + ":alarm:root-usage";
    private static final MetricRef METRIC = new MetricRef("eu-west-1", "CISBenchmark", "RootUsage");
    private static final String ROOT_PATTERN = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS"
            + " && $.eventType != \"AwsServiceEvent\" }";
    private static final EventSelectors ALL_MANAGEMENT = new EventSelectors(
            List.of(new Basic("All", true, List.of(), List.of())), List.of());

    private final FindingFactory findings = new FindingFactory(Catalog.load().probe("cloudwatch").orElseThrow(),
            ACCOUNT, "global");

    /** A mutable description of one account's chain, turned into an inventory by {@link #inventory()}. */
    private List<TrailRecord> trails = List.of(trail(TRAIL_ARN, true, LOG_GROUP_ARN));
    private final Map<String, TrailState> states = new HashMap<>(Map.of(TRAIL_ARN,
            new TrailState(Collected.ok(true), Collected.ok(ALL_MANAGEMENT))));
    private final Map<String, Collected<List<MetricFilterRecord>>> filters = new HashMap<>(Map.of(LOG_GROUP_ARN,
            Collected.ok(List.of(new MetricFilterRecord("root-usage", ROOT_PATTERN, List.of(METRIC))))));
    private final Map<MetricRef, Collected<List<AlarmRecord>>> alarms = new HashMap<>(Map.of(METRIC,
            Collected.ok(List.of(new AlarmRecord("root-usage", ALARM_ARN, true, List.of(TOPIC_ARN))))));
    private final Map<String, Collected<TopicSubscriptions>> subscriptions = new HashMap<>(Map.of(TOPIC_ARN,
            Collected.ok(new TopicSubscriptions(1, 0))));

    private static TrailRecord trail(String arn, boolean multiRegion, String logGroupArn) {
        return new TrailRecord(arn.substring(arn.lastIndexOf('/') + 1), arn, "eu-west-1", multiRegion, false,
                logGroupArn);
    }

    private static AwsError error(String operation, AwsErrorKind kind, String code) {
        return new AwsError(operation, kind, code, 400, null);
    }

    private MonitoringInventory inventory() {
        return new MonitoringInventory("eu-west-1", Collected.ok(trails), states, filters, alarms, subscriptions);
    }

    private Finding rootUsage() {
        return CloudWatchChecks.evaluate(inventory(), MonitoredActivity.ROOT_USAGE, findings);
    }

    @Test
    void completeChainPasses() {
        Finding finding = rootUsage();

        assertThat(finding.controlId()).isEqualTo("CloudWatch.1");
        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.resourceId()).isEqualTo("AWS::::Account:" + ACCOUNT);
        assertThat(finding.region()).isEqualTo("global");
        assertThat(finding.message()).isEqualTo("Account " + ACCOUNT + " alarms on root user activity: metric filter"
                + " root-usage on log group trail-logs (eu-west-1) feeds alarm root-usage, which notifies SNS topic"
                + " security-alerts with 1 confirmed subscription.");
        assertThat(finding.evidence()).containsEntry("trailArn", TRAIL_ARN)
                .containsEntry("logGroupArn", LOG_GROUP_ARN)
                .containsEntry("metricFilter", "root-usage")
                .containsEntry("metric", "CISBenchmark/RootUsage")
                .containsEntry("alarmArn", ALARM_ARN)
                .containsEntry("topicArn", TOPIC_ARN)
                .containsEntry("confirmedSubscriptions", 1);
    }

    @Test
    void noTrailsFailAllFifteen() {
        trails = List.of();

        List<Finding> result = CloudWatchChecks.evaluate(inventory(), Set.copyOf(CloudWatchChecks.CONTROLS), findings);

        assertThat(result).hasSize(15);
        assertThat(result).extracting(Finding::controlId).containsExactlyElementsOf(CloudWatchChecks.CONTROLS);
        assertThat(result).allSatisfy(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
            assertThat(finding.evidence()).containsEntry("missingLink", "NO_TRAIL");
            assertThat(finding.message()).endsWith(": no multi-Region CloudTrail trail delivers to CloudWatch Logs.");
        });
        assertThat(result.getFirst().message()).isEqualTo("Account " + ACCOUNT + " has no alarm on root user activity:"
                + " no multi-Region CloudTrail trail delivers to CloudWatch Logs.");
    }

    @Test
    void singleRegionTrailDoesNotCount() {
        trails = List.of(trail(TRAIL_ARN, false, LOG_GROUP_ARN));

        Finding finding = rootUsage();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.evidence()).containsEntry("missingLink", "NO_TRAIL").containsEntry("candidateTrails", 0);
    }

    @Test
    void trailWithoutLogGroupDoesNotCount() {
        trails = List.of(trail(TRAIL_ARN, true, null));

        assertThat(rootUsage().evidence()).containsEntry("missingLink", "NO_TRAIL");
    }

    @Test
    void trailNotLoggingFails() {
        states.put(TRAIL_ARN, new TrailState(Collected.ok(false), null));

        Finding finding = rootUsage();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("Account " + ACCOUNT + " has no alarm on root user activity:"
                + " multi-Region trail main delivers to CloudWatch Logs but is not logging.");
        assertThat(finding.evidence()).containsEntry("missingLink", "TRAIL_NOT_LOGGING");
    }

    private static EventSelectors advanced(Advanced... selectors) {
        return new EventSelectors(List.of(), List.of(selectors));
    }

    @Test
    void readOnlyManagementEventsFail() {
        states.put(TRAIL_ARN, new TrailState(Collected.ok(true), Collected.ok(new EventSelectors(
                List.of(new Basic("ReadOnly", true, List.of(), List.of())), List.of()))));

        Finding finding = rootUsage();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).endsWith(": multi-Region trail main does not log all read and write management"
                + " events.");
        assertThat(finding.evidence()).containsEntry("missingLink", "TRAIL_MISSES_MANAGEMENT_EVENTS")
                .containsEntry("managementReads", true)
                .containsEntry("managementWrites", false);
    }

    /** readOnly listing true and false records reads and writes, for CloudTrail.1 and the alarm chains alike. */
    @Test
    void readOnlyListingBothValuesPasses() {
        states.put(TRAIL_ARN, new TrailState(Collected.ok(true), Collected.ok(advanced(new Advanced("management",
                List.of(Field.equalTo("eventCategory", "Management"), Field.equalTo("readOnly", "true", "false")))))));

        assertThat(rootUsage().status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void readAndWriteSelectorsCombine() {
        states.put(TRAIL_ARN, new TrailState(Collected.ok(true), Collected.ok(advanced(
                new Advanced("reads", List.of(Field.equalTo("eventCategory", "Management"),
                        Field.equalTo("readOnly", "true"))),
                new Advanced("writes", List.of(Field.equalTo("eventCategory", "Management"),
                        Field.equalTo("readOnly", "false")))))));

        assertThat(rootUsage().status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void excludedEventSourceFailsWithNote() {
        states.put(TRAIL_ARN, new TrailState(Collected.ok(true), Collected.ok(new EventSelectors(
                List.of(new Basic("All", true, List.of("kms.amazonaws.com"), List.of())), List.of()))));

        Finding finding = rootUsage();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.evidence()).containsEntry("missingLink", "TRAIL_MISSES_MANAGEMENT_EVENTS")
                .containsEntry("selectorNotes",
                        List.of("a basic selector excludes management events from kms.amazonaws.com"));
    }

    @Test
    void dataEventSelectorOnlyFails() {
        states.put(TRAIL_ARN, new TrailState(Collected.ok(true), Collected.ok(advanced(new Advanced("data",
                List.of(Field.equalTo("eventCategory", "Data"), Field.equalTo("resources.type", "AWS::S3::Object")))))));

        assertThat(rootUsage().evidence()).containsEntry("missingLink", "TRAIL_MISSES_MANAGEMENT_EVENTS");
    }

    /** Filters that keep only optional comparisons of the CIS pattern match far more than the activity. */
    @Test
    void exclusionOnlyFiltersFail() {
        Map<MonitoredActivity, String> broad = new LinkedHashMap<>();
        broad.put(MonitoredActivity.UNAUTHORIZED_API_CALLS, "{ $.eventName != \"HeadBucket\" }");
        broad.put(MonitoredActivity.ROOT_USAGE, "{ $.userIdentity.invokedBy NOT EXISTS }");
        for (MonitoredActivity activity : List.of(MonitoredActivity.SECURITY_GROUP_CHANGES,
                MonitoredActivity.NETWORK_ACL_CHANGES, MonitoredActivity.NETWORK_GATEWAY_CHANGES,
                MonitoredActivity.ROUTE_TABLE_CHANGES, MonitoredActivity.VPC_CHANGES)) {
            broad.put(activity, "{ $.eventSource = \"ec2.amazonaws.com\" }");
        }
        broad.forEach((activity, pattern) -> {
            filters.put(LOG_GROUP_ARN, Collected.ok(List.of(new MetricFilterRecord("broad", pattern, List.of(METRIC)))));

            Finding finding = CloudWatchChecks.evaluate(inventory(), activity, findings);

            assertThat(finding.status()).as(activity.controlId() + " " + pattern).isEqualTo(FindingStatus.FAIL);
            assertThat(finding.evidence()).as(activity.controlId() + " " + pattern)
                    .containsEntry("missingLink", "NO_METRIC_FILTER");
        });
    }

    @Test
    void filterWithoutExclusionsPasses() {
        filters.put(LOG_GROUP_ARN, Collected.ok(List.of(new MetricFilterRecord("root-usage",
                "{ $.userIdentity.type = \"Root\" }", List.of(METRIC)))));

        assertThat(rootUsage().status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void missingLogGroupFails() {
        filters.put(LOG_GROUP_ARN, Collected.failed(error("DescribeMetricFilters", AwsErrorKind.NOT_FOUND,
                "ResourceNotFoundException")));

        Finding finding = rootUsage();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).endsWith(": log group trail-logs (eu-west-1) of trail main does not exist.");
        assertThat(finding.evidence()).containsEntry("missingLink", "LOG_GROUP_NOT_FOUND");
    }

    @Test
    void noMatchingFilterFails() {
        filters.put(LOG_GROUP_ARN, Collected.ok(List.of(
                new MetricFilterRecord("logins", "{ $.eventName = ConsoleLogin }", List.of(METRIC)),
                new MetricFilterRecord("plain", "Root", List.of(METRIC)))));

        Finding finding = rootUsage();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).endsWith(": log group trail-logs (eu-west-1) of trail main has no metric filter"
                + " whose pattern matches root user activity.");
        assertThat(finding.evidence()).containsEntry("missingLink", "NO_METRIC_FILTER")
                .containsEntry("metricFilterCount", 2)
                .containsEntry("expectedPattern", MonitoredActivity.ROOT_USAGE.referenceTexts().getFirst());
    }

    @Test
    void filterWithoutAlarmFails() {
        alarms.put(METRIC, Collected.ok(List.of()));

        Finding finding = rootUsage();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).endsWith(": no alarm watches metric CISBenchmark/RootUsage of metric filter"
                + " root-usage on log group trail-logs (eu-west-1).");
        assertThat(finding.evidence()).containsEntry("missingLink", "NO_ALARM").containsEntry("metricFilter", "root-usage");
    }

    @Test
    void alarmWithoutTopicFails() {
        alarms.put(METRIC, Collected.ok(List.of(new AlarmRecord("root-usage", ALARM_ARN, true,
                List.of("arn:aws:automate:eu-west-1:ec2:stop")))));

        Finding finding = rootUsage();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).endsWith(": alarm root-usage on metric CISBenchmark/RootUsage notifies no SNS"
                + " topic.");
        assertThat(finding.evidence()).containsEntry("missingLink", "NO_ALARM_ACTION");
    }

    @Test
    void alarmWithActionsDisabledFails() {
        alarms.put(METRIC, Collected.ok(List.of(new AlarmRecord("root-usage", ALARM_ARN, false, List.of(TOPIC_ARN)))));

        Finding finding = rootUsage();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).endsWith(": alarm root-usage on metric CISBenchmark/RootUsage has its actions"
                + " disabled.");
    }

    @Test
    void pendingSubscriptionFails() {
        subscriptions.put(TOPIC_ARN, Collected.ok(new TopicSubscriptions(0, 2)));

        Finding finding = rootUsage();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).endsWith(": SNS topic security-alerts of alarm root-usage has only subscriptions"
                + " pending confirmation.");
        assertThat(finding.evidence()).containsEntry("missingLink", "NO_CONFIRMED_SUBSCRIPTION")
                .containsEntry("pendingSubscriptions", 2)
                .containsEntry("confirmedSubscriptions", 0);
    }

    @Test
    void topicWithoutSubscriptionsFails() {
        subscriptions.put(TOPIC_ARN, Collected.ok(new TopicSubscriptions(0, 0)));

        assertThat(rootUsage().message()).endsWith(": SNS topic security-alerts of alarm root-usage has no"
                + " subscriptions.");
    }

    @Test
    void deletedTopicFails() {
        subscriptions.put(TOPIC_ARN, Collected.failed(error("ListSubscriptionsByTopic", AwsErrorKind.CLIENT_ERROR,
                "NotFound")));

        Finding finding = rootUsage();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).endsWith(": SNS topic security-alerts of alarm root-usage does not exist.");
    }

    @Test
    void furthestChainIsReported() {
        String otherTrail = "arn:aws:cloudtrail:us-east-1:" + ACCOUNT + ":trail/second";
        String otherGroup = "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:second:*";
        trails = List.of(trail(otherTrail, true, otherGroup), trail(TRAIL_ARN, true, LOG_GROUP_ARN));
        states.put(otherTrail, new TrailState(Collected.ok(false), null));
        alarms.put(METRIC, Collected.ok(List.of()));

        Finding finding = rootUsage();

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.evidence()).containsEntry("missingLink", "NO_ALARM")
                .containsEntry("candidateTrails", 2)
                .containsEntry("trailArn", TRAIL_ARN);
    }

    @Test
    void oneGoodChainPassesDespiteBrokenOnes() {
        String otherTrail = "arn:aws:cloudtrail:us-east-1:" + ACCOUNT + ":trail/second";
        String otherGroup = "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:second:*";
        trails = List.of(trail(otherTrail, true, otherGroup), trail(TRAIL_ARN, true, LOG_GROUP_ARN));
        states.put(otherTrail, new TrailState(Collected.ok(true), Collected.ok(ALL_MANAGEMENT)));
        filters.put(otherGroup, Collected.failed(error("DescribeMetricFilters", AwsErrorKind.ACCESS_DENIED,
                "AccessDeniedException")));

        assertThat(rootUsage().status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void errorWithoutGoodChainIsError() {
        subscriptions.put(TOPIC_ARN, Collected.failed(error("ListSubscriptionsByTopic", AwsErrorKind.ACCESS_DENIED,
                "AuthorizationError")));

        Finding finding = rootUsage();

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.message()).isEqualTo("Account " + ACCOUNT + " could not be checked for an alarm on root user"
                + " activity: ListSubscriptionsByTopic failed with AuthorizationError.");
        assertThat(finding.evidence()).containsEntry("operation", "ListSubscriptionsByTopic")
                .containsEntry("errorCode", "AuthorizationError");
    }

    @Test
    void trailStatusErrorIsError() {
        states.put(TRAIL_ARN, new TrailState(Collected.failed(error("GetTrailStatus", AwsErrorKind.THROTTLED,
                "ThrottlingException")), null));

        assertThat(rootUsage().status()).isEqualTo(FindingStatus.ERROR);
    }

    @Test
    void describeTrailsErrorIsError() {
        MonitoringInventory failed = new MonitoringInventory("eu-west-1", Collected.failed(error("DescribeTrails",
                AwsErrorKind.ACCESS_DENIED, "AccessDeniedException")), Map.of(), Map.of(), Map.of(), Map.of());

        Finding finding = CloudWatchChecks.evaluate(failed, MonitoredActivity.VPC_CHANGES, findings);

        assertThat(finding.controlId()).isEqualTo("CloudWatch.14");
        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.message()).isEqualTo("Account " + ACCOUNT + " could not be checked for an alarm on VPC"
                + " changes: DescribeTrails failed with AccessDeniedException.");
    }

    @Test
    void taskWithoutRegionsIsError() {
        MonitoringInventory none = new MonitoringInventory(null, Collected.ok(List.of()), Map.of(), Map.of(), Map.of(),
                Map.of());

        Finding finding = CloudWatchChecks.evaluate(none, MonitoredActivity.ROOT_USAGE, findings);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("errorCode", "NoAccountRegions");
    }

    @Test
    void organizationTrailOfAnotherAccountIsManual() {
        String organizationTrail = "arn:aws:cloudtrail:us-east-1:999999999999:trail/org";
        String managementGroup = "arn:aws:logs:us-east-1:999999999999:log-group:org-trail:*";
        trails = List.of(new TrailRecord("org", organizationTrail, "us-east-1", true, true, managementGroup));

        Finding finding = rootUsage();

        assertThat(finding.status()).isEqualTo(FindingStatus.MANUAL);
        assertThat(finding.message()).isEqualTo("Account " + ACCOUNT + " sends its CloudTrail events through trail org"
                + " to log group org-trail in account 999999999999; check the alarm on root user activity in that"
                + " account.");
        assertThat(finding.evidence()).containsEntry("logGroupAccount", "999999999999")
                .containsEntry("organizationTrail", true);
    }

    @Test
    void shadowCopiesAreWalkedOnce() {
        trails = List.of(trail(TRAIL_ARN, true, LOG_GROUP_ARN), trail(TRAIL_ARN, true, LOG_GROUP_ARN));

        assertThat(CloudWatchChecks.candidateTrails(trails)).hasSize(1);
        assertThat(rootUsage().status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void onlyEnabledControlsAreEvaluated() {
        Set<String> enabled = new LinkedHashSet<>(List.of("CloudWatch.OrganizationsChanges", "CloudWatch.1"));

        List<Finding> result = CloudWatchChecks.evaluate(inventory(), enabled, findings);

        assertThat(result).extracting(Finding::controlId)
                .containsExactly("CloudWatch.1", "CloudWatch.OrganizationsChanges");
    }

    @Test
    void missingInventoryLinkIsABug() {
        alarms.clear();

        assertThatThrownBy(this::rootUsage)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("alarms of CISBenchmark/RootUsage");
    }
}
