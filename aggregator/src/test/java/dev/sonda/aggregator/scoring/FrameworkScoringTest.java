package dev.sonda.aggregator.scoring;

import static dev.sonda.contracts.messages.FindingStatus.ERROR;
import static dev.sonda.contracts.messages.FindingStatus.FAIL;
import static dev.sonda.contracts.messages.FindingStatus.MANUAL;
import static dev.sonda.contracts.messages.FindingStatus.NOT_APPLICABLE;
import static dev.sonda.contracts.messages.FindingStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.aggregator.state.ControlResult;
import dev.sonda.aggregator.state.ControlTally;
import dev.sonda.aggregator.state.ResultHeader;
import dev.sonda.aggregator.state.ScoreBreakdown;
import dev.sonda.aggregator.state.StatusCounts;
import dev.sonda.contracts.catalog.Assessment;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.catalog.ControlDefinition;
import dev.sonda.contracts.catalog.Framework;
import dev.sonda.contracts.catalog.ProbeDefinition;
import dev.sonda.contracts.catalog.Requirement;
import dev.sonda.contracts.messages.AccountRef;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeScope;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.contracts.messages.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameworkScoringTest {

    /**
     * A small catalog: controls A.1 to A.5 and a framework with two sections. A.1 serves two
     * requirements of section 1, A.2 serves one requirement in each section, requirement 1.3 has no
     * control, and 2.2 names a control the catalog lacks.
     */
    private static final Framework FRAMEWORK = new Framework("fw", "Framework", "FW", "1", List.of(
            requirement("1.1", "1 First", "A.1"),
            requirement("1.2", "1 First", "A.1", "A.2"),
            requirement("1.3", "1 First"),
            requirement("2.1", "2 Second", "A.2", "A.3", "A.4"),
            requirement("2.2", "2 Second", "A.5", "Missing.1")));
    private static final Catalog CATALOG = Catalog.of(List.of(probe("A.1", "A.2", "A.3", "A.4", "A.5")),
            List.of(FRAMEWORK));

    /**
     * A framework that marks requirements MANUAL, as CIS does: M.1 serves only the MANUAL 1.1, M.2
     * the MANUAL 1.2 and the automated 2.1, M.3 only the automated 2.2, and M.4 only the MANUAL 1.3.
     */
    private static final Framework MIXED_FRAMEWORK = new Framework("mixed", "Mixed", "MX", "1", List.of(
            requirement("1.1", "1 First", Assessment.MANUAL, "M.1"),
            requirement("1.2", "1 First", Assessment.MANUAL, "M.2"),
            requirement("1.3", "1 First", Assessment.MANUAL, "M.4"),
            requirement("2.1", "2 Second", Assessment.AUTOMATED, "M.2"),
            requirement("2.2", "2 Second", Assessment.AUTOMATED, "M.3")));
    private static final Catalog MIXED_CATALOG = Catalog.of(List.of(probe("M.1", "M.2", "M.3", "M.4")),
            List.of(MIXED_FRAMEWORK));

    private final FrameworkScoring scoring = new FrameworkScoring(CATALOG);
    private final FrameworkScoring mixed = new FrameworkScoring(MIXED_CATALOG);

    static Stream<Arguments> requirementStatuses() {
        return Stream.of(
                Arguments.of(List.of(), RequirementStatus.NOT_CHECKED),
                Arguments.of(List.of(NOT_APPLICABLE), RequirementStatus.NOT_APPLICABLE),
                Arguments.of(List.of(NOT_APPLICABLE, MANUAL), RequirementStatus.MANUAL),
                Arguments.of(List.of(MANUAL, PASS), RequirementStatus.PASS),
                Arguments.of(List.of(PASS, ERROR), RequirementStatus.ERROR),
                Arguments.of(List.of(ERROR, FAIL, PASS), RequirementStatus.FAIL));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("requirementStatuses")
    void requirementStatusFollowsPrecedence(List<FindingStatus> controlStatuses, RequirementStatus expected) {
        assertThat(FrameworkScoring.requirementStatus(controlStatuses)).isEqualTo(expected);
    }

    @Test
    void controlCountsOncePerSection() {
        Map<String, Map<String, ScoreBreakdown>> scores = scoring.sectionScores(Map.of(
                "A.1", PASS, "A.2", FAIL, "A.3", MANUAL, "A.4", ERROR, "A.5", NOT_APPLICABLE));

        // Section 1: A.1 (in two requirements) and A.2. Section 2: A.2 again, A.3, A.4 and A.5.
        assertThat(scores.get("fw").get("1 First")).isEqualTo(new ScoreBreakdown(0.5, 1, 1, 0, 0, 0));
        assertThat(scores.get("fw").get("2 Second")).isEqualTo(new ScoreBreakdown(0.0, 0, 1, 1, 1, 1));
        assertThat(scores.get("fw").keySet()).containsExactly("1 First", "2 Second");
    }

    @Test
    void sectionWithoutFindingsHasNoScore() {
        Map<String, Map<String, ScoreBreakdown>> scores = scoring.sectionScores(Map.of("A.1", PASS));

        assertThat(scores.get("fw").get("1 First").score()).isEqualTo(1.0);
        assertThat(scores.get("fw").get("2 Second")).isEqualTo(ScoreBreakdown.EMPTY);
    }

    @Test
    void manualNeverEntersScore() {
        Map<String, Map<String, ScoreBreakdown>> scores = scoring.sectionScores(Map.of("A.3", MANUAL, "A.4", PASS));

        assertThat(scores.get("fw").get("2 Second")).isEqualTo(new ScoreBreakdown(1.0, 1, 0, 0, 0, 1));
    }

    @Test
    void requirementsGetStatusFromTheirControls() {
        FrameworkResult result = scoring.results(List.of(control("A.1", PASS), control("A.2", FAIL),
                control("A.3", MANUAL), control("A.5", NOT_APPLICABLE))).get(0);

        Map<String, RequirementStatus> statuses = new LinkedHashMap<>();
        result.requirements().forEach(requirement -> statuses.put(requirement.requirementId(), requirement.status()));
        assertThat(statuses).containsExactly(
                Map.entry("1.1", RequirementStatus.PASS),
                Map.entry("1.2", RequirementStatus.FAIL),
                Map.entry("1.3", RequirementStatus.NOT_CHECKED),
                Map.entry("2.1", RequirementStatus.FAIL),
                Map.entry("2.2", RequirementStatus.NOT_APPLICABLE));
        assertThat(result.requirements().get(1).controls()).containsExactly("A.1", "A.2");
        assertThat(result.requirements().get(0).assessment()).isEqualTo(Assessment.AUTOMATED);
    }

    @Test
    void sectionsCountRequirementsByStatus() {
        FrameworkResult result = scoring.results(List.of(control("A.1", PASS), control("A.2", PASS))).get(0);

        SectionResult first = result.sections().get(0);
        assertThat(first.section()).isEqualTo("1 First");
        assertThat(first.requirements()).containsEntry(RequirementStatus.PASS, 2)
                .containsEntry(RequirementStatus.NOT_CHECKED, 1)
                .containsEntry(RequirementStatus.FAIL, 0);
        assertThat(first.requirements()).containsOnlyKeys(RequirementStatus.values());
        SectionResult second = result.sections().get(1);
        assertThat(second.requirements()).containsEntry(RequirementStatus.PASS, 1)
                .containsEntry(RequirementStatus.NOT_CHECKED, 1);
        assertThat(result.score()).isEqualTo(new ScoreBreakdown(1.0, 2, 0, 0, 0, 0));
    }

    @Test
    void requirementWithoutFindingsIsNotChecked() {
        FrameworkResult result = scoring.results(List.of()).get(0);

        assertThat(result.requirements()).extracting(RequirementResult::status)
                .containsOnly(RequirementStatus.NOT_CHECKED);
        assertThat(result.score()).isEqualTo(ScoreBreakdown.EMPTY);
    }

    @Test
    void pooledScoreSumsCountsAcrossAccounts() {
        AccountScore oneOfOne = account("111111111111", Map.of("A.1", PASS));
        AccountScore noneOfThree = account("222222222222", Map.of("A.1", FAIL, "A.2", FAIL, "A.3", FAIL));

        PooledFramework pooled = scoring.pooled(List.of(oneOfOne, noneOfThree)).get(0);

        // Σ passed / Σ (passed + failed) = 1 / 4, not the mean of 1.0 and 0.0.
        assertThat(pooled.score()).isEqualTo(new ScoreBreakdown(0.25, 1, 3, 0, 0, 0));
        assertThat(pooled.accounts()).isEqualTo(2);
        assertThat(pooled.sections().get(0)).isEqualTo(new PooledSection("1 First", 3, 2,
                new ScoreBreakdown(1.0 / 3, 1, 2, 0, 0, 0)));
        assertThat(pooled.sections().get(1)).isEqualTo(new PooledSection("2 Second", 2, 2,
                new ScoreBreakdown(0.0, 0, 2, 0, 0, 0)));
        assertThat(pooled.requirements()).isEqualTo(5);
        assertThat(pooled.checkedRequirements()).isEqualTo(4);
    }

    @Test
    void pooledOverNoAccountsIsEmpty() {
        PooledFramework pooled = scoring.pooled(List.of()).get(0);

        assertThat(pooled.accounts()).isZero();
        assertThat(pooled.score()).isEqualTo(ScoreBreakdown.EMPTY);
        assertThat(pooled.sections()).extracting(PooledSection::score).containsOnly(ScoreBreakdown.EMPTY);
    }

    @Test
    void manualRequirementReportsVerdict() {
        FrameworkResult result = mixed.results(List.of(control("M.1", FAIL), control("M.2", PASS),
                control("M.3", FAIL))).get(0);

        Map<String, String> statuses = new LinkedHashMap<>();
        result.requirements().forEach(requirement -> statuses.put(requirement.requirementId(),
                requirement.status() + " " + requirement.verdict()));
        assertThat(statuses).containsExactly(
                Map.entry("1.1", "MANUAL FAIL"),
                Map.entry("1.2", "MANUAL PASS"),
                Map.entry("1.3", "NOT_CHECKED null"),
                Map.entry("2.1", "PASS null"),
                Map.entry("2.2", "FAIL null"));
    }

    @Test
    void manualRequirementKeepsErrorAsVerdict() {
        FrameworkResult result = mixed.results(List.of(control("M.1", ERROR), control("M.4", NOT_APPLICABLE)))
                .get(0);

        RequirementResult first = result.requirements().get(0);
        assertThat(first.status()).isEqualTo(RequirementStatus.MANUAL);
        assertThat(first.verdict()).isEqualTo(RequirementStatus.ERROR);
        RequirementResult third = result.requirements().get(2);
        assertThat(third.status()).isEqualTo(RequirementStatus.MANUAL);
        assertThat(third.verdict()).isEqualTo(RequirementStatus.NOT_APPLICABLE);
        assertThat(result.score()).isEqualTo(new ScoreBreakdown(null, 0, 0, 0, 0, 2));
    }

    @Test
    void manualOnlyControlStaysOutOfScore() {
        FrameworkResult result = mixed.results(List.of(control("M.1", FAIL), control("M.2", PASS),
                control("M.3", FAIL))).get(0);

        // M.1 counts as MANUAL; M.2 scores through the automated 2.1.
        assertThat(result.score()).isEqualTo(new ScoreBreakdown(0.5, 1, 1, 0, 0, 1));
        // Section 1 reaches M.1 and M.2 only through MANUAL requirements.
        SectionResult first = result.sections().get(0);
        assertThat(first.score()).isEqualTo(new ScoreBreakdown(null, 0, 0, 0, 0, 2));
        assertThat(first.requirements()).containsEntry(RequirementStatus.MANUAL, 2)
                .containsEntry(RequirementStatus.NOT_CHECKED, 1)
                .containsEntry(RequirementStatus.PASS, 0)
                .containsEntry(RequirementStatus.FAIL, 0);
        SectionResult second = result.sections().get(1);
        assertThat(second.score()).isEqualTo(new ScoreBreakdown(0.5, 1, 1, 0, 0, 0));
    }

    @Test
    void pooledScoreLeavesOutManualOnlyControls() {
        AccountScore first = account("111111111111", Map.of("M.1", PASS, "M.3", PASS));
        AccountScore second = account("222222222222", Map.of("M.1", FAIL, "M.2", FAIL));

        PooledFramework pooled = mixed.pooled(List.of(first, second)).get(0);

        assertThat(pooled.score()).isEqualTo(new ScoreBreakdown(0.5, 1, 1, 0, 0, 2));
        assertThat(pooled.sections().get(0).score()).isEqualTo(new ScoreBreakdown(null, 0, 0, 0, 0, 3));
        assertThat(pooled.sections().get(1).score()).isEqualTo(new ScoreBreakdown(0.5, 1, 1, 0, 0, 0));
    }

    @Test
    void frameworkScoreMatchesStoredScore() {
        // The framework score computed here must equal the one Scoring stores, for any mix of
        // statuses, with the bundled catalog and with one that marks requirements MANUAL.
        assertSameScores(Catalog.load());
        assertSameScores(MIXED_CATALOG);
    }

    private static void assertSameScores(Catalog catalog) {
        Scoring stored = new Scoring(catalog);
        FrameworkScoring derived = new FrameworkScoring(catalog);
        Random random = new Random(42);
        List<FindingStatus> all = Arrays.asList(FindingStatus.values());
        for (int round = 0; round < 20; round++) {
            Map<String, ControlTally> tallies = new LinkedHashMap<>();
            for (String controlId : catalog.controls().keySet()) {
                if (random.nextInt(4) > 0) {
                    FindingStatus status = all.get(random.nextInt(all.size()));
                    tallies.put(controlId, new ControlTally(Severity.LOW, StatusCounts.of(status)));
                }
            }
            AccountScore score = stored.score("111111111111", List.of(header(tallies)));

            for (FrameworkResult result : derived.results(score.controls())) {
                assertThat(result.score()).as(result.frameworkId() + " in round " + round)
                        .isEqualTo(score.score().frameworks().get(result.frameworkId()));
            }
        }
    }

    private static AccountScore account(String accountId, Map<String, FindingStatus> statuses) {
        List<ControlResult> controls = new ArrayList<>();
        statuses.forEach((controlId, status) -> controls.add(control(controlId, status)));
        return new AccountScore(accountId, null, "tenant-a", null, null, null, controls, 1, null);
    }

    private static ControlResult control(String controlId, FindingStatus status) {
        return new ControlResult(controlId, Severity.MEDIUM, status, StatusCounts.of(status));
    }

    private static Requirement requirement(String id, String section, String... controls) {
        return requirement(id, section, Assessment.AUTOMATED, controls);
    }

    private static Requirement requirement(String id, String section, Assessment assessment, String... controls) {
        return new Requirement(id, "Requirement " + id, section, null, null, assessment, null, List.of(controls));
    }

    private static ProbeDefinition probe(String... controlIds) {
        List<ControlDefinition> controls = Arrays.stream(controlIds)
                .map(id -> new ControlDefinition(id, "a", "Control " + id, Severity.MEDIUM, "AWS::::Account", "",
                        "Fix it.", List.of("a:GetThing")))
                .toList();
        return new ProbeDefinition("a", "A", ProbeScope.REGIONAL, controls);
    }

    private static ResultHeader header(Map<String, ControlTally> controls) {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        return new ResultHeader("r", "t", "scan-1", at, at, at, new AccountRef("111111111111", null, null),
                "eu-west-1", "x", ResultOutcome.COMPLETED, null, null, 0, controls, null, List.of(), 0, 0);
    }
}
