package dev.sonda.worker.probe.cloudwatch;

import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.probe.AwsCalls;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.ProbeContext;
import dev.sonda.worker.probe.cloudtrail.EventSelectors;
import dev.sonda.worker.probe.cloudtrail.EventSelectorsReader;
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
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * Reads the CIS monitoring chain of one account. It calls DescribeTrails in the first of the task's
 * regions that responds, then GetTrailStatus and GetEventSelectors in each trail's home region.
 * It calls DescribeMetricFilters in each log group's region, DescribeAlarmsForMetric in the
 * metric's region and ListSubscriptionsByTopic in the topic's region. Each call is made once per
 * trail, log group, metric or topic, however many controls need it.
 */
final class MonitoringCollector {

    private final ProbeContext context;

    MonitoringCollector(ProbeContext context) {
        this.context = context;
    }

    MonitoringInventory collect(List<MonitoredActivity> activities) {
        List<String> regions = context.accountRegions();
        if (regions.isEmpty()) {
            context.log().note("The task lists no account regions, so CloudTrail trails cannot be read.");
            return new MonitoringInventory(null, Collected.ok(List.of()), Map.of(), Map.of(), Map.of(), Map.of());
        }
        String trailsRegion = regions.getFirst();
        Collected<List<TrailRecord>> trails = null;
        for (String region : regions) {
            trailsRegion = region;
            trails = describeTrails(region);
            if (trails.isOk()) {
                break;
            }
        }
        Map<String, TrailState> states = new LinkedHashMap<>();
        Map<String, Collected<List<MetricFilterRecord>>> filters = new LinkedHashMap<>();
        Map<MetricRef, Collected<List<AlarmRecord>>> alarms = new LinkedHashMap<>();
        Map<String, Collected<TopicSubscriptions>> subscriptions = new LinkedHashMap<>();
        if (trails.isOk()) {
            for (TrailRecord trail : CloudWatchChecks.candidateTrails(trails.value())) {
                LogGroupRef logGroup = trail.logGroup().orElseThrow();
                if (!logGroup.accountId().equals(context.accountId())) {
                    continue;
                }
                TrailState state = states.computeIfAbsent(trail.arn(), arn -> trailState(trail));
                if (CloudWatchChecks.qualifies(state)) {
                    filters.computeIfAbsent(logGroup.arn(), arn -> metricFilters(logGroup));
                }
            }
            for (Collected<List<MetricFilterRecord>> found : filters.values()) {
                if (!found.isOk()) {
                    continue;
                }
                for (MonitoredActivity activity : activities) {
                    for (MetricFilterRecord filter : CloudWatchChecks.matchingFilters(found.value(), activity)) {
                        filter.metrics().forEach(metric -> alarms.computeIfAbsent(metric, this::alarms));
                    }
                }
            }
            for (Collected<List<AlarmRecord>> found : alarms.values()) {
                if (!found.isOk()) {
                    continue;
                }
                for (AlarmRecord alarm : found.value()) {
                    alarm.snsTopics().forEach(topic -> subscriptions.computeIfAbsent(topic, this::subscriptions));
                }
            }
        }
        return new MonitoringInventory(trailsRegion, trails, states, filters, alarms, subscriptions);
    }

    private Collected<List<TrailRecord>> describeTrails(String region) {
        return calls(region).call("cloudtrail", "DescribeTrails", null, () -> {
            List<TrailRecord> trails = new ArrayList<>();
            for (Trail trail : cloudTrail(region).describeTrails(request -> request.includeShadowTrails(true))
                    .trailList()) {
                trails.add(new TrailRecord(trail.name(), trail.trailARN(), trail.homeRegion(),
                        Boolean.TRUE.equals(trail.isMultiRegionTrail()),
                        Boolean.TRUE.equals(trail.isOrganizationTrail()), trail.cloudWatchLogsLogGroupArn()));
            }
            return List.copyOf(trails);
        });
    }

