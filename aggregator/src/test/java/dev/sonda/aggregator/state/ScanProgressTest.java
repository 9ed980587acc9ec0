package dev.sonda.aggregator.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.aggregator.Fixtures;
import dev.sonda.contracts.messages.ResultOutcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanProgressTest {

    private static final Instant REQUESTED = Fixtures.SCAN_1_AT;
    private static final Instant DEADLINE = REQUESTED.plusSeconds(3600);

    @Test
    void unannouncedScanIsPending() {
        ScanProgress scan = ScanProgress.empty("scan-1").withNewTask(completion("t1", 60, ResultOutcome.COMPLETED));

        assertThat(scan.state(REQUESTED)).isEqualTo(ScanState.PENDING_ANNOUNCEMENT);
        assertThat(scan.progress()).isNull();
        assertThat(scan.completedTasks()).isEqualTo(1);
    }

    @Test
    void announcementAfterAllResultsFinishesScan() {
        ScanProgress scan = ScanProgress.empty("scan-1")
                .withNewTask(completion("t1", 60, ResultOutcome.COMPLETED))
                .withNewTask(completion("t2", 30, ResultOutcome.ERROR))
                .withAnnouncement(Fixtures.announcement("scan-1", REQUESTED, DEADLINE, 2));

        assertThat(scan.state(DEADLINE.plusSeconds(1))).isEqualTo(ScanState.COMPLETED);
        assertThat(scan.finishedAt()).isEqualTo(REQUESTED.plusSeconds(60));
        assertThat(scan.erroredTasks()).isEqualTo(1);
        assertThat(scan.firstResultAt()).isEqualTo(REQUESTED.plusSeconds(30));
    }

    @Test
    void unfinishedScanPastDeadlineIsExceeded() {
        ScanProgress scan = announced(2).withNewTask(completion("t1", 60, ResultOutcome.COMPLETED));

        assertThat(scan.state(DEADLINE)).isEqualTo(ScanState.RUNNING);
        assertThat(scan.state(DEADLINE.plusMillis(1))).isEqualTo(ScanState.DEADLINE_EXCEEDED);
        assertThat(scan.progress()).isEqualTo(0.5);
    }

    @Test
    void scanFinishedAfterDeadlineStaysExceeded() {
        ScanProgress scan = announced(1).withNewTask(completion("t1", 3601, ResultOutcome.COMPLETED));

        assertThat(scan.finished()).isTrue();
        assertThat(scan.state(DEADLINE.plusSeconds(10))).isEqualTo(ScanState.DEADLINE_EXCEEDED);
        assertThat(scan.progress()).isEqualTo(1.0);
    }

    @Test
    void changedOutcomeMovesErroredCount() {
        ScanProgress scan = announced(3).withNewTask(completion("t1", 60, ResultOutcome.ERROR));
        assertThat(scan.erroredTasks()).isEqualTo(1);

        ScanProgress retried = scan.withOutcomeChanged(ResultOutcome.ERROR, ResultOutcome.COMPLETED);

        assertThat(retried.erroredTasks()).isZero();
        assertThat(retried.completedTasks()).isEqualTo(1);
        assertThat(retried.withOutcomeChanged(ResultOutcome.COMPLETED, ResultOutcome.ERROR).erroredTasks())
                .isEqualTo(1);
    }

    @Test
    void newestFirstOrdersByRequestTime() {
        ScanProgress older = announced(1);
        ScanProgress newer = ScanProgress.empty("scan-2")
                .withAnnouncement(Fixtures.announcement("scan-2", Fixtures.SCAN_2_AT, DEADLINE, 1));
        ScanProgress pending = ScanProgress.empty("scan-3")
                .withNewTask(completion("t1", 7200 + 60, ResultOutcome.COMPLETED));

        List<ScanProgress> sorted = List.of(older, pending, newer).stream().sorted(ScanProgress.NEWEST_FIRST).toList();

        assertThat(sorted).extracting(ScanProgress::scanId).containsExactly("scan-3", "scan-2", "scan-1");
    }

    private static ScanProgress announced(int expectedTasks) {
        return ScanProgress.empty("scan-1")
                .withAnnouncement(Fixtures.announcement("scan-1", REQUESTED, DEADLINE, expectedTasks));
    }

    private static TaskCompletion completion(String taskId, int secondsAfterRequest, ResultOutcome outcome) {
        return new TaskCompletion("scan-1", taskId, taskId + ".r", outcome, REQUESTED.plusSeconds(secondsAfterRequest));
    }
}
