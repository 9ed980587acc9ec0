package dev.sonda.aggregator.metrics;

import dev.sonda.aggregator.scoring.FrameworkScoring;
import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.aggregator.state.ControlResult;
import dev.sonda.aggregator.state.FindingCounts;
import dev.sonda.aggregator.state.ResultHeader;
import dev.sonda.aggregator.state.ScanProgress;
import dev.sonda.aggregator.state.ScoreBreakdown;
import dev.sonda.aggregator.topology.AggregatorEvents;
import dev.sonda.contracts.Topics;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every meter of the aggregator. Names and tags are what {@code aggregator/README.md} lists and
 * what the Grafana dashboards query; a test pins their Prometheus names.
 *
 * <p>Tags stay bounded. Per-account gauges carry one series per account (and framework or status),
 * never per resource or finding. Section scores are per tenant, and also per account only when
 * {@code sonda.aggregator.account-section-metrics} is true. The {@code probe} tag takes only probe
 * names of the catalog.
 * Counters and the timer move on Kafka Streams threads; the gauges are rebuilt from the state stores
 * by {@link MetricsRefresher}.
 */
public final class AggregatorMetrics implements MeterBinder, AggregatorEvents {

    /** Tag value of {@code framework} for the score over all controls. */
    public static final String ALL_FRAMEWORKS = "all";
    /** Tag value of {@code probe} for a probe the catalog does not know. */
    public static final String OTHER_PROBE = "other";

    private final Set<String> knownProbes;
    private final FrameworkScoring frameworkScoring;
    private final boolean accountSectionMetrics;
    private final AtomicBoolean stateChanged = new AtomicBoolean(true);
    private final Map<String, Counter> deadLettered = new ConcurrentHashMap<>();
    private final Map<IgnoreReason, Counter> ignored = new EnumMap<>(IgnoreReason.class);
    private final Map<String, Timer> taskDurations = new ConcurrentHashMap<>();
    private final Map<String, Counter> findingsDropped = new ConcurrentHashMap<>();

    private MeterRegistry registry;
    private Counter applied;
    private Counter chunkSetsEvicted;
    private Counter resultsExpired;
    private MultiGauge compliance;
    private MultiGauge tenantCompliance;
    private MultiGauge tenantSectionCompliance;
    private MultiGauge accountSectionCompliance;
    private MultiGauge coverage;
    private MultiGauge controls;
    private MultiGauge findings;
    private MultiGauge scanExpected;
    private MultiGauge scanCompleted;
    private MultiGauge scanFailed;
    private MultiGauge scanProgress;

