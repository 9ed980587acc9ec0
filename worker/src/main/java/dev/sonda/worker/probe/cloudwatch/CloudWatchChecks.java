package dev.sonda.worker.probe.cloudwatch;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import dev.sonda.worker.probe.cloudtrail.EventSelectors;
import dev.sonda.worker.probe.cloudtrail.SelectorAnalysis;
import dev.sonda.worker.probe.cloudwatch.MonitoringInventory.AlarmRecord;
import dev.sonda.worker.probe.cloudwatch.MonitoringInventory.LogGroupRef;
import dev.sonda.worker.probe.cloudwatch.MonitoringInventory.MetricFilterRecord;
import dev.sonda.worker.probe.cloudwatch.MonitoringInventory.MetricRef;
import dev.sonda.worker.probe.cloudwatch.MonitoringInventory.TopicRef;
import dev.sonda.worker.probe.cloudwatch.MonitoringInventory.TopicSubscriptions;
import dev.sonda.worker.probe.cloudwatch.MonitoringInventory.TrailRecord;
import dev.sonda.worker.probe.cloudwatch.MonitoringInventory.TrailState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure checks CloudWatch.1 to CloudWatch.14 and CloudWatch.OrganizationsChanges over a
 * {@link MonitoringInventory}: one finding per control and account.
 *
 * <p>A control passes when one chain is complete: a multi-Region trail that is logging all read and write management
 * events, judged by {@link SelectorAnalysis} as for CloudTrail.1, delivers to a CloudWatch Logs log group; a metric filter on that log group matches the control's
 * {@link MonitoredActivity pattern}; an alarm with actions enabled watches the filter's metric; the alarm notifies an
 * SNS topic; and the topic has a confirmed subscription. Otherwise the control fails and names the missing link of
 * the chain that got furthest. It reports ERROR instead when an API error hid a link. It reports MANUAL when the only
 * chains deliver to a log group in another account, as an organization trail does in a member account, because that
 * account's scan evaluates them.
 */
public final class CloudWatchChecks {

    /** The controls in catalog order. */
    static final List<String> CONTROLS = List.of("CloudWatch.1", "CloudWatch.2", "CloudWatch.3", "CloudWatch.4",
            "CloudWatch.5", "CloudWatch.6", "CloudWatch.7", "CloudWatch.8", "CloudWatch.9", "CloudWatch.10",
            "CloudWatch.11", "CloudWatch.12", "CloudWatch.13", "CloudWatch.14", "CloudWatch.OrganizationsChanges");

    /** SNS's error code for a topic that does not exist. */
    static final String SNS_NOT_FOUND = "NotFound";

    /** The missing links of a chain, from the first to the last. */
    enum Gap {
        NO_TRAIL,
        TRAIL_NOT_LOGGING,
        TRAIL_MISSES_MANAGEMENT_EVENTS,
        LOG_GROUP_NOT_FOUND,
        NO_METRIC_FILTER,
        NO_ALARM,
        NO_ALARM_ACTION,
        NO_CONFIRMED_SUBSCRIPTION
    }

    private CloudWatchChecks() {
    }

    /** Returns the monitored activities of the enabled controls, in catalog order. */
    static List<MonitoredActivity> enabledActivities(Set<String> enabled) {
        return CONTROLS.stream()
                .filter(enabled::contains)
                .map(id -> MonitoredActivity.forControl(id).orElseThrow())
                .toList();
    }

    public static List<Finding> evaluate(MonitoringInventory inventory, Set<String> enabled, FindingFactory findings) {
        List<Finding> result = new ArrayList<>();
        for (MonitoredActivity activity : enabledActivities(enabled)) {
            result.add(evaluate(inventory, activity, findings));
        }
        return result;
    }

