package dev.sonda.worker.probe.cloudwatch;

import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.cloudtrail.EventSelectors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CIS monitoring setup of one account: its trails, and along each trail that may qualify, the log group's metric
 * filters, the alarms on their metrics and the subscriptions of the alarms' SNS topics.
 *
 * <p>The collector reads only what a chain needs: the state of trails that deliver to a log group in this account,
 * the metric filters of trails that qualify, the alarms of filters that match an enabled control, and the
 * subscriptions of topics those alarms notify. The checks walk the same chain, so every link they look at was read.
 *
 * @param trailsRegion the region where DescribeTrails succeeded, or {@code null} when the task named no region
 * @param trails DescribeTrails with shadow trails, so multi-Region and organization trails homed elsewhere appear
 * @param trailStates by trail ARN, for trails that deliver to a log group in this account
 * @param metricFilters by log group ARN, for the log groups of qualifying trails
 * @param alarms by metric, for the metrics of metric filters that match an enabled control
 * @param subscriptions by topic ARN, for the SNS topics that those alarms notify
 */
record MonitoringInventory(
        String trailsRegion,
        Collected<List<TrailRecord>> trails,
        Map<String, TrailState> trailStates,
        Map<String, Collected<List<MetricFilterRecord>>> metricFilters,
        Map<MetricRef, Collected<List<AlarmRecord>>> alarms,
        Map<String, Collected<TopicSubscriptions>> subscriptions) {

    MonitoringInventory {
        trailStates = Map.copyOf(trailStates);
        metricFilters = Map.copyOf(metricFilters);
        alarms = Map.copyOf(alarms);
        subscriptions = Map.copyOf(subscriptions);
    }

    /**
     * A trail as DescribeTrails lists it.
     *
     * @param logGroupArn CloudWatchLogsLogGroupArn, or {@code null} when the trail does not deliver to CloudWatch Logs
     */
    record TrailRecord(String name, String arn, String homeRegion, boolean multiRegion, boolean organizationTrail,
            String logGroupArn) {

        /** Returns the trail's log group, or empty when it has none or its ARN cannot be read. */
        Optional<LogGroupRef> logGroup() {
            return LogGroupRef.parse(logGroupArn);
        }
    }

    /**
     * The state of a trail as its home region reports it.
     *
     * @param logging GetTrailStatus IsLogging
     * @param selectors GetEventSelectors, or {@code null} when the trail is not logging or its status failed
     */
    record TrailState(Collected<Boolean> logging, Collected<EventSelectors> selectors) {
    }

    /** A CloudWatch Logs log group named by an ARN such as {@code arn:aws:logs:eu-west-1:111111111111:log-group:NAME:*}. */
    record LogGroupRef(String arn, String region, String accountId, String name) {

        private static final Pattern ARN = Pattern.compile(
                "arn:[a-z-]+:logs:([a-z]{2}(?:-[a-z]+)+-\\d+):(\\d{12}):log-group:([^:]+)(?::\\*)?");

        static Optional<LogGroupRef> parse(String arn) {
            if (arn == null) {
                return Optional.empty();
            }
            Matcher matcher = ARN.matcher(arn.strip());
            if (!matcher.matches()) {
                return Optional.empty();
            }
            return Optional.of(new LogGroupRef(arn.strip(), matcher.group(1), matcher.group(2), matcher.group(3)));
        }
    }

    /**
     * A metric filter on a log group.
     *
     * @param metrics the metrics its transformations publish
     */
    record MetricFilterRecord(String name, String pattern, List<MetricRef> metrics) {

        MetricFilterRecord {
            metrics = List.copyOf(metrics);
        }
    }

    /** A CloudWatch metric in one region. */
    record MetricRef(String region, String namespace, String name) {

        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    /**
     * A metric alarm as DescribeAlarmsForMetric returns it.
     *
     * @param actionsEnabled ActionsEnabled; an alarm with actions disabled notifies no one
     * @param alarmActions the ARNs of the actions taken when the alarm fires
     */
    record AlarmRecord(String name, String arn, boolean actionsEnabled, List<String> alarmActions) {

        AlarmRecord {
            alarmActions = List.copyOf(alarmActions);
        }

        /** Returns the SNS topics the alarm notifies; none when its actions are disabled. */
        List<String> snsTopics() {
            if (!actionsEnabled) {
                return List.of();
            }
            return alarmActions.stream().filter(action -> TopicRef.parse(action).isPresent()).toList();
        }
    }

    /** An SNS topic named by an ARN such as {@code arn:aws:sns:eu-west-1:111111111111:alerts}. */
    record TopicRef(String arn, String region, String accountId, String name) {

        private static final Pattern ARN = Pattern.compile(
                "arn:[a-z-]+:sns:([a-z]{2}(?:-[a-z]+)+-\\d+):(\\d{12}):([A-Za-z0-9_.-]+)");

        static Optional<TopicRef> parse(String arn) {
            if (arn == null) {
                return Optional.empty();
            }
            Matcher matcher = ARN.matcher(arn.strip());
            if (!matcher.matches()) {
                return Optional.empty();
            }
            return Optional.of(new TopicRef(arn.strip(), matcher.group(1), matcher.group(2), matcher.group(3)));
        }
    }

    /**
     * The subscriptions of an SNS topic, counted. A confirmed subscription has an ARN; one awaiting confirmation has
     * the SubscriptionArn {@code PendingConfirmation}.
     */
    record TopicSubscriptions(int confirmed, int pending) {
    }
}
