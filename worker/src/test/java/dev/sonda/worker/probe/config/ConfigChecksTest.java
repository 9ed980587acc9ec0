package dev.sonda.worker.probe.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorKind;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigChecksTest {

    private static final String ACCOUNT = "123456789012";
    private static final String SLR = "arn:aws:iam::" + ACCOUNT
            + ":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig";
    private static final List<String> IAM_TYPES = List.of("AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Role",
            "AWS::IAM::Policy");

    private final FindingFactory findings = new FindingFactory(Catalog.load().probe("config").orElseThrow(), ACCOUNT,
            "global");

    private static RecorderRecord allTypes(boolean includeGlobal) {
        return new RecorderRecord("default", SLR, true, includeGlobal, "ALL_SUPPORTED_RESOURCE_TYPES", List.of(),
                List.of(), null);
    }

    private static RegionConfig region(String name, RecorderRecord recorder, RecorderStatus status, String channel) {
        return new RegionConfig(name, Collected.ok(recorder == null ? List.of() : List.of(recorder)),
                Collected.ok(status == null ? List.of() : List.of(status)),
                Collected.ok(channel == null ? List.of() : List.of(channel)));
    }

    private static RecorderStatus recording() {
        return new RecorderStatus("default", true, "SUCCESS", null);
    }

    private static AwsError denied(String operation) {
        return new AwsError(operation, AwsErrorKind.ACCESS_DENIED, "AccessDeniedException", 400, null);
    }

    private Finding region(RegionConfig region) {
        return ConfigChecks.region(ConfigChecks.CONFIG_1, region, findings.inRegion(region.region()));
    }

    private Finding cisRegion(RegionConfig region) {
        return ConfigChecks.region(ConfigChecks.RECORDING_ALL_REGIONS, region, findings.inRegion(region.region()));
    }

    @Test
    void compliantRegionPasses() {
        Finding finding = region(region("eu-west-1", allTypes(false), recording(), "default"));

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
        assertThat(finding.region()).isEqualTo("eu-west-1");
        assertThat(finding.resourceId()).isEqualTo("AWS::::Account:" + ACCOUNT);
        assertThat(finding.message()).isEqualTo("AWS Config records all supported resource types in region "
                + "eu-west-1 of account 123456789012 with the service-linked role and delivers them through delivery "
                + "channel default.");
        assertThat(finding.evidence()).containsEntry("recorder", "default").containsEntry("recording", true)
                .containsEntry("deliveryChannels", List.of("default"));
    }

    @Test
    void pendingStatusPasses() {
        Finding finding = region(region("eu-west-1", allTypes(true), new RecorderStatus("default", true, "PENDING",
                null), "default"));

        assertThat(finding.status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void missingRecorderFails() {
        Finding finding = region(region("us-east-1", null, null, null));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.region()).isEqualTo("us-east-1");
        assertThat(finding.message()).isEqualTo("AWS Config has no configuration recorder in region us-east-1 of "
                + "account 123456789012.");
    }

    @Test
    void serviceLinkedRecorderDoesNotCount() {
        RecorderRecord linked = new RecorderRecord("AWSConfigurationRecorderForSecurityHub", SLR, true, false, null,
                List.of(), List.of(), "securityhub.amazonaws.com");

        Finding finding = region(region("eu-west-1", linked, recording(), "default"));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).startsWith("AWS Config has no configuration recorder");
    }

    @Test
    void everyProblemListed() {
        RecorderRecord partial = new RecorderRecord("default", "arn:aws:iam::123456789012:role/config-recorder", false,
                false, "INCLUSION_BY_RESOURCE_TYPES", List.of("AWS::S3::Bucket"), List.of(), null);

        Finding finding = region(region("eu-west-1", partial, new RecorderStatus("default", false, "FAILURE",
                "AccessDenied"), null));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("AWS Config in region eu-west-1 of account 123456789012 does not meet "
                + "Config.1: recorder default is not recording; recorder default has last status FAILURE "
                + "(AccessDenied); recorder default records only selected resource types "
                + "(INCLUSION_BY_RESOURCE_TYPES); recorder default uses role "
                + "arn:aws:iam::123456789012:role/config-recorder instead of the service-linked role "
                + "AWSServiceRoleForConfig; the region has no delivery channel.");
        assertThat(finding.evidence()).containsEntry("lastErrorCode", "AccessDenied");
    }

    @Test
    void recorderWithoutStatusIsNotRecording() {
        Finding finding = region(region("eu-west-1", allTypes(false), null, "default"));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.evidence()).containsEntry("problems", List.of("recorder default is not recording"));
    }

    @Test
    void unreadableStatusWithoutOtherProblemIsError() {
        RegionConfig region = new RegionConfig("eu-west-1", Collected.ok(List.of(allTypes(false))),
                Collected.failed(denied("DescribeConfigurationRecorderStatus")), Collected.ok(List.of("default")));

        Finding finding = region(region);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.message()).isEqualTo("AWS Config could not be checked in region eu-west-1 of account "
                + "123456789012: DescribeConfigurationRecorderStatus failed with AccessDeniedException.");
        assertThat(finding.evidence()).containsEntry("operation", "DescribeConfigurationRecorderStatus");
    }

    @Test
    void unreadableStatusWithKnownProblemFails() {
        RecorderRecord wrongRole = new RecorderRecord("default", "arn:aws:iam::123456789012:role/config", true, false,
                null, List.of(), List.of(), null);
        RegionConfig region = new RegionConfig("eu-west-1", Collected.ok(List.of(wrongRole)),
                Collected.failed(denied("DescribeConfigurationRecorderStatus")), Collected.ok(List.of("default")));

        assertThat(region(region).status()).isEqualTo(FindingStatus.FAIL);
    }

    @Test
    void deniedRecordersIsError() {
        RegionConfig region = new RegionConfig("eu-west-1", Collected.failed(denied("DescribeConfigurationRecorders")),
                Collected.failed(denied("DescribeConfigurationRecorderStatus")),
                Collected.failed(denied("DescribeDeliveryChannels")));

        Finding finding = region(region);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.evidence()).containsEntry("operation", "DescribeConfigurationRecorders");
    }

    @Test
    void globalRecordingInOneRegionPasses() {
        List<RegionConfig> regions = List.of(region("eu-west-1", allTypes(false), recording(), "default"),
                region("us-east-1", allTypes(true), recording(), "default"));

        List<Finding> result = ConfigChecks.evaluate(regions, Set.of("Config.1"), findings);

        assertThat(result).extracting(Finding::controlId).containsOnly("Config.1");
        assertThat(result).extracting(Finding::region).containsExactly("eu-west-1", "us-east-1", "global");
        Finding account = result.get(2);
        assertThat(account.status()).isEqualTo(FindingStatus.PASS);
        assertThat(account.message()).isEqualTo("AWS Config records the global IAM resources of account "
                + "123456789012 in region us-east-1.");
        assertThat(account.evidence()).containsEntry("regionsRecordingGlobalIamResources", List.of("us-east-1"));
    }

    @Test
    void noGlobalRecordingFails() {
        List<RegionConfig> regions = List.of(region("eu-west-1", allTypes(false), recording(), "default"),
                region("us-east-1", null, null, null));

        Finding account = ConfigChecks.globalResources(ConfigChecks.CONFIG_1, regions, findings);

        assertThat(account.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(account.region()).isEqualTo("global");
        assertThat(account.message()).isEqualTo("AWS Config records the global IAM resources of account "
                + "123456789012 in none of its regions (eu-west-1, us-east-1).");
    }

    @Test
    void stoppedRecorderDoesNotRecordGlobalResources() {
        List<RegionConfig> regions = List.of(region("eu-west-1", allTypes(true),
                new RecorderStatus("default", false, null, null), "default"));

        assertThat(ConfigChecks.globalResources(ConfigChecks.CONFIG_1, regions, findings).status()).isEqualTo(FindingStatus.FAIL);
    }

    @Test
    void inclusionListWithIamTypesRecordsGlobalResources() {
        RecorderRecord inclusion = new RecorderRecord("default", SLR, false, false, "INCLUSION_BY_RESOURCE_TYPES",
                IAM_TYPES, List.of(), null);
        RecorderRecord partialInclusion = new RecorderRecord("default", SLR, false, false,
                "INCLUSION_BY_RESOURCE_TYPES", List.of("AWS::IAM::User"), List.of(), null);

        assertThat(inclusion.recordsGlobalIamTypes()).isTrue();
        assertThat(partialInclusion.recordsGlobalIamTypes()).isFalse();
    }

    @Test
    void exclusionListKeepsGlobalResources() {
        RecorderRecord excludesBuckets = new RecorderRecord("default", SLR, false, false,
                "EXCLUSION_BY_RESOURCE_TYPES", List.of(), List.of("AWS::S3::Bucket"), null);
        RecorderRecord excludesRoles = new RecorderRecord("default", SLR, false, false,
                "EXCLUSION_BY_RESOURCE_TYPES", List.of(), List.of("AWS::IAM::Role"), null);

        assertThat(excludesBuckets.recordsGlobalIamTypes()).isTrue();
        assertThat(excludesRoles.recordsGlobalIamTypes()).isFalse();
        assertThat(excludesBuckets.recordsAllSupportedTypes()).isFalse();
    }

    @Test
    void unreadableRegionWithoutGlobalRecordingIsError() {
        List<RegionConfig> regions = List.of(region("eu-west-1", allTypes(false), recording(), "default"),
                new RegionConfig("us-east-1", Collected.failed(denied("DescribeConfigurationRecorders")),
                        Collected.ok(List.of()), Collected.ok(List.of())));

        Finding account = ConfigChecks.globalResources(ConfigChecks.CONFIG_1, regions, findings);

        assertThat(account.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(account.evidence()).containsEntry("operation", "DescribeConfigurationRecorders");
    }

    @Test
    void unreadableRegionDoesNotHideGlobalRecordingElsewhere() {
        List<RegionConfig> regions = List.of(region("eu-west-1", allTypes(true), recording(), "default"),
                new RegionConfig("us-east-1", Collected.failed(denied("DescribeConfigurationRecorders")),
                        Collected.ok(List.of()), Collected.ok(List.of())));

        assertThat(ConfigChecks.globalResources(ConfigChecks.CONFIG_1, regions, findings).status()).isEqualTo(FindingStatus.PASS);
    }

    @Test
    void taskWithoutRegionsIsError() {
        List<Finding> result = ConfigChecks.evaluate(List.of(), Set.of("Config.1"), findings);

        assertThat(result).singleElement().satisfies(finding -> {
            assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
            assertThat(finding.evidence()).containsEntry("errorCode", "NoAccountRegions");
        });
    }

    @Test
    void taskWithoutRegionsIsErrorForBothControls() {
        List<Finding> result = ConfigChecks.evaluate(List.of(), Set.copyOf(ConfigChecks.CONTROLS), findings);

        assertThat(result).extracting(Finding::controlId).containsExactly("Config.1", "Config.RecordingAllRegions");
        assertThat(result).extracting(Finding::status).containsOnly(FindingStatus.ERROR);
    }

    @Test
    void cisCheckAcceptsCustomRole() {
        RecorderRecord customRole = new RecorderRecord("default", "arn:aws:iam::123456789012:role/config-recorder",
                true, true, null, List.of(), List.of(), null);
        RegionConfig region = region("us-east-1", customRole, recording(), "default");

        Finding cis = cisRegion(region);

        assertThat(cis.controlId()).isEqualTo("Config.RecordingAllRegions");
        assertThat(cis.status()).isEqualTo(FindingStatus.PASS);
        assertThat(cis.region()).isEqualTo("us-east-1");
        assertThat(cis.message()).isEqualTo("AWS Config records all supported resource types in region us-east-1 "
                + "of account 123456789012 and delivers them through delivery channel default.");
        assertThat(cis.evidence()).containsEntry("roleARN", "arn:aws:iam::123456789012:role/config-recorder");
        assertThat(region(region).status()).isEqualTo(FindingStatus.FAIL);
    }

    @Test
    void cisCheckListsEveryProblemButRole() {
        RecorderRecord partial = new RecorderRecord("default", "arn:aws:iam::123456789012:role/config-recorder", false,
                false, "INCLUSION_BY_RESOURCE_TYPES", List.of("AWS::S3::Bucket"), List.of(), null);

        Finding finding = cisRegion(region("eu-west-1", partial, new RecorderStatus("default", false, "FAILURE",
                "AccessDenied"), null));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("AWS Config in region eu-west-1 of account 123456789012 does not meet "
                + "Config.RecordingAllRegions: recorder default is not recording; recorder default has last status "
                + "FAILURE (AccessDenied); recorder default records only selected resource types "
                + "(INCLUSION_BY_RESOURCE_TYPES); the region has no delivery channel.");
    }

    @Test
    void cisCheckFailsWithoutRecorder() {
        Finding finding = cisRegion(region("us-east-1", null, null, null));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.message()).isEqualTo("AWS Config has no configuration recorder in region us-east-1 of "
                + "account 123456789012.");
    }

    @Test
    void cisCheckFailsOnLastStatusFailure() {
        Finding finding = cisRegion(region("eu-west-1", allTypes(true), new RecorderStatus("default", true, "FAILURE",
                "AccessDenied"), "default"));

        assertThat(finding.status()).isEqualTo(FindingStatus.FAIL);
        assertThat(finding.evidence()).containsEntry("problems",
                List.of("recorder default has last status FAILURE (AccessDenied)"));
    }

    @Test
    void cisCheckDeniedRecordersIsError() {
        RegionConfig region = new RegionConfig("eu-west-1", Collected.failed(denied("DescribeConfigurationRecorders")),
                Collected.failed(denied("DescribeConfigurationRecorderStatus")),
                Collected.failed(denied("DescribeDeliveryChannels")));

        Finding finding = cisRegion(region);

        assertThat(finding.status()).isEqualTo(FindingStatus.ERROR);
        assertThat(finding.controlId()).isEqualTo("Config.RecordingAllRegions");
    }

    @Test
    void bothControlsJudgeSameRegions() {
        String customRole = "arn:aws:iam::123456789012:role/config-recorder";
        List<RegionConfig> regions = List.of(region("eu-west-1", allTypes(true), recording(), "default"),
                region("us-east-1", new RecorderRecord("default", customRole, true, false, null, List.of(), List.of(),
                        null), recording(), "default"));

        List<Finding> result = ConfigChecks.evaluate(regions, Set.copyOf(ConfigChecks.CONTROLS), findings);

        assertThat(result).extracting(finding -> finding.controlId() + " " + finding.region() + " " + finding.status())
                .containsExactly(
                        "Config.1 eu-west-1 PASS",
                        "Config.1 us-east-1 FAIL",
                        "Config.1 global PASS",
                        "Config.RecordingAllRegions eu-west-1 PASS",
                        "Config.RecordingAllRegions us-east-1 PASS",
                        "Config.RecordingAllRegions global PASS");
    }

    @Test
    void cisCheckAloneWhenConfigOneDisabled() {
        List<RegionConfig> regions = List.of(region("eu-west-1", allTypes(true), recording(), "default"));

        List<Finding> result = ConfigChecks.evaluate(regions, Set.of("Config.RecordingAllRegions"), findings);

        assertThat(result).extracting(Finding::controlId).containsOnly("Config.RecordingAllRegions");
        assertThat(result).extracting(Finding::region).containsExactly("eu-west-1", "global");
    }

    @Test
    void cisGlobalFindingUsesItsControlId() {
        List<RegionConfig> regions = List.of(region("eu-west-1", allTypes(false), recording(), "default"));

        Finding account = ConfigChecks.globalResources(ConfigChecks.RECORDING_ALL_REGIONS, regions, findings);

        assertThat(account.controlId()).isEqualTo("Config.RecordingAllRegions");
        assertThat(account.status()).isEqualTo(FindingStatus.FAIL);
    }
}