    private TrailState trailState(TrailRecord trail) {
        String region = trail.homeRegion() != null ? trail.homeRegion() : trailRegion(trail.arn());
        Collected<Boolean> logging = calls(region).call("cloudtrail", "GetTrailStatus", trail.name(),
                () -> Boolean.TRUE.equals(cloudTrail(region).getTrailStatus(request -> request.name(trail.arn()))
                        .isLogging()));
        if (!logging.isOk() || !logging.value()) {
            return new TrailState(logging, null);
        }
        Collected<EventSelectors> selectors = calls(region).call("cloudtrail", "GetEventSelectors", trail.name(),
                () -> EventSelectorsReader.read(cloudTrail(region)
                        .getEventSelectors(request -> request.trailName(trail.arn()))));
        return new TrailState(logging, selectors);
    }

    private Collected<List<MetricFilterRecord>> metricFilters(LogGroupRef logGroup) {
        return calls(logGroup.region()).call("logs", "DescribeMetricFilters", logGroup.name(), () -> {
            List<MetricFilterRecord> found = new ArrayList<>();
            CloudWatchLogsClient logs = context.client(CloudWatchLogsClient.class, AwsService.CLOUDWATCH_LOGS,
                    logGroup.region());
            logs.describeMetricFiltersPaginator(request -> request.logGroupName(logGroup.name()))
                    .metricFilters()
                    .forEach(filter -> found.add(metricFilter(filter, logGroup.region())));
            return List.copyOf(found);
        });
    }

    private static MetricFilterRecord metricFilter(MetricFilter filter, String region) {
        List<MetricRef> metrics = filter.metricTransformations().stream()
                .map(transformation -> new MetricRef(region, transformation.metricNamespace(),
                        transformation.metricName()))
                .toList();
        return new MetricFilterRecord(filter.filterName(), filter.filterPattern(), metrics);
    }

    // NOTE: DescribeAlarmsForMetric is called without dimensions, so it finds alarms on metrics that metric filters
    // publish without dimensions, the usual case. Alarms on metric math expressions are not returned by it at all.
    private Collected<List<AlarmRecord>> alarms(MetricRef metric) {
        return calls(metric.region()).call("cloudwatch", "DescribeAlarmsForMetric", metric.toString(), () -> {
            List<AlarmRecord> found = new ArrayList<>();
            CloudWatchClient cloudWatch = context.client(CloudWatchClient.class, AwsService.CLOUDWATCH,
                    metric.region());
            for (MetricAlarm alarm : cloudWatch.describeAlarmsForMetric(request -> request
                    .namespace(metric.namespace()).metricName(metric.name())).metricAlarms()) {
                found.add(new AlarmRecord(alarm.alarmName(), alarm.alarmArn(),
                        alarm.actionsEnabled() == null || alarm.actionsEnabled(), alarm.alarmActions()));
            }
            return List.copyOf(found);
        });
    }

    private Collected<TopicSubscriptions> subscriptions(String topicArn) {
        TopicRef topic = TopicRef.parse(topicArn).orElseThrow();
        return calls(topic.region()).call("sns", "ListSubscriptionsByTopic", topic.name(), () -> {
            int confirmed = 0;
            int pending = 0;
            SnsClient sns = context.client(SnsClient.class, AwsService.SNS, topic.region());
            for (Subscription subscription : sns.listSubscriptionsByTopicPaginator(request -> request
                    .topicArn(topicArn)).subscriptions()) {
                // A confirmed subscription has an ARN; others show PendingConfirmation, or Deleted for a while.
                String arn = subscription.subscriptionArn();
                if (arn != null && arn.startsWith("arn:")) {
                    confirmed++;
                } else if ("PendingConfirmation".equals(arn)) {
                    pending++;
                }
            }
            return new TopicSubscriptions(confirmed, pending);
        });
    }

    private CloudTrailClient cloudTrail(String region) {
        return context.client(CloudTrailClient.class, AwsService.CLOUDTRAIL, region);
    }

    private AwsCalls calls(String region) {
        return new AwsCalls(context.log(), context.accountId(), region);
    }

    /** Returns the region of a trail ARN ({@code arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME}). */
    static String trailRegion(String trailArn) {
        String[] parts = trailArn.split(":", 6);
        if (parts.length < 6 || parts[3].isBlank()) {
            throw new IllegalArgumentException("Not a trail ARN: " + trailArn);
        }
        return parts[3];
    }
}
