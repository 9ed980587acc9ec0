package dev.sonda.aggregator.scoring;

import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.aggregator.state.ControlResult;
import dev.sonda.aggregator.state.ControlTally;
import dev.sonda.aggregator.state.FindingCounts;
import dev.sonda.aggregator.state.ResultHeader;
import dev.sonda.aggregator.state.ScoreBreakdown;
import dev.sonda.aggregator.state.Scores;
import dev.sonda.aggregator.state.StatusCounts;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.catalog.ControlDefinition;
import dev.sonda.contracts.catalog.FrameworkMapping;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The score formula, as pure functions over result headers. {@code aggregator/README.md} states the
 * same formula for readers of the metrics; keep the two in step.
 *
 * <ul>
 *   <li>A control's status in an account, over all its findings in the account's newest results:
 *       FAIL if any finding fails, else ERROR if any is ERROR, else PASS if any passes, else MANUAL
 *       if any is MANUAL, else NOT_APPLICABLE.
 *   <li>Score: passed controls / (passed + failed controls), counting only controls whose status is
 *       PASS or FAIL; {@code null} when there are none. A framework's score counts the controls the
 *       catalog maps to that framework. A control mapped there only to requirements that the
 *       framework marks MANUAL counts as MANUAL, so it stays out of that framework's score.
 *   <li>Coverage: 1 - controls with status ERROR / controls with at least one finding.
 * </ul>
 *
 * So an ERROR finding never lowers a score; it lowers coverage. Instances are thread-safe.
 */
public final class Scoring {

    /** Orders accounts for listings: by tenant, then name, then id, with missing values last. */
    public static final Comparator<AccountScore> LISTING_ORDER = Comparator
            .comparing(AccountScore::tenant, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(AccountScore::name, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(AccountScore::accountId);

    private final Catalog catalog;

    public Scoring(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Derives a control's status from the counts of its findings by status. */
    public static FindingStatus controlStatus(StatusCounts counts) {
        if (counts.fail() > 0) {
            return FindingStatus.FAIL;
        }
        if (counts.error() > 0) {
            return FindingStatus.ERROR;
        }
        if (counts.pass() > 0) {
            return FindingStatus.PASS;
        }
        if (counts.manual() > 0) {
            return FindingStatus.MANUAL;
        }
        return FindingStatus.NOT_APPLICABLE;
    }

    /** Counts controls by status and computes passed / (passed + failed). */
    public static ScoreBreakdown breakdown(Collection<FindingStatus> controlStatuses) {
        int passed = 0;
        int failed = 0;
        int error = 0;
        int notApplicable = 0;
        int manual = 0;
        for (FindingStatus status : controlStatuses) {
            switch (status) {
                case PASS -> passed++;
                case FAIL -> failed++;
                case ERROR -> error++;
                case NOT_APPLICABLE -> notApplicable++;
                case MANUAL -> manual++;
            }
        }
        return ScoreBreakdown.of(passed, failed, error, notApplicable, manual);
    }

    /** Returns 1 - ERROR controls / controls with findings, or {@code null} when no control has a finding. */
    public static Double coverage(Collection<ControlResult> controls) {
        long withFindings = controls.stream().filter(control -> control.counts().total() > 0).count();
        if (withFindings == 0) {
            return null;
        }
        long errors = controls.stream().filter(control -> control.status() == FindingStatus.ERROR).count();
        return 1.0 - (double) errors / withFindings;
    }

    /**
     * Scores one account from the headers of its newest results, one per (region, probe).
     *
     * @param headers every stored result of the account; none may belong to another account
     */
    public AccountScore score(String accountId, List<ResultHeader> headers) {
        Map<String, ControlTally> tallies = new TreeMap<>();
        FindingCounts.Builder findings = new FindingCounts.Builder();
        ResultHeader newest = null;
        for (ResultHeader header : headers) {
            if (!header.account().id().equals(accountId)) {
                throw new IllegalArgumentException("Result " + header.resultId() + " belongs to account "
                        + header.account().id() + ", not to " + accountId);
            }
            header.controls().forEach((controlId, tally) -> tallies.merge(controlId, tally, ControlTally::plus));
            findings.add(header.findings());
            if (newest == null || header.completedAt().isAfter(newest.completedAt())) {
                newest = header;
            }
        }

        List<ControlResult> controls = new ArrayList<>(tallies.size());
        tallies.forEach((controlId, tally) -> controls.add(new ControlResult(controlId, severity(controlId, tally),
                controlStatus(tally.counts()), tally.counts())));

        String name = newest == null ? null : newest.account().name();
        String tenant = newest == null ? null : newest.account().tenant();
        Instant lastResultAt = newest == null ? null : newest.completedAt();
        return new AccountScore(accountId, name, tenant, scores(controls), coverage(controls), findings.build(),
                controls, headers.size(), lastResultAt);
    }

    private Scores scores(List<ControlResult> controls) {
        ScoreBreakdown overall = breakdown(controls.stream().map(ControlResult::status).toList());
        Map<String, List<FindingStatus>> byFramework = new LinkedHashMap<>();
        catalog.frameworks().keySet().forEach(frameworkId -> byFramework.put(frameworkId, new ArrayList<>()));
        for (ControlResult control : controls) {
            // A control may serve several requirements of one framework, but it counts once there. It
            // counts with its own status if at least one of those requirements is scored, else as MANUAL.
            Map<String, Boolean> scoredIn = new LinkedHashMap<>();
            for (FrameworkMapping mapping : catalog.mappings(control.controlId())) {
                scoredIn.merge(mapping.frameworkId(), mapping.scored(), Boolean::logicalOr);
            }
            scoredIn.forEach((frameworkId, scored) -> byFramework
                    .computeIfAbsent(frameworkId, id -> new ArrayList<>())
                    .add(scored ? control.status() : FindingStatus.MANUAL));
        }
        Map<String, ScoreBreakdown> frameworks = new LinkedHashMap<>();
        byFramework.forEach((frameworkId, statuses) -> frameworks.put(frameworkId, breakdown(statuses)));
        return new Scores(overall, frameworks);
    }

    private Severity severity(String controlId, ControlTally tally) {
        return catalog.control(controlId).map(ControlDefinition::severity).orElse(tally.severity());
    }
}
