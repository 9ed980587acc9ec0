package dev.sonda.aggregator.scoring;

import static dev.sonda.contracts.messages.FindingStatus.ERROR;
import static dev.sonda.contracts.messages.FindingStatus.FAIL;
import static dev.sonda.contracts.messages.FindingStatus.MANUAL;
import static dev.sonda.contracts.messages.FindingStatus.NOT_APPLICABLE;
import static dev.sonda.contracts.messages.FindingStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.aggregator.state.ControlResult;
import dev.sonda.aggregator.state.ControlTally;
import dev.sonda.aggregator.state.FindingCounts;
import dev.sonda.aggregator.state.ResultHeader;
import dev.sonda.aggregator.state.ScoreBreakdown;
import dev.sonda.aggregator.state.StatusCounts;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.AccountRef;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.contracts.messages.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoringTest {

    private static final String ACCOUNT = "111111111111";
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private final Scoring scoring = new Scoring(Catalog.load());

    @ParameterizedTest(name = "pass={0} fail={1} na={2} error={3} manual={4} -> {5}")
    @CsvSource({
            "0, 0, 0, 0, 0, NOT_APPLICABLE",
            "0, 0, 3, 0, 0, NOT_APPLICABLE",
            "0, 0, 1, 0, 1, MANUAL",
            "1, 0, 1, 0, 1, PASS",
            "5, 0, 0, 1, 0, ERROR",
            "5, 1, 0, 1, 0, FAIL",
            "0, 1, 0, 0, 0, FAIL",
            "0, 0, 0, 2, 1, ERROR"})
    void controlStatusFollowsPrecedence(long pass, long fail, long notApplicable, long error, long manual,
            FindingStatus expected) {
        StatusCounts counts = new StatusCounts(pass, fail, notApplicable, error, manual);

        assertThat(Scoring.controlStatus(counts)).isEqualTo(expected);
    }

    @Test
    void breakdownOfNothingHasNoScore() {
        assertThat(Scoring.breakdown(List.of())).isEqualTo(ScoreBreakdown.EMPTY);
    }

    @Test
    void breakdownOfAllErrorHasNoScore() {
        ScoreBreakdown breakdown = Scoring.breakdown(List.of(ERROR, ERROR, ERROR));

        assertThat(breakdown.score()).isNull();
        assertThat(breakdown.error()).isEqualTo(3);
    }

    @Test
    void breakdownCountsOnlyPassAndFail() {
        ScoreBreakdown breakdown = Scoring.breakdown(List.of(PASS, PASS, PASS, FAIL, ERROR, NOT_APPLICABLE, MANUAL));

        assertThat(breakdown.score()).isEqualTo(0.75);
        assertThat(breakdown).isEqualTo(new ScoreBreakdown(0.75, 3, 1, 1, 1, 1));
    }

    @Test
    void breakdownOfAllFailIsZero() {
        assertThat(Scoring.breakdown(List.of(FAIL, FAIL)).score()).isEqualTo(0.0);
    }

    @Test
    void coverageOfNoControlsIsNull() {
        assertThat(Scoring.coverage(List.of())).isNull();
    }

    @Test
    void coverageOfAllErrorIsZero() {
        assertThat(Scoring.coverage(List.of(control("SQS.1", ERROR), control("SQS.2", ERROR)))).isEqualTo(0.0);
    }

    @Test
    void coverageCountsErrorAgainstControlsWithFindings() {
        List<ControlResult> controls = List.of(control("SQS.1", PASS), control("SQS.2", FAIL),
                control("SQS.3", ERROR), control("IAM.9", NOT_APPLICABLE));

        assertThat(Scoring.coverage(controls)).isEqualTo(0.75);
    }

    @Test
    void scoreOfNoResultsIsEmpty() {
        AccountScore score = scoring.score(ACCOUNT, List.of());

        assertThat(score.score().overall()).isEqualTo(ScoreBreakdown.EMPTY);
        assertThat(score.score().frameworks()).containsOnlyKeys(Catalog.load().frameworks().keySet());
        assertThat(score.score().frameworks().values()).containsOnly(ScoreBreakdown.EMPTY);
        assertThat(score.coverage()).isNull();
        assertThat(score.findings().total()).isZero();
        assertThat(score.lastResultAt()).isNull();
    }

    @Test
    void allErrorAccountHasNoScore() {
        ResultHeader header = header("eu-west-1", "sqs", AT, Map.of(
                "SQS.1", tally(0, 0, 0, 4, 0), "SQS.2", tally(0, 0, 0, 4, 0)));

        AccountScore score = scoring.score(ACCOUNT, List.of(header));

        assertThat(score.score().overall().score()).isNull();
        assertThat(score.score().overall().error()).isEqualTo(2);
        assertThat(score.score().frameworks().get("aws-fsbp").score()).isNull();
        assertThat(score.coverage()).isEqualTo(0.0);
    }

    @Test
    void scoreMergesControlsAcrossRegions() {
        ResultHeader ireland = header("eu-west-1", "sqs", AT, Map.of(
                "SQS.1", tally(3, 0, 0, 0, 0), "SQS.2", tally(1, 0, 0, 0, 0)));
        ResultHeader virginia = header("us-east-1", "sqs", AT.plusSeconds(30), Map.of(
                "SQS.1", tally(0, 1, 0, 0, 0), "SQS.3", tally(0, 0, 0, 1, 0)));
        ResultHeader global = header("global", "account", AT.plusSeconds(10), Map.of(
                "Account.1", tally(0, 0, 0, 0, 1), "Account.2", tally(0, 0, 1, 0, 0)));

        AccountScore score = scoring.score(ACCOUNT, List.of(ireland, virginia, global));

        Map<String, FindingStatus> statuses = new LinkedHashMap<>();
        score.controls().forEach(control -> statuses.put(control.controlId(), control.status()));
        assertThat(statuses).containsExactly(Map.entry("Account.1", MANUAL), Map.entry("Account.2", NOT_APPLICABLE),
                Map.entry("SQS.1", FAIL), Map.entry("SQS.2", PASS), Map.entry("SQS.3", ERROR));
        assertThat(score.score().overall()).isEqualTo(new ScoreBreakdown(0.5, 1, 1, 1, 1, 1));
        // FSBP maps Account.1, SQS.1 and SQS.3: one manual, one failed, one in error.
        assertThat(score.score().frameworks().get("aws-fsbp")).isEqualTo(new ScoreBreakdown(0.0, 0, 1, 1, 0, 1));
        assertThat(score.score().frameworks().get("aws-resource-tagging").score()).isEqualTo(1.0);
        assertThat(score.score().frameworks().get("cis-aws-5.0.0").score()).isNull();
        assertThat(score.coverage()).isEqualTo(0.8);
        assertThat(score.controls().get(2).counts()).isEqualTo(new StatusCounts(3, 1, 0, 0, 0));
        assertThat(score.resultCount()).isEqualTo(3);
        assertThat(score.lastResultAt()).isEqualTo(AT.plusSeconds(30));
    }

    @Test
    void cisManualRecommendationsDoNotScore() {
        // CIS 5.0.0 marks 3.1 (CloudTrail.1) and 3.4 (CloudTrail.7) MANUAL, and 3.2 (CloudTrail.4) AUTOMATED.
        ResultHeader global = header("global", "cloudtrail", AT, Map.of(
                "CloudTrail.1", tally(0, 1, 0, 0, 0), "CloudTrail.4", tally(1, 0, 0, 0, 0),
                "CloudTrail.7", tally(1, 0, 0, 0, 0)));

        AccountScore score = scoring.score(ACCOUNT, List.of(global));

        assertThat(score.score().frameworks().get("cis-aws-5.0.0")).isEqualTo(new ScoreBreakdown(1.0, 1, 0, 0, 0, 2));
        // FSBP has no MANUAL requirements, so CloudTrail.1 fails there.
        assertThat(score.score().frameworks().get("aws-fsbp")).isEqualTo(new ScoreBreakdown(0.5, 1, 1, 0, 0, 0));
        assertThat(score.score().overall().passed()).isEqualTo(2);
        assertThat(score.score().overall().failed()).isEqualTo(1);
        assertThat(score.score().overall().manual()).isZero();
    }

    @Test
    void scoreTakesSeverityFromCatalog() {
        ResultHeader header = header("eu-west-1", "sqs", AT, Map.of(
                "SQS.1", new ControlTally(Severity.LOW, new StatusCounts(1, 0, 0, 0, 0)),
                "Custom.1", new ControlTally(Severity.HIGH, new StatusCounts(1, 0, 0, 0, 0))));

        AccountScore score = scoring.score(ACCOUNT, List.of(header));

        assertThat(score.controls()).extracting(ControlResult::controlId, ControlResult::severity)
                .containsExactly(Tuple.tuple("Custom.1", Severity.HIGH),
                        Tuple.tuple("SQS.1", Severity.MEDIUM));
        assertThat(score.score().overall().passed()).isEqualTo(2);
        assertThat(score.score().frameworks().get("aws-fsbp").passed()).isEqualTo(1);
    }

    @Test
    void scoreRejectsHeaderOfOtherAccount() {
        ResultHeader other = new ResultHeader("r", "t", "s", AT, AT, AT, new AccountRef("222222222222", null, null),
                "eu-west-1", "sqs", ResultOutcome.COMPLETED, null, null, 0, Map.of(), null, List.of(), 0, 0);

        assertThatThrownBy(() -> scoring.score(ACCOUNT, List.of(other)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("222222222222");
    }

    private static ControlResult control(String controlId, FindingStatus status) {
        return new ControlResult(controlId, Severity.MEDIUM, status, StatusCounts.of(status));
    }

    private static ControlTally tally(long pass, long fail, long notApplicable, long error, long manual) {
        return new ControlTally(Severity.MEDIUM, new StatusCounts(pass, fail, notApplicable, error, manual));
    }

    private static ResultHeader header(String region, String probe, Instant completedAt,
            Map<String, ControlTally> controls) {
        FindingCounts.Builder counts = new FindingCounts.Builder();
        controls.values().forEach(tally -> {
            for (FindingStatus status : FindingStatus.values()) {
                counts.add(status, tally.severity(), tally.counts().count(status));
            }
        });
        return new ResultHeader("r-" + region + "-" + probe, "t", "scan-1", AT, completedAt.minusSeconds(5),
                completedAt, new AccountRef(ACCOUNT, "acme-prod", "acme"), region, probe, ResultOutcome.COMPLETED,
                null, null, 0, controls, counts.build(), List.of(), 0, 0);
    }
}
