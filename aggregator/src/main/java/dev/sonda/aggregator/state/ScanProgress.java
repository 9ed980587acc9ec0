package dev.sonda.aggregator.state;

import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.contracts.messages.ScanAnnouncement;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * Progress of one scan. Task ids are deduplicated outside this record (one store entry per task),
 * so the record stays small for scans of millions of tasks.
 *
 * @param expectedTasks from the announcement; {@code null} until it arrives
 * @param erroredTasks completed tasks whose latest result has outcome {@link ResultOutcome#ERROR}
 * @param firstResultAt earliest {@code completedAt} of the scan's results
 * @param lastResultAt latest {@code completedAt} of the scan's results
 * @param finishedAt when the completed tasks reached the expected count: the latest
 *     {@code completedAt} of the scan's results, or the request time for a scan of zero tasks;
 *     {@code null} before
 */
public record ScanProgress(
        String scanId,
        String trigger,
        Instant requestedAt,
        Instant deadline,
        Integer expectedTasks,
        Integer accountCount,
        long completedTasks,
        long erroredTasks,
        Instant firstResultAt,
        Instant lastResultAt,
        Instant finishedAt) {

    /** Newest first: by request time, or for a scan not yet announced by its latest result time. */
    public static final Comparator<ScanProgress> NEWEST_FIRST = Comparator
            .comparing(ScanProgress::sortTime, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ScanProgress::scanId);

    public static ScanProgress empty(String scanId) {
        return new ScanProgress(scanId, null, null, null, null, null, 0, 0, null, null, null);
    }

    public boolean announced() {
        return expectedTasks != null;
    }

    /** Returns whether this scan was announced with exactly the values of this announcement. */
    public boolean matches(ScanAnnouncement announcement) {
        return announced()
                && Objects.equals(trigger, announcement.trigger())
                && Objects.equals(requestedAt, announcement.requestedAt())
                && Objects.equals(deadline, announcement.deadline())
                && expectedTasks == announcement.expectedTasks()
                && Objects.equals(accountCount, announcement.accountCount());
    }

    /** Returns whether every expected task has completed; further task completions change nothing. */
    public boolean finished() {
        return finishedAt != null;
    }

    public ScanProgress withAnnouncement(ScanAnnouncement announcement) {
        return new ScanProgress(scanId, announcement.trigger(), announcement.requestedAt(), announcement.deadline(),
                announcement.expectedTasks(), announcement.accountCount(), completedTasks, erroredTasks,
                firstResultAt, lastResultAt, finishedAt).withFinishCheck();
    }

    /** Counts a task completed for the first time. */
    public ScanProgress withNewTask(TaskCompletion completion) {
        long errored = erroredTasks + (completion.outcome() == ResultOutcome.ERROR ? 1 : 0);
        return new ScanProgress(scanId, trigger, requestedAt, deadline, expectedTasks, accountCount,
                completedTasks + 1, errored, min(firstResultAt, completion.completedAt()),
                max(lastResultAt, completion.completedAt()), finishedAt).withFinishCheck();
    }

    /** Moves a task already counted between the errored and the successful tasks. */
    public ScanProgress withOutcomeChanged(ResultOutcome previous, ResultOutcome current) {
        long errored = erroredTasks;
        if (previous != ResultOutcome.ERROR && current == ResultOutcome.ERROR) {
            errored++;
        } else if (previous == ResultOutcome.ERROR && current != ResultOutcome.ERROR) {
            errored--;
        }
        return new ScanProgress(scanId, trigger, requestedAt, deadline, expectedTasks, accountCount,
                completedTasks, errored, firstResultAt, lastResultAt, finishedAt);
    }

    /** Derives the state at {@code now}; see {@link ScanState} for the rules. */
    public ScanState state(Instant now) {
        if (!announced()) {
            return ScanState.PENDING_ANNOUNCEMENT;
        }
        if (finished()) {
            return finishedAt.isAfter(deadline) ? ScanState.DEADLINE_EXCEEDED : ScanState.COMPLETED;
        }
        return now.isAfter(deadline) ? ScanState.DEADLINE_EXCEEDED : ScanState.RUNNING;
    }

    /** Returns completed / expected tasks in 0..1, 1 for a scan of zero tasks, {@code null} before the announcement. */
    public Double progress() {
        if (!announced()) {
            return null;
        }
        if (expectedTasks == 0) {
            return 1.0;
        }
        return Math.min(1.0, (double) completedTasks / expectedTasks);
    }

    private static Instant sortTime(ScanProgress scan) {
        return scan.requestedAt() != null ? scan.requestedAt() : scan.lastResultAt();
    }

    private ScanProgress withFinishCheck() {
        if (finishedAt != null || expectedTasks == null || completedTasks < expectedTasks) {
            return this;
        }
        // Results arrive in any order, so the scan finished when its latest result completed.
        Instant reached = expectedTasks == 0 || lastResultAt == null ? requestedAt : lastResultAt;
        return new ScanProgress(scanId, trigger, requestedAt, deadline, expectedTasks, accountCount, completedTasks,
                erroredTasks, firstResultAt, lastResultAt, reached);
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
