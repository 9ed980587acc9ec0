package dev.sonda.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.catalog.Framework;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreTableTest {

    private final List<Framework> frameworks = List.of(new Framework("cis", "CIS", "CIS 5.0.0", "5.0.0", List.of()));

    @Test
    void rendersScoresAndFailingControls() {
        AccountRow row = new AccountRow("111111111111", "acme-prod", "acme", 5.0 / 6, Map.of("cis", 1.0), 1.0,
                List.of("SQS.1"));

        String table = ScoreTable.render(List.of(row), frameworks);

        assertThat(table.lines().toList()).containsExactly(
                "ACCOUNT       NAME       TENANT  SCORE  CIS 5.0.0  COVERAGE  FAILING CONTROLS",
                "111111111111  acme-prod  acme    83%    100%       100%      1: SQS.1");
    }

    @Test
    void longFailingListShortened() {
        assertThat(ScoreTable.failing(List.of("IAM.9", "IAM.4", "SQS.1", "SQS.2", "SQS.3", "Account.1")))
                .isEqualTo("6: IAM.9, IAM.4, SQS.1, SQS.2 and 2 more");
    }

    @Test
    void controlIdsInNaturalOrder() {
        List<String> ids = new java.util.ArrayList<>(List.of("CloudWatch.10", "CloudWatch.2", "IAM.RootUserUnused",
                "IAM.21", "Account.1"));
        ids.sort(ControlIds.NATURAL_ORDER);

        assertThat(ids).containsExactly("Account.1", "CloudWatch.2", "CloudWatch.10", "IAM.21", "IAM.RootUserUnused");
    }

    @Test
    void undefinedScoresShowDash() {
        AccountRow row = new AccountRow("222222222222", null, "", null, Map.of(), null, List.of());

        String table = ScoreTable.render(List.of(row), frameworks);

        assertThat(table.lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("222222222222  -     -       -      -          -         -");
    }
}
