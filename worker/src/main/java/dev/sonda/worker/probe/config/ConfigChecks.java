package dev.sonda.worker.probe.config;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.probe.FindingFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure check Config.1 over the AWS Config state of every region of an account: one finding
 * per region, filed in that region, and one account-level finding (region {@code global}) for
 * the recording of global IAM resources, which one region suffices for.
 */
public final class ConfigChecks {

    public static final String CONFIG_1 = "Config.1";

    private ConfigChecks() {
    }

    /**
     * Evaluates Config.1 if it is enabled.
     *
     * @param findings the probe's factory, which files findings in the region {@code global}
     */
    public static List<Finding> evaluate(List<RegionConfig> regions, Set<String> enabled, FindingFactory findings) {
        if (!enabled.contains(CONFIG_1)) {
            return List.of();
        }
        if (regions.isEmpty()) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("operation", "ReadTask");
            evidence.put("errorCode", "NoAccountRegions");
            return List.of(findings.finding(CONFIG_1, FindingStatus.ERROR, findings.accountResource(),
                    "AWS Config could not be checked in account " + findings.accountId()
                            + ", because the task lists no regions for it.", evidence));
        }
        List<Finding> result = new ArrayList<>();
        for (RegionConfig region : regions) {
            result.add(region(region, findings.inRegion(region.region())));
        }
        result.add(globalResources(regions, findings));
        return result;
    }

    /** Returns the Config.1 finding of one region. */
    static Finding region(RegionConfig region, FindingFactory findings) {
        String where = " in region " + region.region() + " of account " + findings.accountId();
        if (!region.recorders().isOk()) {
            AwsError error = region.recorders().error();
            return findings.error(CONFIG_1, findings.accountResource(), "AWS Config could not be checked" + where
                    + ": DescribeConfigurationRecorders failed with " + error.errorCode() + ".", error);
        }
        List<RecorderRecord> customer = region.recorders().value().stream()
                .filter(RecorderRecord::isCustomerManaged)
                .toList();
        Map<String, Object> evidence = new LinkedHashMap<>();
        if (customer.isEmpty()) {
            evidence.put("configurationRecorders", 0);
            return findings.finding(CONFIG_1, FindingStatus.FAIL, findings.accountResource(),
                    "AWS Config has no configuration recorder" + where + ".", evidence);
        }
        // AWS allows one customer managed recorder per region.
        RecorderRecord recorder = customer.get(0);
        evidence.put("recorder", recorder.name());
        evidence.put("roleARN", recorder.roleArn());
        evidence.put("allSupported", recorder.allSupported());
        evidence.put("includeGlobalResourceTypes", recorder.includeGlobalResourceTypes());
        evidence.put("recordingStrategy", recorder.recordingStrategy());

        List<String> problems = new ArrayList<>();
        AwsError unknown = null;
        String name = "recorder " + recorder.name();
        if (region.statuses().isOk()) {
            RecorderStatus status = region.statuses().value().stream()
                    .filter(candidate -> recorder.name().equals(candidate.name()))
                    .findFirst()
                    .orElse(null);
            evidence.put("recording", status != null && status.recording());
            if (status == null || !status.recording()) {
                problems.add(name + " is not recording");
            }
            if (status != null) {
                evidence.put("lastStatus", status.lastStatus());
                evidence.put("lastErrorCode", status.lastErrorCode());
                if (status.failed()) {
                    problems.add(name + " has last status FAILURE"
                            + (status.lastErrorCode() == null ? "" : " (" + status.lastErrorCode() + ")"));
                }
            }
        } else {
            unknown = region.statuses().error();
        }
        if (!recorder.recordsAllSupportedTypes()) {
            problems.add(name + " records only selected resource types"
                    + (recorder.recordingStrategy() == null ? "" : " (" + recorder.recordingStrategy() + ")"));
        }
        if (!recorder.usesServiceLinkedRole()) {
            problems.add(name + (recorder.roleArn() == null ? " has no role" : " uses role " + recorder.roleArn())
                    + " instead of the service-linked role AWSServiceRoleForConfig");
        }
        if (region.deliveryChannels().isOk()) {
            evidence.put("deliveryChannels", region.deliveryChannels().value());
            if (region.deliveryChannels().value().isEmpty()) {
                problems.add("the region has no delivery channel");
            }
        } else if (unknown == null) {
            unknown = region.deliveryChannels().error();
        }

        if (!problems.isEmpty()) {
            evidence.put("problems", problems);
            return findings.finding(CONFIG_1, FindingStatus.FAIL, findings.accountResource(), "AWS Config"
                    + where + " does not meet Config.1: " + String.join("; ", problems) + ".", evidence);
        }
        if (unknown != null) {
            return findings.error(CONFIG_1, findings.accountResource(), "AWS Config could not be checked" + where
                    + ": " + unknown.operation() + " failed with " + unknown.errorCode() + ".", unknown);
        }
        return findings.finding(CONFIG_1, FindingStatus.PASS, findings.accountResource(), "AWS Config records all "
                + "supported resource types" + where + " with the service-linked role and delivers them through "
                + "delivery channel " + region.deliveryChannels().value().get(0) + ".", evidence);
    }

    /**
     * Returns the account-level Config.1 finding: PASS when a recording recorder in some region covers the
     * global IAM resource types, FAIL when every region was read and none does, ERROR otherwise.
     */
    static Finding globalResources(List<RegionConfig> regions, FindingFactory findings) {
        String account = findings.accountId();
        List<String> recordingRegions = new ArrayList<>();
        AwsError unknown = null;
        for (RegionConfig region : regions) {
            if (!region.recorders().isOk() || !region.statuses().isOk()) {
                if (unknown == null) {
                    unknown = region.recorders().isOk() ? region.statuses().error() : region.recorders().error();
                }
                continue;
            }
            boolean records = region.recorders().value().stream()
                    .filter(RecorderRecord::isCustomerManaged)
                    .filter(RecorderRecord::recordsGlobalIamTypes)
                    .anyMatch(recorder -> region.statuses().value().stream()
                            .anyMatch(status -> status.name().equals(recorder.name()) && status.recording()));
            if (records) {
                recordingRegions.add(region.region());
            }
        }
        List<String> all = regions.stream().map(RegionConfig::region).toList();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("regions", all);
        evidence.put("regionsRecordingGlobalIamResources", recordingRegions);
        if (!recordingRegions.isEmpty()) {
            return findings.finding(CONFIG_1, FindingStatus.PASS, findings.accountResource(), "AWS Config records "
                    + "the global IAM resources of account " + account + " in region "
                    + String.join(", ", recordingRegions) + ".", evidence);
        }
        if (unknown != null) {
            return findings.error(CONFIG_1, findings.accountResource(), "AWS Config could not be checked for the "
                    + "recording of global IAM resources in account " + account + ": " + unknown.operation()
                    + " failed with " + unknown.errorCode() + ".", unknown);
        }
        return findings.finding(CONFIG_1, FindingStatus.FAIL, findings.accountResource(), "AWS Config records "
                + "the global IAM resources of account " + account + " in none of its regions ("
                + String.join(", ", all) + ").", evidence);
    }
}
