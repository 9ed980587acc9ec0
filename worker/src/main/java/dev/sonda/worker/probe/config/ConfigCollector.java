package dev.sonda.worker.probe.config;

import dev.sonda.worker.probe.AwsCalls;
import dev.sonda.worker.probe.Collected;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ConfigurationRecorder;
import software.amazon.awssdk.services.config.model.RecordingGroup;

/**
 * Reads AWS Config's recorders, their status and the delivery channels in each region of an
 * account: three calls per region, none of them paginated.
 */
final class ConfigCollector {

    static final String SERVICE = "config";

    private final Function<String, ConfigClient> config;
    private final AwsCalls calls;

    /** @param config returns the task's Config client for a region */
    ConfigCollector(Function<String, ConfigClient> config, AwsCalls calls) {
        this.config = config;
        this.calls = calls;
    }

    List<RegionConfig> collect(List<String> regions) {
        List<RegionConfig> result = new ArrayList<>(regions.size());
        for (String region : regions) {
            result.add(collect(region));
        }
        return result;
    }

    private RegionConfig collect(String region) {
        Collected<List<RecorderRecord>> recorders = calls.call(SERVICE, "DescribeConfigurationRecorders", region,
                () -> config.apply(region).describeConfigurationRecorders(request -> { })
                        .configurationRecorders().stream()
                        .map(ConfigCollector::recorder)
                        .toList());
        Collected<List<RecorderStatus>> statuses = calls.call(SERVICE, "DescribeConfigurationRecorderStatus", region,
                () -> config.apply(region).describeConfigurationRecorderStatus(request -> { })
                        .configurationRecordersStatus().stream()
                        .map(status -> new RecorderStatus(status.name(), Boolean.TRUE.equals(status.recording()),
                                status.lastStatusAsString(), status.lastErrorCode()))
                        .toList());
        Collected<List<String>> channels = calls.call(SERVICE, "DescribeDeliveryChannels", region,
                () -> config.apply(region).describeDeliveryChannels(request -> { })
                        .deliveryChannels().stream()
                        .map(channel -> channel.name())
                        .toList());
        return new RegionConfig(region, recorders, statuses, channels);
    }

    private static RecorderRecord recorder(ConfigurationRecorder recorder) {
        RecordingGroup group = recorder.recordingGroup();
        if (group == null) {
            return new RecorderRecord(recorder.name(), recorder.roleARN(), false, false, null, List.of(), List.of(),
                    recorder.servicePrincipal());
        }
        List<String> excluded = group.exclusionByResourceTypes() == null
                ? List.of()
                : group.exclusionByResourceTypes().resourceTypesAsStrings();
        String strategy = group.recordingStrategy() == null ? null : group.recordingStrategy().useOnlyAsString();
        return new RecorderRecord(recorder.name(), recorder.roleARN(), Boolean.TRUE.equals(group.allSupported()),
                Boolean.TRUE.equals(group.includeGlobalResourceTypes()), strategy, group.resourceTypesAsStrings(),
                excluded, recorder.servicePrincipal());
    }
}
