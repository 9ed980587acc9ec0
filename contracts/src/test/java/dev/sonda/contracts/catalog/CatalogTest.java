package dev.sonda.contracts.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sonda.contracts.messages.ProbeScope;
import dev.sonda.contracts.messages.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {

    @Test
    void bundledCatalogLoads() {
        Catalog catalog = Catalog.load();

        assertThat(catalog.probes()).containsKeys("sqs", "account", "iam");
        assertThat(catalog.probe("sqs").orElseThrow().scope()).isEqualTo(ProbeScope.REGIONAL);
        assertThat(catalog.probe("iam").orElseThrow().scope()).isEqualTo(ProbeScope.GLOBAL);
        assertThat(catalog.controls()).containsKeys("SQS.1", "SQS.2", "SQS.3", "Account.1", "Account.2", "IAM.9");
        assertThat(catalog.frameworks()).containsKeys("aws-fsbp", "cis-aws-5.0.0", "nist-800-53-r5");
    }

    @Test
    void bundledCatalogHasNoProblems() {
        assertThat(Catalog.load().problems()).isEmpty();
    }

    @Test
    void rootMfaMapsToCisAndNist() {
        List<FrameworkMapping> mappings = Catalog.load().mappings("IAM.9");

        assertThat(mappings).contains(new FrameworkMapping("cis-aws-5.0.0", "1.4", "1 Identity and Access Management",
                Assessment.AUTOMATED));
        assertThat(mappings).anyMatch(mapping -> mapping.frameworkId().equals("nist-800-53-r5")
                && mapping.requirementId().equals("IA-2(1)"));
    }

    @Test
    void manualRequirementMappingIsNotScored() {
        List<FrameworkMapping> mappings = Catalog.load().mappings("Account.1");

        FrameworkMapping cis = mappings.stream().filter(mapping -> mapping.frameworkId().equals("cis-aws-5.0.0"))
                .findFirst().orElseThrow();
        assertThat(cis.requirementId()).isEqualTo("1.2");
        assertThat(cis.assessment()).isEqualTo(Assessment.MANUAL);
        assertThat(cis.scored()).isFalse();
        assertThat(mappings).filteredOn(mapping -> mapping.frameworkId().equals("aws-fsbp"))
                .singleElement().satisfies(fsbp -> assertThat(fsbp.scored()).isTrue());
        // NIST requirements have no assessment, so they all count in the score.
        assertThat(mappings).filteredOn(mapping -> mapping.frameworkId().equals("nist-800-53-r5"))
                .isNotEmpty()
                .allSatisfy(nist -> {
                    assertThat(nist.assessment()).isNull();
                    assertThat(nist.scored()).isTrue();
                });
    }

    @Test
    void everyControlDeclaresIamActions() {
        assertThat(Catalog.load().controls().values())
                .allSatisfy(control -> assertThat(control.iamActions()).isNotEmpty());
    }

    @Test
    void unknownControlInFrameworkRejected() {
        ControlDefinition control = control("X.1");
        Framework framework = new Framework("f", "F", "F", "1",
                List.of(requirement("r1", "X.1", "X.2")));

        Catalog catalog = new Catalog(List.of(probe(control)), List.of(framework));

        assertThat(catalog.problems()).containsExactly("Framework f requirement r1 names control X.2, which does not exist");
        assertThat(catalog.mappings("X.2")).isEmpty();
        assertThat(catalog.mappings("X.1")).hasSize(1);
    }

    @Test
    void unmappedControlRejected() {
        Framework framework = new Framework("f", "F", "F", "1",
                List.of(requirement("r1", "X.1")));

        Catalog catalog = new Catalog(List.of(probe(control("X.1"), control("X.2"))), List.of(framework));

        assertThat(catalog.problems()).containsExactly("Control X.2 has no framework mapping");
    }

    @Test
    void duplicateControlRejected() {
        assertThatThrownBy(() -> new Catalog(List.of(probe(control("X.1"), control("X.1"))), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Control X.1 is defined twice in the catalog");
    }

    @Test
    void duplicateRequirementRejected() {
        Framework framework = new Framework("f", "F", "F", "1", List.of(requirement("r1", "X.1"), requirement("r1")));

        assertThatThrownBy(() -> new Catalog(List.of(probe(control("X.1"))), List.of(framework)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Framework f requirement r1 is defined twice");
    }

    @Test
    void requirementWithoutSectionRejected() {
        Framework framework = new Framework("f", "F", "F", "1",
                List.of(new Requirement("r1", "R", " ", null, null, null, null, List.of())));

        assertThatThrownBy(() -> new Catalog(List.of(), List.of(framework)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Framework f requirement r1 needs a title and a section");
    }

    @Test
    void controlNamedTwiceCountsOnce() {
        Framework framework = new Framework("f", "F", "F", "1", List.of(requirement("r1", "X.1", "X.1")));

        Catalog catalog = new Catalog(List.of(probe(control("X.1"))), List.of(framework));

        assertThat(catalog.problems()).containsExactly("Framework f requirement r1 names control X.1 twice");
        assertThat(catalog.mappings("X.1")).hasSize(1);
    }

    @Test
    void sectionsKeepFileOrder() {
        Framework framework = new Framework("f", "F", "F", "1", List.of(
                new Requirement("2.1", "R", "2 Storage", null, null, null, null, List.of()),
                new Requirement("1.1", "R", "1 Identity", null, null, null, null, List.of()),
                new Requirement("2.2", "R", "2 Storage", null, null, null, null, List.of())));

        assertThat(framework.sections()).containsExactly("2 Storage", "1 Identity");
        assertThat(framework.requirement("1.1")).isPresent();
        assertThat(framework.requirement("9.9")).isEmpty();
    }

    private static Requirement requirement(String id, String... controls) {
        return new Requirement(id, "R", "s", null, null, Assessment.AUTOMATED, null, List.of(controls));
    }

    private static ControlDefinition control(String id) {
        return new ControlDefinition(id, "x", "title", Severity.LOW, "AWS::X::Y", "", "fix", List.of("x:Get"));
    }

    private static ProbeDefinition probe(ControlDefinition... controls) {
        return new ProbeDefinition("x", "X", ProbeScope.REGIONAL, List.of(controls));
    }
}