    static Finding evaluate(MonitoringInventory inventory, MonitoredActivity activity, FindingFactory findings) {
        String control = activity.controlId();
        String account = findings.accountId();
        if (inventory.trailsRegion() == null) {
            return findings.finding(control, FindingStatus.ERROR, findings.accountResource(), "Account " + account
                    + " could not be checked for an alarm on " + activity.description()
                    + ": the task lists no region to read CloudTrail trails in.",
                    Map.of("operation", "DescribeTrails", "errorCode", "NoAccountRegions"));
        }
        if (!inventory.trails().isOk()) {
            return error(activity, findings, inventory.trails().error());
        }
        Walk walk = new Walk(inventory, activity, account);
        walk.run();
        return walk.finding(findings);
    }

    /** Returns the trails that may start a chain: multi-Region, with a readable log group ARN, each once. */
    static List<TrailRecord> candidateTrails(List<TrailRecord> trails) {
        Map<String, TrailRecord> byArn = new LinkedHashMap<>();
        for (TrailRecord trail : trails) {
            if (trail.multiRegion() && trail.logGroup().isPresent()) {
                byArn.putIfAbsent(trail.arn(), trail);
            }
        }
        return List.copyOf(byArn.values());
    }

    /** Returns whether a trail in the state its home region reported may start a chain. */
    static boolean qualifies(TrailState state) {
        return state.logging().isOk() && state.logging().value() && state.selectors() != null
                && state.selectors().isOk() && SelectorAnalysis.management(state.selectors().value()).complete();
    }

    /** Returns the metric filters of a list whose pattern catches the activity. */
    static List<MetricFilterRecord> matchingFilters(List<MetricFilterRecord> filters, MonitoredActivity activity) {
        List<MetricFilterRecord> matching = new ArrayList<>();
        for (MetricFilterRecord filter : filters) {
            FilterPattern.Parsed parsed = FilterPattern.parse(filter.pattern());
            if (parsed.valid() && activity.matches(parsed.pattern())) {
                matching.add(filter);
            }
        }
        return matching;
    }

    private static Finding error(MonitoredActivity activity, FindingFactory findings, AwsError error) {
        return findings.error(activity.controlId(), findings.accountResource(), "Account " + findings.accountId()
                + " could not be checked for an alarm on " + activity.description() + ": " + error.operation()
                + " failed with " + error.errorCode() + ".", error);
    }

    /**
     * One walk along every chain for one activity. It stops at the first complete chain and otherwise remembers the
     * chain that got furthest, the first API error, and log groups in other accounts.
     */
    private static final class Walk {
        private final MonitoringInventory inventory;
        private final MonitoredActivity activity;
        private final String account;

        private Gap furthest = Gap.NO_TRAIL;
        private String gapMessage;
        private Map<String, Object> gapEvidence = new LinkedHashMap<>();
        private Map<String, Object> passEvidence;
        private String passMessage;
        private AwsError firstError;
        private TrailRecord externalTrail;
        private int candidates;

        Walk(MonitoringInventory inventory, MonitoredActivity activity, String account) {
            this.inventory = inventory;
            this.activity = activity;
            this.account = account;
        }

        void run() {
            List<TrailRecord> trails = candidateTrails(inventory.trails().value());
            candidates = trails.size();
            gapMessage = "no multi-Region CloudTrail trail delivers to CloudWatch Logs";
            gapEvidence.put("trailCount", inventory.trails().value().size());
            gapEvidence.put("trailsRegion", inventory.trailsRegion());
            for (TrailRecord trail : trails) {
                if (walkTrail(trail)) {
                    return;
                }
            }
        }

