package dev.sonda.scheduler.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.MessageType;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.inventory.Inventory;
import dev.sonda.contracts.inventory.InventoryAccount;
import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.ScanAnnouncement;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.scheduler.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scan planning over the bundled catalog, whose probes are sqs (REGIONAL), account and iam (both
 * GLOBAL).
 */
class ScanPlannerTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String SCAN_ID = "0b9f6a8e-4a35-4f0e-9a52-3d1c1f0e2a11";
    private static final Catalog CATALOG = Catalog.load();

    private static final InventoryAccount PROD = new InventoryAccount("111111111111", "acme-prod", "acme",
            "arn:aws:iam::111111111111:role/SondaScanner", "sonda-secret-external-id", null,
            List.of("eu-west-1", "us-east-1"),
            List.of(new DisabledControl("Account.2", "Standalone account by contract."),
                    new DisabledControl("SQS.2", "Tags are managed elsewhere.")));
    private static final InventoryAccount DEV = new InventoryAccount("222222222222", "acme-dev", "acme",
            "arn:aws:iam::222222222222:role/SondaScanner", null, "env:ACME_DEV_EXTERNAL_ID",
            List.of("eu-west-1"), List.of());
    private static final InventoryAccount GLOBEX = new InventoryAccount("333333333333", "globex-prod", "globex",
            null, null, null, List.of("eu-west-1", "eu-central-1", "us-east-1"), List.of());
    private static final Inventory INVENTORY = new Inventory(List.of(PROD, DEV, GLOBEX));

    /** The probes these tests count tasks of; the catalog has more, which would change every count. */
    private static final List<String> PROBES = List.of("sqs", "account", "iam");

    private final ScanPlanner planner = new ScanPlanner(CATALOG, PROBES);

    private ScanPlan plan(ScanSelection selection) {
        return planner.plan(INVENTORY, selection, Trigger.API, SCAN_ID, NOW, Duration.ofHours(1));
    }

    private static List<ScanTask> tasks(ScanPlan plan) {
        List<ScanTask> tasks = new ArrayList<>();
        plan.tasks().forEach(tasks::add);
        return tasks;
    }

    private static List<String> keys(List<ScanTask> tasks) {
        return tasks.stream().map(task -> task.account().id() + "/" + task.region() + "/" + task.probe()).toList();
    }

    @Test
    void globalProbesOncePerAccount() {
        List<ScanTask> tasks = tasks(plan(ScanSelection.all()));

        for (String account : List.of("111111111111", "222222222222", "333333333333")) {
            for (String probe : List.of("account", "iam")) {
                assertThat(tasks).filteredOn(task -> task.account().id().equals(account) && task.probe().equals(probe))
                        .singleElement()
                        .satisfies(task -> assertThat(task.region()).isEqualTo(ScanTask.GLOBAL_REGION));
            }
        }
    }

    @Test
    void globalTasksCarryAccountRegions() {
        List<ScanTask> tasks = tasks(plan(ScanSelection.all()));

        for (ScanTask task : tasks) {
            if (task.isGlobal()) {
                assertThat(task.accountRegions()).as(task.taskId()).isNotEmpty();
            } else {
                assertThat(task.accountRegions()).as(task.taskId()).isEmpty();
            }
        }
        assertThat(tasks).filteredOn(task -> task.isGlobal() && task.account().id().equals("333333333333"))
                .allSatisfy(task -> assertThat(task.accountRegions())
                        .containsExactly("eu-west-1", "eu-central-1", "us-east-1"));
    }

    @Test
    void regionalProbeOncePerRegion() {
        List<ScanTask> tasks = tasks(plan(ScanSelection.all()));

        assertThat(tasks).filteredOn(task -> task.probe().equals("sqs")).extracting(ScanTask::region)
                .containsExactlyInAnyOrder("eu-west-1", "us-east-1", "eu-west-1", "eu-west-1", "eu-central-1",
                        "us-east-1");
        assertThat(keys(tasks)).contains("333333333333/eu-central-1/sqs").doesNotContain("111111111111/eu-central-1/sqs");
    }

    @Test
    void expectedTasksMatchesTasks() {
        ScanPlan plan = plan(ScanSelection.all());

        // 3 accounts x 2 global probes + (2 + 1 + 3) regions x 1 regional probe
        assertThat(plan.expectedTasks()).isEqualTo(12);
        assertThat(tasks(plan)).hasSize(12);
        assertThat(plan.accountCount()).isEqualTo(3);
    }

    @Test
    void taskIdsStableAndUnique() {
        List<ScanTask> first = tasks(plan(ScanSelection.all()));
        List<ScanTask> second = tasks(plan(ScanSelection.all()));

        assertThat(first).extracting(ScanTask::taskId).doesNotHaveDuplicates();
        assertThat(first).extracting(ScanTask::taskId).isEqualTo(second.stream().map(ScanTask::taskId).toList());
        assertThat(first).extracting(ScanTask::taskId).contains(SCAN_ID + ":111111111111:global:iam",
                SCAN_ID + ":333333333333:eu-central-1:sqs");
    }

    @Test
    void everyTaskPassesMessageCodec() {
        MessageCodec codec = new MessageCodec();
        ScanPlan plan = plan(ScanSelection.all());

        for (ScanTask task : tasks(plan)) {
            ScanTask decoded = codec.decode(codec.encode(task), MessageType.SCAN_TASK);
            assertThat(decoded).isEqualTo(task);
        }
        ScanAnnouncement announcement = codec.decode(codec.encode(plan.announcement()), MessageType.SCAN_ANNOUNCEMENT);
        assertThat(announcement).isEqualTo(plan.announcement());
    }

    @Test
    void tasksCarryScanTimes() {
        ScanTask task = tasks(plan(ScanSelection.all())).get(0);

        assertThat(task.scanId()).isEqualTo(SCAN_ID);
        assertThat(task.scanRequestedAt()).isEqualTo(NOW);
        assertThat(task.deadline()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(task.schemaVersion()).isEqualTo(MessageCodec.SCHEMA_VERSION);
    }

    @Test
    void announcementDescribesScan() {
        ScanAnnouncement announcement = plan(ScanSelection.all()).announcement();

        assertThat(announcement.scanId()).isEqualTo(SCAN_ID);
        assertThat(announcement.trigger()).isEqualTo("API");
        assertThat(announcement.requestedAt()).isEqualTo(NOW);
        assertThat(announcement.deadline()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(announcement.expectedTasks()).isEqualTo(12);
        assertThat(announcement.accountCount()).isEqualTo(3);
        assertThat(announcement.probes()).containsExactly("sqs", "account", "iam");
    }

    @Test
    void disabledControlsGoToOwningProbe() {
        List<ScanTask> prodTasks = tasks(plan(ScanSelection.all())).stream()
                .filter(task -> task.account().id().equals("111111111111"))
                .toList();

        for (ScanTask task : prodTasks) {
            List<String> disabled = task.disabledControls().stream().map(DisabledControl::controlId).toList();
            switch (task.probe()) {
                case "account" -> assertThat(disabled).containsExactly("Account.2");
                case "sqs" -> assertThat(disabled).containsExactly("SQS.2");
                default -> assertThat(disabled).isEmpty();
            }
        }
        assertThat(tasks(plan(ScanSelection.all()))).filteredOn(task -> !task.account().id().equals("111111111111"))
                .allSatisfy(task -> assertThat(task.disabledControls()).isEmpty());
    }

    @Test
    void literalExternalIdBecomesInventoryRef() {
        MessageCodec codec = new MessageCodec();
        List<ScanTask> tasks = tasks(plan(ScanSelection.all()));

        assertThat(tasks).filteredOn(task -> task.account().id().equals("111111111111"))
                .allSatisfy(task -> assertThat(task.account().externalIdRef()).isEqualTo("inventory:111111111111"));
        for (ScanTask task : tasks) {
            assertThat(codec.encodeToString(task)).doesNotContain("sonda-secret-external-id");
        }
    }

    @Test
    void externalIdRefPassedThrough() {
        assertThat(tasks(plan(ScanSelection.all()))).filteredOn(task -> task.account().id().equals("222222222222"))
                .allSatisfy(task -> assertThat(task.account().externalIdRef()).isEqualTo("env:ACME_DEV_EXTERNAL_ID"));
    }

    @Test
    void accountWithoutRoleHasNoRef() {
        assertThat(tasks(plan(ScanSelection.all()))).filteredOn(task -> task.account().id().equals("333333333333"))
                .allSatisfy(task -> {
                    assertThat(task.account().roleArn()).isNull();
                    assertThat(task.account().externalIdRef()).isNull();
                });
    }

    @Test
    void accountFilterSelectsAccounts() {
        List<ScanTask> tasks = tasks(plan(ScanSelection.of(List.of("222222222222"), null, null, null)));

        assertThat(keys(tasks)).containsExactlyInAnyOrder("222222222222/global/account", "222222222222/global/iam",
                "222222222222/eu-west-1/sqs");
    }

    @Test
    void tenantFilterSelectsAccounts() {
        ScanPlan plan = plan(ScanSelection.of(null, List.of("globex"), null, null));

        assertThat(tasks(plan)).extracting(task -> task.account().id()).containsOnly("333333333333");
        assertThat(plan.expectedTasks()).isEqualTo(5);
    }

    @Test
    void accountAndTenantFiltersCombine() {
        ScanPlan plan = plan(ScanSelection.of(List.of("111111111111", "333333333333"), List.of("acme"), null, null));

        assertThat(tasks(plan)).extracting(task -> task.account().id()).containsOnly("111111111111");
    }

    @Test
    void probeFilterSelectsProbes() {
        ScanPlan plan = plan(ScanSelection.of(null, null, List.of("iam"), null));

        assertThat(keys(tasks(plan))).containsExactlyInAnyOrder("111111111111/global/iam", "222222222222/global/iam",
                "333333333333/global/iam");
        assertThat(plan.probes()).containsExactly("iam");
    }

    @Test
    void regionFilterKeepsOnlyRegionalTasks() {
        List<ScanTask> tasks = tasks(plan(ScanSelection.of(null, null, null, List.of("us-east-1"))));

        assertThat(keys(tasks)).containsExactlyInAnyOrder("111111111111/us-east-1/sqs", "333333333333/us-east-1/sqs");
    }

    @Test
    void globalInRegionFilterKeepsGlobalTasks() {
        List<ScanTask> tasks = tasks(plan(ScanSelection.of(List.of("222222222222"), null, null,
                List.of("global", "eu-west-1"))));

        assertThat(keys(tasks)).containsExactlyInAnyOrder("222222222222/global/account", "222222222222/global/iam",
                "222222222222/eu-west-1/sqs");
    }

    @Test
    void onlyGlobalRegionSkipsRegionalProbes() {
        List<ScanTask> tasks = tasks(plan(ScanSelection.of(null, null, null, List.of("global"))));

        assertThat(tasks).extracting(ScanTask::region).containsOnly(ScanTask.GLOBAL_REGION);
        assertThat(tasks).hasSize(6);
    }

    @Test
    void configuredProbesLimitScans() {
        ScanPlanner sqsOnly = new ScanPlanner(CATALOG, List.of("sqs"));

        ScanPlan plan = sqsOnly.plan(INVENTORY, ScanSelection.all(), Trigger.CRON, SCAN_ID, NOW, Duration.ofHours(1));

        assertThat(tasks(plan)).extracting(ScanTask::probe).containsOnly("sqs");
        assertThat(plan.expectedTasks()).isEqualTo(6);
        assertThat(plan.announcement().trigger()).isEqualTo("CRON");
    }

    @Test
    void unknownConfiguredProbeRejected() {
        assertThatThrownBy(() -> new ScanPlanner(CATALOG, List.of("sqs", "s4")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sonda.scheduler.probes names unknown probes [s4]; the catalog has " + String.join(", ", CATALOG.probes().keySet()));
    }

    @Test
    void roundRobinSpreadsAccounts() {
        List<ScanTask> tasks = tasks(plan(ScanSelection.all()));

        assertThat(tasks.subList(0, 3)).extracting(task -> task.account().id())
                .containsExactly("111111111111", "222222222222", "333333333333");
        // globex has 5 tasks, the others 4 and 3: its last two come alone at the end.
        assertThat(tasks.subList(10, 12)).extracting(task -> task.account().id())
                .containsExactly("333333333333", "333333333333");
    }

    @Test
    void largeScanCountsMatchWithoutDuplicates() {
        List<InventoryAccount> accounts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            accounts.add(new InventoryAccount(String.format("%012d", 100_000_000_000L + i), "account-" + i,
                    "tenant-" + (i % 50), null, null, null,
                    List.of("eu-west-1", "us-east-1", "eu-central-1").subList(0, 1 + i % 3), List.of()));
        }
        ScanPlan plan = planner.plan(new Inventory(accounts), ScanSelection.all(), Trigger.CRON, SCAN_ID, NOW,
                Duration.ofHours(1));

        Set<String> ids = new HashSet<>();
        plan.tasks().forEach(task -> ids.add(task.taskId()));

        // Each account: 2 global tasks plus 1, 2 or 3 regional ones.
        assertThat(plan.expectedTasks()).isEqualTo(5_000 * 2 + 1_667 * 1 + 1_667 * 2 + 1_666 * 3);
        assertThat(ids).hasSize(plan.expectedTasks());
    }

    // --- Invalid selections ---

    @Test
    void unknownAccountRejected() {
        assertThatThrownBy(() -> plan(ScanSelection.of(List.of("999999999999"), null, null, null)))
                .isInstanceOfSatisfying(InvalidScanRequestException.class, e -> assertThat(e.errors())
                        .containsExactly("unknown account 999999999999; it is not in the inventory"));
    }

    @Test
    void unknownTenantRejected() {
        assertThatThrownBy(() -> plan(ScanSelection.of(null, List.of("initech"), null, null)))
                .isInstanceOfSatisfying(InvalidScanRequestException.class, e -> assertThat(e.errors())
                        .containsExactly("unknown tenant initech; no account of the inventory has it"));
    }

    @Test
    void unknownProbeRejected() {
        assertThatThrownBy(() -> plan(ScanSelection.of(null, null, List.of("s3"), null)))
                .isInstanceOfSatisfying(InvalidScanRequestException.class, e -> assertThat(e.errors())
                        .containsExactly("unknown probe s3; the catalog has " + String.join(", ", CATALOG.probes().keySet())));
    }

    @Test
    void probeNotEnabledRejected() {
        ScanPlanner sqsOnly = new ScanPlanner(CATALOG, List.of("sqs"));

        assertThatThrownBy(() -> sqsOnly.plan(INVENTORY, ScanSelection.of(null, null, List.of("iam"), null),
                Trigger.API, SCAN_ID, NOW, Duration.ofHours(1)))
                .isInstanceOfSatisfying(InvalidScanRequestException.class, e -> assertThat(e.errors())
                        .containsExactly("probe iam is not enabled on this scheduler; sonda.scheduler.probes enables sqs"));
    }

    @Test
    void malformedRegionRejected() {
        assertThatThrownBy(() -> plan(ScanSelection.of(null, null, null, List.of("EU-WEST-1"))))
                .isInstanceOfSatisfying(InvalidScanRequestException.class, e -> assertThat(e.errors())
                        .containsExactly("EU-WEST-1 is not an AWS region name such as eu-west-1, nor global"));
    }

    @Test
    void regionOfNoSelectedAccountRejected() {
        assertThatThrownBy(() -> plan(ScanSelection.of(List.of("222222222222"), null, null, List.of("us-east-1"))))
                .isInstanceOfSatisfying(InvalidScanRequestException.class, e -> assertThat(e.errors())
                        .containsExactly("region us-east-1 is not in the regions of any selected account"));
    }

    @Test
    void disjointAccountAndTenantRejected() {
        assertThatThrownBy(() -> plan(ScanSelection.of(List.of("333333333333"), List.of("acme"), null, null)))
                .isInstanceOfSatisfying(InvalidScanRequestException.class, e -> assertThat(e.errors())
                        .containsExactly("no account is both in accounts [333333333333] and of tenants [acme]"));
    }

    @Test
    void selectionWithoutTasksRejected() {
        assertThatThrownBy(() -> plan(ScanSelection.of(null, null, List.of("sqs"), List.of("global"))))
                .isInstanceOfSatisfying(InvalidScanRequestException.class, e -> assertThat(e.errors())
                        .containsExactly("the selection gives no task: no selected account has a selected region for"
                                + " the selected regional probes, and no global probe is selected"));
    }

    @Test
    void everyProblemReported() {
        assertThatThrownBy(() -> plan(ScanSelection.of(List.of("999999999999"), List.of("initech"), List.of("s3"),
                List.of("ap-south-1"))))
                .isInstanceOfSatisfying(InvalidScanRequestException.class, e -> assertThat(e.errors()).containsExactly(
                        "unknown probe s3; the catalog has " + String.join(", ", CATALOG.probes().keySet()),
                        "unknown account 999999999999; it is not in the inventory",
                        "unknown tenant initech; no account of the inventory has it",
                        "region ap-south-1 is not in the regions of any selected account"));
    }
}
