package dev.sonda.scheduler.planning;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.catalog.ProbeDefinition;
import dev.sonda.contracts.inventory.Inventory;
import dev.sonda.contracts.inventory.InventoryAccount;
import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.ProbeScope;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.contracts.messages.TaskAccount;
import dev.sonda.scheduler.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Expands a scan request into a {@link ScanPlan}: GLOBAL probes once per account (region
 * {@code global}), REGIONAL probes once per region of the account. Pure logic with no I/O.
 */
public final class ScanPlanner {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");

    private final Catalog catalog;
    private final List<ProbeDefinition> enabledProbes;

    /**
     * @param enabledProbes names of the probes scans may run, or an empty list for every probe of the
     *     catalog
     * @throws IllegalArgumentException if a name is not a probe of the catalog
     */
    public ScanPlanner(Catalog catalog, List<String> enabledProbes) {
        this.catalog = catalog;
        List<String> unknown = enabledProbes.stream().filter(name -> catalog.probe(name).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("sonda.scheduler.probes names unknown probes " + unknown
                    + "; the catalog has " + String.join(", ", catalog.probes().keySet()));
        }
        this.enabledProbes = catalog.probes().values().stream()
                .filter(probe -> enabledProbes.isEmpty() || enabledProbes.contains(probe.name()))
                .toList();
    }

    /** Returns the probes scans may run, in catalog order. */
    public List<ProbeDefinition> enabledProbes() {
        return enabledProbes;
    }

    /**
     * Plans one scan.
     *
     * @throws InvalidScanRequestException if the selection names an unknown account, tenant, probe
     *     or region, or selects no task; it lists every such problem
     */
    public ScanPlan plan(Inventory inventory, ScanSelection selection, Trigger trigger, String scanId,
            Instant requestedAt, Duration deadlineAfter) {
        List<String> errors = new ArrayList<>();
        List<ProbeDefinition> probes = selectProbes(selection, errors);
        List<InventoryAccount> accounts = selectAccounts(inventory, selection, errors);
        checkRegions(accounts, selection, errors);
        if (!errors.isEmpty()) {
            throw new InvalidScanRequestException(errors);
        }

        boolean withGlobal = selection.regions().isEmpty() || selection.regions().contains(ScanTask.GLOBAL_REGION);
        List<ProbeDefinition> global = probes.stream().filter(probe -> probe.scope() == ProbeScope.GLOBAL && withGlobal)
                .toList();
        List<ProbeDefinition> regional = probes.stream().filter(probe -> probe.scope() == ProbeScope.REGIONAL).toList();
        List<ScanPlan.AccountPlan> accountPlans = new ArrayList<>();
        for (InventoryAccount account : accounts) {
            List<String> regions = account.regions().stream()
                    .filter(region -> selection.regions().isEmpty() || selection.regions().contains(region))
                    .toList();
            ScanPlan.AccountPlan plan = new ScanPlan.AccountPlan(taskAccount(account), global, regional, regions,
                    disabledControlsByProbe(account));
            if (plan.taskCount() > 0) {
                accountPlans.add(plan);
            }
        }
        if (accountPlans.isEmpty()) {
            throw new InvalidScanRequestException(List.of("the selection gives no task: no selected account has"
                    + " a selected region for the selected regional probes, and no global probe is selected"));
        }
        List<String> probeNames = probes.stream().map(ProbeDefinition::name).toList();
        return new ScanPlan(scanId, trigger, requestedAt, requestedAt.plus(deadlineAfter), probeNames, accountPlans);
    }

    private List<ProbeDefinition> selectProbes(ScanSelection selection, List<String> errors) {
        for (String name : selection.probes()) {
            if (catalog.probe(name).isEmpty()) {
                errors.add("unknown probe " + name + "; the catalog has " + String.join(", ", catalog.probes().keySet()));
            } else if (enabledProbes.stream().noneMatch(probe -> probe.name().equals(name))) {
                errors.add("probe " + name + " is not enabled on this scheduler; sonda.scheduler.probes enables "
                        + enabledProbes.stream().map(ProbeDefinition::name).collect(Collectors.joining(", ")));
            }
        }
        return enabledProbes.stream()
                .filter(probe -> selection.probes().isEmpty() || selection.probes().contains(probe.name()))
                .toList();
    }

    private static List<InventoryAccount> selectAccounts(Inventory inventory, ScanSelection selection,
            List<String> errors) {
        for (String id : selection.accounts()) {
            if (inventory.account(id).isEmpty()) {
                errors.add("unknown account " + id + "; it is not in the inventory");
            }
        }
        Set<String> tenants = inventory.accounts().stream().map(InventoryAccount::tenant)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String tenant : selection.tenants()) {
            if (!tenants.contains(tenant)) {
                errors.add("unknown tenant " + tenant + "; no account of the inventory has it");
            }
        }
        List<InventoryAccount> selected = inventory.accounts().stream()
                .filter(account -> selection.accounts().isEmpty() || selection.accounts().contains(account.id()))
                .filter(account -> selection.tenants().isEmpty() || selection.tenants().contains(account.tenant()))
                .toList();
        if (selected.isEmpty() && errors.isEmpty()) {
            errors.add("no account is both in accounts " + selection.accounts() + " and of tenants "
                    + selection.tenants());
        }
        return selected;
    }

    private static void checkRegions(List<InventoryAccount> accounts, ScanSelection selection, List<String> errors) {
        for (String region : selection.regions()) {
            if (region.equals(ScanTask.GLOBAL_REGION)) {
                continue;
            }
            if (!REGION.matcher(region).matches()) {
                errors.add(region + " is not an AWS region name such as eu-west-1, nor global");
            } else if (accounts.stream().noneMatch(account -> account.regions().contains(region))) {
                errors.add("region " + region + " is not in the regions of any selected account");
            }
        }
    }

    /**
     * Builds the account part of a task. The external id itself never goes into a task: a literal
     * external id of the inventory becomes the reference {@code inventory:<account id>}, which the
     * worker resolves from its own copy of the inventory.
     */
    static TaskAccount taskAccount(InventoryAccount account) {
        String externalIdRef = account.externalIdRef();
        if (externalIdRef == null && account.externalId() != null) {
            externalIdRef = TaskAccount.INVENTORY_REF_PREFIX + account.id();
        }
        return new TaskAccount(account.id(), account.name(), account.tenant(), account.roleArn(), externalIdRef);
    }

    private Map<String, List<DisabledControl>> disabledControlsByProbe(InventoryAccount account) {
        Map<String, List<DisabledControl>> byProbe = new LinkedHashMap<>();
        for (DisabledControl control : account.disabledControls()) {
            // The inventory parser has checked every disabled control against the bundled catalog.
            String probe = catalog.control(control.controlId())
                    .orElseThrow(() -> new IllegalStateException("Account " + account.id() + " disables control "
                            + control.controlId() + ", which is not in the catalog"))
                    .probe();
            byProbe.computeIfAbsent(probe, name -> new ArrayList<>()).add(control);
        }
        byProbe.replaceAll((probe, controls) -> List.copyOf(controls));
        return byProbe;
    }
}