        /** Walks the chains of one trail; returns {@code true} when one is complete. */
        private boolean walkTrail(TrailRecord trail) {
            LogGroupRef logGroup = trail.logGroup().orElseThrow();
            if (!logGroup.accountId().equals(account)) {
                if (externalTrail == null) {
                    externalTrail = trail;
                }
                return false;
            }

            TrailState state = require(inventory.trailStates().get(trail.arn()), "state of trail " + trail.arn());
            if (!state.logging().isOk()) {
                recordError(state.logging().error());
                return false;
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("trailArn", trail.arn());
            evidence.put("logGroupArn", logGroup.arn());
            if (!state.logging().value()) {
                gap(Gap.TRAIL_NOT_LOGGING, "multi-Region trail " + trail.name()
                        + " delivers to CloudWatch Logs but is not logging", evidence);
                return false;
            }

            Collected<EventSelectors> selectors = require(state.selectors(), "event selectors of " + trail.arn());
            if (!selectors.isOk()) {
                recordError(selectors.error());
                return false;
            }
            SelectorAnalysis.Management management = SelectorAnalysis.management(selectors.value());
            if (!management.complete()) {
                Map<String, Object> selectorEvidence = new LinkedHashMap<>(evidence);
                selectorEvidence.put("managementReads", management.reads());
                selectorEvidence.put("managementWrites", management.writes());
                if (!management.notes().isEmpty()) {
                    selectorEvidence.put("selectorNotes", management.notes());
                }
                gap(Gap.TRAIL_MISSES_MANAGEMENT_EVENTS, "multi-Region trail " + trail.name()
                        + " does not log all read and write management events", selectorEvidence);
                return false;
            }
            return walkLogGroup(trail, logGroup, evidence);
        }

        private boolean walkLogGroup(TrailRecord trail, LogGroupRef logGroup, Map<String, Object> trailEvidence) {
            Collected<List<MetricFilterRecord>> filters = require(inventory.metricFilters().get(logGroup.arn()),
                    "metric filters of " + logGroup.arn());
            String where = "log group " + logGroup.name() + " (" + logGroup.region() + ") of trail " + trail.name();
            if (filters.failedWith(AwsErrorKind.NOT_FOUND)) {
                gap(Gap.LOG_GROUP_NOT_FOUND, where + " does not exist", trailEvidence);
                return false;
            }
            if (!filters.isOk()) {
                recordError(filters.error());
                return false;
            }
            List<MetricFilterRecord> matching = matchingFilters(filters.value(), activity);
            if (matching.isEmpty()) {
                Map<String, Object> evidence = new LinkedHashMap<>(trailEvidence);
                evidence.put("metricFilterCount", filters.value().size());
                evidence.put("expectedPattern", activity.referenceTexts().getFirst());
                gap(Gap.NO_METRIC_FILTER, where + " has no metric filter whose pattern matches "
                        + activity.description(), evidence);
                return false;
            }
            for (MetricFilterRecord filter : matching) {
                for (MetricRef metric : filter.metrics()) {
                    Map<String, Object> evidence = new LinkedHashMap<>(trailEvidence);
                    evidence.put("metricFilter", filter.name());
                    evidence.put("filterPattern", filter.pattern());
                    evidence.put("metric", metric.toString());
                    if (walkMetric(logGroup, filter, metric, evidence)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean walkMetric(LogGroupRef logGroup, MetricFilterRecord filter, MetricRef metric,
                Map<String, Object> filterEvidence) {
            Collected<List<AlarmRecord>> alarms = require(inventory.alarms().get(metric), "alarms of " + metric);
            if (!alarms.isOk()) {
                recordError(alarms.error());
                return false;
            }
            if (alarms.value().isEmpty()) {
                gap(Gap.NO_ALARM, "no alarm watches metric " + metric + " of metric filter " + filter.name()
                        + " on log group " + logGroup.name() + " (" + logGroup.region() + ")", filterEvidence);
                return false;
            }
            for (AlarmRecord alarm : alarms.value()) {
                Map<String, Object> evidence = new LinkedHashMap<>(filterEvidence);
                evidence.put("alarmArn", alarm.arn());
                List<String> topics = alarm.snsTopics();
                if (topics.isEmpty()) {
                    String reason = alarm.actionsEnabled() ? "notifies no SNS topic" : "has its actions disabled";
                    gap(Gap.NO_ALARM_ACTION, "alarm " + alarm.name() + " on metric " + metric + " " + reason, evidence);
                    continue;
                }
                for (String topic : topics) {
                    if (walkTopic(logGroup, filter, alarm, topic, evidence)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean walkTopic(LogGroupRef logGroup, MetricFilterRecord filter, AlarmRecord alarm, String topicArn,
                Map<String, Object> alarmEvidence) {
            Collected<TopicSubscriptions> subscriptions = require(inventory.subscriptions().get(topicArn),
                    "subscriptions of " + topicArn);
            Map<String, Object> evidence = new LinkedHashMap<>(alarmEvidence);
            evidence.put("topicArn", topicArn);
            String topicName = TopicRef.parse(topicArn).map(TopicRef::name).orElse(topicArn);
            if (subscriptions.failedWith(SNS_NOT_FOUND) || subscriptions.failedWith(AwsErrorKind.NOT_FOUND)) {
                gap(Gap.NO_CONFIRMED_SUBSCRIPTION, "SNS topic " + topicName + " of alarm " + alarm.name()
                        + " does not exist", evidence);
                return false;
            }
            if (!subscriptions.isOk()) {
                recordError(subscriptions.error());
                return false;
            }
            TopicSubscriptions counts = subscriptions.value();
            evidence.put("confirmedSubscriptions", counts.confirmed());
            evidence.put("pendingSubscriptions", counts.pending());
            if (counts.confirmed() == 0) {
                String detail = counts.pending() == 0 ? "has no subscriptions"
                        : "has only subscriptions pending confirmation";
                gap(Gap.NO_CONFIRMED_SUBSCRIPTION, "SNS topic " + topicName + " of alarm " + alarm.name() + " "
                        + detail, evidence);
                return false;
            }
            passEvidence = evidence;
            passMessage = "Account " + account + " alarms on " + activity.description() + ": metric filter "
                    + filter.name() + " on log group " + logGroup.name() + " (" + logGroup.region()
                    + ") feeds alarm " + alarm.name() + ", which notifies SNS topic " + topicName + " with "
                    + counts.confirmed() + (counts.confirmed() == 1 ? " confirmed subscription." : " confirmed subscriptions.");
            return true;
        }

        private void gap(Gap gap, String message, Map<String, Object> evidence) {
            if (gap.compareTo(furthest) > 0 || gapMessage == null) {
                furthest = gap;
                gapMessage = message;
                gapEvidence = new LinkedHashMap<>(evidence);
            }
        }

        private void recordError(AwsError error) {
            if (firstError == null) {
                firstError = error;
            }
        }

        Finding finding(FindingFactory findings) {
            String control = activity.controlId();
            String resource = findings.accountResource();
            if (passMessage != null) {
                return findings.finding(control, FindingStatus.PASS, resource, passMessage, passEvidence);
            }
            if (firstError != null) {
                return error(activity, findings, firstError);
            }
            if (externalTrail != null) {
                LogGroupRef logGroup = externalTrail.logGroup().orElseThrow();
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("trailArn", externalTrail.arn());
                evidence.put("logGroupArn", logGroup.arn());
                evidence.put("logGroupAccount", logGroup.accountId());
                evidence.put("organizationTrail", externalTrail.organizationTrail());
                return findings.finding(control, FindingStatus.MANUAL, resource, "Account " + account
                        + " sends its CloudTrail events through trail " + externalTrail.name() + " to log group "
                        + logGroup.name() + " in account " + logGroup.accountId() + "; check the alarm on "
                        + activity.description() + " in that account.", evidence);
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("missingLink", furthest.name());
            evidence.put("candidateTrails", candidates);
            evidence.putAll(gapEvidence);
            return findings.finding(control, FindingStatus.FAIL, resource, "Account " + account
                    + " has no alarm on " + activity.description() + ": " + gapMessage + ".", evidence);
        }

        private static <T> T require(T value, String what) {
            if (value == null) {
                throw new IllegalStateException("The collector did not read the " + what
                        + ", which the chain needs; collector and checks disagree");
            }
            return value;
        }
    }
}