    /**
     * @param knownProbes probe names allowed as values of the {@code probe} tag
     * @param accountSectionMetrics whether to export section scores per account as well as per tenant
     */
    public AggregatorMetrics(Set<String> knownProbes, FrameworkScoring frameworkScoring,
            boolean accountSectionMetrics) {
        this.knownProbes = Set.copyOf(knownProbes);
        this.frameworkScoring = frameworkScoring;
        this.accountSectionMetrics = accountSectionMetrics;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        applied = Counter.builder("sonda.results.applied")
                .description("Results that replaced the stored result of their account, region and probe")
                .register(registry);
        for (IgnoreReason reason : IgnoreReason.values()) {
            ignored.put(reason, Counter.builder("sonda.results.ignored")
                    .description("Complete results that changed nothing: older than the stored one (older),"
                            + " the stored one itself (duplicate), or past the retention (expired)")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        deadLetterCounter(Topics.RESULTS);
        deadLetterCounter(Topics.SCANS);
        chunkSetsEvicted = Counter.builder("sonda.result.chunk.sets.evicted")
                .description("Results dropped because not all of their chunks arrived within the chunk max age")
                .register(registry);
        resultsExpired = Counter.builder("sonda.results.expired")
                .description("Stored results removed because they completed longer ago than the retention")
                .register(registry);

        compliance = MultiGauge.builder("sonda.account.compliance")
                .description("Passed / (passed + failed) controls of an account, over all controls (framework=all)"
                        + " or those of one framework; no sample when no control passed or failed")
                .baseUnit("ratio")
                .register(registry);
        tenantCompliance = MultiGauge.builder("sonda.tenant.compliance")
                .description("Passed / (passed + failed) controls summed over a tenant's accounts, over all"
                        + " controls (framework=all) or those of one framework; no sample when none passed or failed")
                .baseUnit("ratio")
                .register(registry);
        tenantSectionCompliance = MultiGauge.builder("sonda.tenant.section.compliance")
                .description("Passed / (passed + failed) controls of one framework section, summed over a"
                        + " tenant's accounts; no sample when none passed or failed")
                .baseUnit("ratio")
                .register(registry);
        accountSectionCompliance = MultiGauge.builder("sonda.account.section.compliance")
                .description("Passed / (passed + failed) controls of one framework section in one account;"
                        + " exported only when sonda.aggregator.account-section-metrics is true")
                .baseUnit("ratio")
                .register(registry);
        coverage = MultiGauge.builder("sonda.account.coverage")
                .description("1 - controls in ERROR / controls with at least one finding, per account")
                .baseUnit("ratio")
                .register(registry);
        controls = MultiGauge.builder("sonda.account.controls")
                .description("Controls of an account by status")
                .register(registry);
        findings = MultiGauge.builder("sonda.findings")
                .description("Findings of the newest results of all accounts, by status and severity")
                .register(registry);
        scanExpected = MultiGauge.builder("sonda.scan.tasks.expected")
                .description("Tasks the newest scan announced")
                .register(registry);
        scanCompleted = MultiGauge.builder("sonda.scan.tasks.completed")
                .description("Tasks of the newest scan whose result arrived, each task counted once")
                .register(registry);
        scanFailed = MultiGauge.builder("sonda.scan.tasks.failed")
                .description("Tasks of the newest scan whose result has outcome ERROR")
                .register(registry);
        scanProgress = MultiGauge.builder("sonda.scan.progress")
                .description("Completed / expected tasks of the newest scan")
                .baseUnit("ratio")
                .register(registry);
    }

    @Override
    public void resultApplied(ResultHeader header) {
        applied.increment();
        Duration duration = Duration.between(header.startedAt(), header.completedAt());
        if (!duration.isNegative()) {
            taskDuration(header.probe()).record(duration);
        }
    }

    @Override
    public void resultIgnored(IgnoreReason reason) {
        ignored.get(reason).increment();
    }

    @Override
    public void deadLettered(String topic) {
        deadLetterCounter(topic).increment();
    }

    @Override
    public void findingsDropped(String probe, int count) {
        // The topology drops findings only of results whose probe is in the catalog, so the tag stays bounded.
        String tag = knownProbes.contains(probe) ? probe : OTHER_PROBE;
        findingsDropped.computeIfAbsent(tag, name -> Counter.builder("sonda.findings.dropped")
                .description("Findings dropped from applied results because their control is not one of the"
                        + " probe's controls in the catalog; they count in no score")
                .tag("probe", name)
                .register(registry)).increment(count);
    }

    @Override
    public void chunkSetsEvicted(int count) {
        chunkSetsEvicted.increment(count);
    }

    @Override
    public void resultsExpired(int count) {
        resultsExpired.increment(count);
    }

    @Override
    public void stateChanged() {
        stateChanged.set(true);
    }

    /** Returns whether state changed since the last call, and resets the flag. */
    boolean takeStateChanged() {
        return stateChanged.getAndSet(false);
    }

    /** Marks the gauges out of date again, after a refresh that could not complete. */
    void markStale() {
        stateChanged.set(true);
    }

    /** Replaces the per-account, per-tenant and fleet-wide gauges with values from these account scores. */
    public void updateAccounts(Collection<AccountScore> scores) {
        List<MultiGauge.Row<?>> complianceRows = new ArrayList<>();
        List<MultiGauge.Row<?>> coverageRows = new ArrayList<>();
        List<MultiGauge.Row<?>> controlRows = new ArrayList<>();
        List<MultiGauge.Row<?>> accountSectionRows = new ArrayList<>();
        Map<String, TenantTotals> tenants = new LinkedHashMap<>();
        FindingCounts.Builder fleet = new FindingCounts.Builder();
        for (AccountScore score : scores) {
            Tags account = Tags.of("account_id", score.accountId(), "account_name", orEmpty(score.name()),
                    "tenant", orEmpty(score.tenant()));
            addCompliance(complianceRows, account.and("framework", ALL_FRAMEWORKS), score.score().overall());
            score.score().frameworks().forEach((frameworkId, breakdown) ->
                    addCompliance(complianceRows, account.and("framework", frameworkId), breakdown));

            Map<String, Map<String, ScoreBreakdown>> sections =
                    frameworkScoring.sectionScores(FrameworkScoring.statuses(score.controls()));
            tenants.computeIfAbsent(orEmpty(score.tenant()), tenant -> new TenantTotals()).add(score, sections);
            if (accountSectionMetrics) {
                sections.forEach((frameworkId, bySection) -> bySection.forEach((section, breakdown) ->
                        addCompliance(accountSectionRows,
                                account.and("framework", frameworkId, "section", section), breakdown)));
            }
            if (score.coverage() != null) {
                coverageRows.add(MultiGauge.Row.of(account, score.coverage()));
            }

            Map<FindingStatus, Integer> byStatus = new EnumMap<>(FindingStatus.class);
            for (FindingStatus status : FindingStatus.values()) {
                byStatus.put(status, 0);
            }
            for (ControlResult control : score.controls()) {
                byStatus.merge(control.status(), 1, Integer::sum);
            }
            Tags accountAndTenant = Tags.of("account_id", score.accountId(), "tenant", orEmpty(score.tenant()));
            byStatus.forEach((status, count) ->
                    controlRows.add(MultiGauge.Row.of(accountAndTenant.and("status", status.name()), count)));
            fleet.add(score.findings());
        }

        FindingCounts total = fleet.build();
        List<MultiGauge.Row<?>> findingRows = new ArrayList<>();
        for (FindingStatus status : FindingStatus.values()) {
            for (Severity severity : Severity.values()) {
                findingRows.add(MultiGauge.Row.of(Tags.of("status", status.name(), "severity", severity.name()),
                        total.count(status, severity)));
            }
        }

        List<MultiGauge.Row<?>> tenantRows = new ArrayList<>();
        List<MultiGauge.Row<?>> tenantSectionRows = new ArrayList<>();
        tenants.forEach((tenant, totals) -> totals.addRows(Tags.of("tenant", tenant), tenantRows, tenantSectionRows));

        compliance.register(complianceRows, true);
        tenantCompliance.register(tenantRows, true);
        tenantSectionCompliance.register(tenantSectionRows, true);
        accountSectionCompliance.register(accountSectionRows, true);
        coverage.register(coverageRows, true);
        controls.register(controlRows, true);
        findings.register(findingRows, true);
    }

    /** Points the scan gauges at this scan, or removes them when {@code newest} is {@code null}. */
    public void updateNewestScan(ScanProgress newest) {
        if (newest == null) {
            List<MultiGauge.Row<?>> none = List.of();
            scanExpected.register(none, true);
            scanCompleted.register(none, true);
            scanFailed.register(none, true);
            scanProgress.register(none, true);
            return;
        }
        Tags scan = Tags.of("scan_id", newest.scanId());
        scanExpected.register(newest.expectedTasks() == null ? List.of()
                : List.of(MultiGauge.Row.of(scan, newest.expectedTasks())), true);
        scanCompleted.register(List.of(MultiGauge.Row.of(scan, newest.completedTasks())), true);
        scanFailed.register(List.of(MultiGauge.Row.of(scan, newest.erroredTasks())), true);
        Double progress = newest.progress();
        scanProgress.register(progress == null ? List.of() : List.of(MultiGauge.Row.of(scan, progress)), true);
    }

    /** Breakdowns of one tenant's accounts, added up per framework and per framework section. */
    private static final class TenantTotals {

        private ScoreBreakdown overall = ScoreBreakdown.EMPTY;
        private final Map<String, ScoreBreakdown> frameworks = new LinkedHashMap<>();
        private final Map<String, Map<String, ScoreBreakdown>> sections = new LinkedHashMap<>();

        void add(AccountScore score, Map<String, Map<String, ScoreBreakdown>> accountSections) {
            overall = overall.plus(score.score().overall());
            score.score().frameworks().forEach((frameworkId, breakdown) ->
                    frameworks.merge(frameworkId, breakdown, ScoreBreakdown::plus));
            accountSections.forEach((frameworkId, bySection) -> bySection.forEach((section, breakdown) ->
                    sections.computeIfAbsent(frameworkId, id -> new LinkedHashMap<>())
                            .merge(section, breakdown, ScoreBreakdown::plus)));
        }

        void addRows(Tags tenant, List<MultiGauge.Row<?>> frameworkRows, List<MultiGauge.Row<?>> sectionRows) {
            addCompliance(frameworkRows, tenant.and("framework", ALL_FRAMEWORKS), overall);
            frameworks.forEach((frameworkId, breakdown) ->
                    addCompliance(frameworkRows, tenant.and("framework", frameworkId), breakdown));
            sections.forEach((frameworkId, bySection) -> bySection.forEach((section, breakdown) ->
                    addCompliance(sectionRows, tenant.and("framework", frameworkId, "section", section), breakdown)));
        }
    }

    private static void addCompliance(List<MultiGauge.Row<?>> rows, Tags tags, ScoreBreakdown breakdown) {
        if (breakdown.score() != null) {
            rows.add(MultiGauge.Row.of(tags, breakdown.score()));
        }
    }

    private Counter deadLetterCounter(String topic) {
        return deadLettered.computeIfAbsent(topic, name -> Counter.builder("sonda.records.dead.lettered")
                .description("Records sent to " + Topics.DEAD_LETTER + " because they could not be decoded or applied")
                .tag("topic", name)
                .register(registry));
    }

    private Timer taskDuration(String probe) {
        String tag = knownProbes.contains(probe) ? probe : OTHER_PROBE;
        return taskDurations.computeIfAbsent(tag, name -> Timer.builder("sonda.task.duration")
                .description("Time from a task's start to its completion on the worker, per probe, for applied results")
                .tag("probe", name)
                .publishPercentileHistogram()
                .register(registry));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
