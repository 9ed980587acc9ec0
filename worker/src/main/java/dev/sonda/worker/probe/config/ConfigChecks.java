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
 * The pure checks Config.1 and Config.RecordingAllRegions over the AWS Config state of every
 * region of an account. Each control gives one finding per region, filed in that region, and one
 * account-level finding (region {@code global}) for the recording of global IAM resources, which
 * one region suffices for. The two controls differ only in the recorder's role: Config.1 requires
 * the service-linked role, as Security Hub's Config.1 does by default, while the CIS 3.3 audit
 * accepts any role.
 */
public final class ConfigChecks {

    public static final String CONFIG_1 = "Config.1";
    public static final String RECORDING_ALL_REGIONS = "Config.RecordingAllRegions";
    /** The probe's controls, in the order their findings are returned. */
    public static final List<String> CONTROLS = List.of(CONFIG_1, RECORDING_ALL_REGIONS);

    private ConfigChecks() {
    }

    /**
     * Evaluates each of the probe's controls that is enabled.
     *
     * @param findings the probe's factory, which files findings in the region {@code global}
     */
    public static List<Finding> evaluate(List<RegionConfig> regions, Set<String> enabled, FindingFactory findings) {
        List<Finding> result = new ArrayList<>();
        for (String controlId : CONTROLS) {
            if (enabled.contains(controlId)) {
                result.addAll(evaluate(controlId, regions, findings));
            }
        }
        return result;
    }

    private static List<Finding> evaluate(String controlId, List<RegionConfig> regions, FindingFactory findings) {
        if (regions.isEmpty()) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("operation", "ReadTask");
            evidence.put("errorCode", "NoAccountRegions");
            return List.of(findings.finding(controlId, FindingStatus.ERROR, findings.accountResource(),
                    "AWS Config could not be checked in account " + findings.accountId()
                            + ", because the task lists no regions for it.", evidence));
        }
        List<Finding> result = new ArrayList<>();
        for (RegionConfig region : regions) {
            result.add(region(controlId, region, findings.inRegion(region.region())));
        }
        result.add(globalResources(controlId, regions, findings));
        return result;
    }

    /**
     * Returns the finding of one region for {@code controlId}, Config.1 or Config.RecordingAllRegions.
     */
    static Finding region(String controlId, RegionConfig region, FindingFactory findings) {
        String where = " in region " + region.region() + " of account " + findings.accountId();
        if (!region.recorders().isOk()) {
            AwsError error = region.recorders().error();
            return findings.error(controlId, findings.accountResource(), "AWS Config could not be checked" + where
                    + ": DescribeConfigurationRecorders failed with " + error.errorCode() + ".", error);
        }
        List<RecorderRecord> customer = region.recorders().value().stream()
                .filter(RecorderRecord::isCustomerManaged)
                .toList();
        Map<String, Object> evidence = new LinkedHashMap<>();
        if (customer.isEmpty()) {
            evidence.put("configurationRecorders", 0);
            return findings.finding(controlId, FindingStatus.FAIL, findings.accountResource(),
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
        // The CIS 3.3 audit does not ask for the service-linked role, so only Config.1 checks it.
        if (CONFIG_1.equals(controlId) && !recorder.usesServiceLinkedRole()) {
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
            return findings.finding(controlId, FindingStatus.FAIL, findings.accountResource(), "AWS Config"
                    + where + " does not meet " + controlId + ": " + String.join("; ", problems) + ".", evidence);
        }
        if (unknown != null) {
            return findings.error(controlId, findings.accountResource(), "AWS Config could not be checked" + where
                    + ": " + unknown.operation() + " failed with " + unknown.errorCode() + ".", unknown);
        }
        String role = CONFIG_1.equals(controlId) ? " with the service-linked role" : "";
        return findings.finding(controlId, FindingStatus.PASS, findings.accountResource(), "AWS Config records all "
                + "supported resource types" + where + role + " and delivers them through delivery channel "
                + region.deliveryChannels().value().get(0) + ".", evidence);
    }

    /**
     * Returns the account-level finding for {@code controlId}: PASS when a recording recorder in some
     * region covers the global IAM resource types, FAIL when every region was read and none does,
     * ERROR otherwise. Any role counts here, for both controls, because the regional findings
     * already judge the role.
     */
    static Finding globalResources(String controlId, List<RegionConfig> regions, FindingFactory findings) {
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
            return findings.finding(controlId, FindingStatus.PASS, findings.accountResource(), "AWS Config records "
                    + "the global IAM resources of account " + account + " in region "
                    + String.join(", ", recordingRegions) + ".", evidence);
        }
        if (unknown != null) {
            return findings.error(controlId, findings.accountResource(), "AWS Config could not be checked for the "
                    + "recording of global IAM resources in account " + account + ": " + unknown.operation()
                    + " failed with " + unknown.errorCode() + ".", unknown);
        }
        return findings.finding(controlId, FindingStatus.FAIL, findings.accountResource(), "AWS Config records "
                + "the global IAM resources of account " + account + " in none of its regions ("
                + String.join(", ", all) + ").", evidence);
    }
}
