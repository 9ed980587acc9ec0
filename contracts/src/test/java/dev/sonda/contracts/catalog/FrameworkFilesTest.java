package dev.sonda.contracts.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Checks the bundled framework files against the structure of the frameworks they reproduce. */
class FrameworkFilesTest {

    private final Catalog catalog = Catalog.load();

    @Test
    void cisHasEveryRecommendationOfVersion5() {
        Framework cis = catalog.frameworks().get("cis-aws-5.0.0");

        // CIS AWS Foundations Benchmark v5.0.0 has 63 recommendations: 21, 9, 9, 16 and 8 per section.
        assertThat(cis.requirements()).hasSize(63);
        Map<String, Long> perSection = cis.requirements().stream()
                .collect(Collectors.groupingBy(Requirement::section, Collectors.counting()));
        assertThat(perSection).containsExactlyInAnyOrderEntriesOf(Map.of(
                "1 Identity and Access Management", 21L, "2 Storage", 9L, "3 Logging", 9L,
                "4 Monitoring", 16L, "5 Networking", 8L));
        assertThat(cis.sections()).containsExactly("1 Identity and Access Management", "2 Storage", "3 Logging",
                "4 Monitoring", "5 Networking");
    }

    @Test
    void cisRequirementsHaveLevelAssessmentAndSectionPrefix() {
        for (Requirement requirement : catalog.frameworks().get("cis-aws-5.0.0").requirements()) {
            assertThat(requirement.level()).as(requirement.id() + " level").isIn(1, 2);
            assertThat(requirement.assessment()).as(requirement.id() + " assessment").isNotNull();
            assertThat(requirement.section()).as(requirement.id() + " section")
                    .startsWith(requirement.id().substring(0, requirement.id().indexOf('.')) + " ");
            boolean nested = requirement.id().chars().filter(c -> c == '.').count() == 2;
            if (nested) {
                assertThat(requirement.subsection()).as(requirement.id() + " subsection")
                        .startsWith(requirement.id().substring(0, requirement.id().lastIndexOf('.')) + " ");
            } else {
                assertThat(requirement.subsection()).as(requirement.id() + " subsection").isNull();
            }
        }
    }

    @Test
    void cisMonitoringMapsToCloudWatchAlarms() {
        Framework cis = catalog.frameworks().get("cis-aws-5.0.0");

        assertThat(cis.requirement("4.1").orElseThrow().controls()).containsExactly("CloudWatch.2");
        assertThat(cis.requirement("4.3").orElseThrow().controls()).containsExactly("CloudWatch.1");
        assertThat(cis.requirement("4.14").orElseThrow().controls()).containsExactly("CloudWatch.14");
        assertThat(cis.requirement("4.15").orElseThrow().controls()).containsExactly("CloudWatch.OrganizationsChanges");
        assertThat(cis.requirement("4.16").orElseThrow().controls()).containsExactly("SecurityHub.Enabled");
        assertThat(cis.requirement("4.1").orElseThrow().assessment()).isEqualTo(Assessment.MANUAL);
    }

    @Test
    void cisConfigMapsToCheckWithoutRoleCondition() {
        Framework cis = catalog.frameworks().get("cis-aws-5.0.0");

        assertThat(cis.requirement("3.3").orElseThrow().controls()).containsExactly("Config.RecordingAllRegions");
        assertThat(catalog.mappings("Config.1")).extracting(FrameworkMapping::frameworkId)
                .doesNotContain("cis-aws-5.0.0")
                .contains("aws-fsbp", "nist-800-53-r5");
    }

    @Test
    void fsbpRequirementsAreTheirOwnControls() {
        Framework fsbp = catalog.frameworks().get("aws-fsbp");

        // 117 FSBP controls of Sonda's twelve service probes, plus Macie.1 and Macie.2.
        assertThat(fsbp.requirements()).hasSize(119);
        for (Requirement requirement : fsbp.requirements()) {
            assertThat(requirement.controls()).as(requirement.id()).isSubsetOf(List.of(requirement.id()));
            assertThat(requirement.section()).as(requirement.id() + " section")
                    .isEqualTo(requirement.id().substring(0, requirement.id().indexOf('.')));
            assertThat(requirement.assessment()).as(requirement.id()).isEqualTo(Assessment.AUTOMATED);
        }
        // Not FSBP controls, although often taken for them.
        assertThat(fsbp.requirement("KMS.4")).isEmpty();
        assertThat(fsbp.requirement("IAM.9")).isEmpty();
    }

    @Test
    void nistIdsMatchTheirFamily() {
        Framework nist = catalog.frameworks().get("nist-800-53-r5");

        for (Requirement requirement : nist.requirements()) {
            assertThat(requirement.id()).matches("[A-Z]{2}-[0-9]+(\\([0-9]+\\))?");
            assertThat(requirement.section()).as(requirement.id())
                    .startsWith(requirement.id().substring(0, 2) + " ");
            assertThat(requirement.level()).as(requirement.id()).isNull();
        }
        assertThat(nist.requirement("IA-2(1)").orElseThrow().controls())
                .containsExactly("IAM.5", "IAM.6", "IAM.9", "IAM.19");
    }

    @Test
    void taggingHasTheTaggingControls() {
        assertThat(catalog.frameworks().get("aws-resource-tagging").requirements())
                .extracting(Requirement::id)
                .containsExactlyInAnyOrder("SQS.2", "CloudTrail.9", "IAM.23", "IAM.24", "IAM.25");
    }
}
