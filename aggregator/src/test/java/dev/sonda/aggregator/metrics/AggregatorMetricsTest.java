package dev.sonda.aggregator.metrics;

import static dev.sonda.contracts.messages.FindingStatus.FAIL;
import static dev.sonda.contracts.messages.FindingStatus.MANUAL;
import static dev.sonda.contracts.messages.FindingStatus.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.aggregator.scoring.FrameworkScoring;
import dev.sonda.aggregator.scoring.Scoring;
import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.aggregator.state.ControlTally;
import dev.sonda.aggregator.state.ResultHeader;
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
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The section and tenant gauges, on a catalog built for the test. */
class AggregatorMetricsTest {

    private static final String SECTION_1 = "1 Identity";
    private static final String SECTION_2 = "2 Logging";
    private static final Catalog CATALOG = Catalog.of(
            List.of(new ProbeDefinition("a", "A", ProbeScope.GLOBAL, List.of(control("A.1"), control("A.2"),
                    control("A.3")))),
            List.of(new Framework("fw", "Framework", "FW", "1", List.of(
                    requirement("1.1", SECTION_1, "A.1"),
                    requirement("1.2", SECTION_1, "A.2"),
                    requirement("2.1", SECTION_2, "A.3")))));

    private final Scoring scoring = new Scoring(CATALOG);

    @Test
    void tenantSectionScorePoolsAccounts() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AggregatorMetrics metrics = metrics(registry, false);

        metrics.updateAccounts(List.of(
                account("111111111111", "tenant-a", Map.of("A.1", PASS, "A.2", PASS)),
                account("222222222222", "tenant-a", Map.of("A.1", FAIL, "A.2", FAIL, "A.3", MANUAL)),
                account("333333333333", "tenant-b", Map.of("A.1", PASS, "A.3", FAIL))));

        // tenant-a, section 1: 2 passed of 4.
        assertThat(gauge(registry, "sonda.tenant.section.compliance", "tenant", "tenant-a", "section", SECTION_1))
                .isEqualTo(0.5);
        // tenant-a, section 2: only a MANUAL control, so no score and no sample.
        assertThat(registry.find("sonda.tenant.section.compliance")
                .tags("tenant", "tenant-a", "section", SECTION_2).gauge()).isNull();
        assertThat(gauge(registry, "sonda.tenant.section.compliance", "tenant", "tenant-b", "section", SECTION_2))
                .isEqualTo(0.0);
        assertThat(gauge(registry, "sonda.tenant.compliance", "tenant", "tenant-a", "framework", "fw"))
                .isEqualTo(0.5);
        assertThat(gauge(registry, "sonda.tenant.compliance", "tenant", "tenant-b", "framework", "all"))
                .isEqualTo(0.5);
        assertThat(registry.find("sonda.account.section.compliance").gauges()).isEmpty();
    }

    @Test
    void accountSectionScoresOnlyWhenEnabled() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AggregatorMetrics metrics = metrics(registry, true);

        metrics.updateAccounts(List.of(account("111111111111", "tenant-a", Map.of("A.1", PASS, "A.2", FAIL))));

        assertThat(gauge(registry, "sonda.account.section.compliance", "account_id", "111111111111",
                "section", SECTION_1)).isEqualTo(0.5);
        assertThat(registry.find("sonda.account.section.compliance").tags("section", SECTION_2).gauge()).isNull();
    }

    @Test
    void gaugesFollowTheAccountsOfEachRefresh() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AggregatorMetrics metrics = metrics(registry, false);
        metrics.updateAccounts(List.of(account("111111111111", "tenant-a", Map.of("A.1", PASS))));

        metrics.updateAccounts(List.of(account("222222222222", "tenant-b", Map.of("A.1", FAIL))));

        assertThat(registry.find("sonda.tenant.section.compliance").tags("tenant", "tenant-a").gauge()).isNull();
        assertThat(gauge(registry, "sonda.tenant.section.compliance", "tenant", "tenant-b", "section", SECTION_1))
                .isEqualTo(0.0);
    }

    @Test
    void prometheusNamesOfSectionGauges() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AggregatorMetrics metrics = metrics(registry, true);

        metrics.updateAccounts(List.of(account("111111111111", "tenant-a", Map.of("A.1", PASS))));

        assertThat(registry.scrape())
                .contains("sonda_tenant_compliance_ratio{framework=\"fw\",tenant=\"tenant-a\",} 1.0")
                .contains("sonda_tenant_section_compliance_ratio{framework=\"fw\",section=\"1 Identity\","
                        + "tenant=\"tenant-a\",} 1.0")
                .contains("sonda_account_section_compliance_ratio{account_id=\"111111111111\",account_name=\"\","
                        + "framework=\"fw\",section=\"1 Identity\",tenant=\"tenant-a\",} 1.0");
    }

    private AggregatorMetrics metrics(MeterRegistry registry, boolean accountSections) {
        AggregatorMetrics metrics = new AggregatorMetrics(Set.of("a"), new FrameworkScoring(CATALOG), accountSections);
        metrics.bindTo(registry);
        return metrics;
    }

    private AccountScore account(String accountId, String tenant, Map<String, FindingStatus> statuses) {
        Map<String, ControlTally> tallies = new LinkedHashMap<>();
        statuses.forEach((controlId, status) ->
                tallies.put(controlId, new ControlTally(Severity.MEDIUM, StatusCounts.of(status))));
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        ResultHeader header = new ResultHeader("r-" + accountId, "t", "scan-1", at, at, at,
                new AccountRef(accountId, null, tenant), "global", "a", ResultOutcome.COMPLETED, null, null, 0,
                tallies, null, List.of(), 0, 0);
        return scoring.score(accountId, List.of(header));
    }

    private static double gauge(MeterRegistry registry, String name, String... tags) {
        Gauge gauge = registry.find(name).tags(tags).gauge();
        assertThat(gauge).as(name + " " + String.join(",", tags)).isNotNull();
        return gauge.value();
    }

    private static ControlDefinition control(String id) {
        return new ControlDefinition(id, "a", "Control " + id, Severity.MEDIUM, "AWS::::Account", "", "Fix it.",
                List.of("a:GetThing"));
    }

    private static Requirement requirement(String id, String section, String... controls) {
        return new Requirement(id, "Requirement " + id, section, null, null, Assessment.AUTOMATED, null,
                List.of(controls));
    }
}
