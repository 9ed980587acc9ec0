package dev.sonda.scheduler.planning;

import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.catalog.ProbeDefinition;
import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.ScanAnnouncement;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.contracts.messages.TaskAccount;
import dev.sonda.scheduler.Trigger;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One scan, expanded: its accounts with the probes and regions each one gets. The plan stores one
 * entry per account and creates the scan's tasks one at a time while they are published, so a scan
 * of 100,000 tasks never keeps them all in memory.
 */
public final class ScanPlan {

    private final String scanId;
    private final Trigger trigger;
    private final Instant requestedAt;
    private final Instant deadline;
    private final List<String> probes;
    private final List<AccountPlan> accounts;
    private final int expectedTasks;
    private final int maxTasksPerAccount;

    ScanPlan(String scanId, Trigger trigger, Instant requestedAt, Instant deadline, List<String> probes,
            List<AccountPlan> accounts) {
        this.scanId = scanId;
        this.trigger = trigger;
        this.requestedAt = requestedAt;
        this.deadline = deadline;
        this.probes = List.copyOf(probes);
        this.accounts = List.copyOf(accounts);
        long total = 0;
        int max = 0;
        for (AccountPlan account : accounts) {
            total += account.taskCount();
            max = Math.max(max, account.taskCount());
        }
        if (total > Integer.MAX_VALUE) {
            throw new InvalidScanRequestException(List.of("the selection expands to " + total
                    + " tasks, more than one scan can announce; select fewer accounts or probes"));
        }
        this.expectedTasks = (int) total;
        this.maxTasksPerAccount = max;
    }

    public String scanId() {
        return scanId;
    }

    public Trigger trigger() {
        return trigger;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant deadline() {
        return deadline;
    }

    /** Names of the probes the scan runs, in catalog order. */
    public List<String> probes() {
        return probes;
    }

    public int accountCount() {
        return accounts.size();
    }

    public int expectedTasks() {
        return expectedTasks;
    }

    public ScanAnnouncement announcement() {
        return new ScanAnnouncement(MessageCodec.SCHEMA_VERSION, scanId, trigger.name(), requestedAt, deadline,
                expectedTasks, accounts.size(), probes);
    }

    /**
     * Returns the scan's tasks, created as the iteration reaches them. The order takes one task of
     * each account in turn (all first tasks, then all second tasks, and so on), so that workers
     * spread their API calls over many accounts instead of spending one account's rate limits at once.
     */
    public Iterable<ScanTask> tasks() {
        return RoundRobin::new;
    }

    /**
     * Returns the id of a task: {@code scanId:account:region:probe}. The same inputs always give the
     * same id, so a republished or redelivered task keeps it.
     */
    public static String taskId(String scanId, String accountId, String region, String probe) {
        return scanId + ":" + accountId + ":" + region + ":" + probe;
    }

    /**
     * The tasks of one account. Task {@code i} is its i-th global probe, then, after the global
     * probes, each region's regional probes in turn.
     */
    record AccountPlan(TaskAccount account, List<ProbeDefinition> globalProbes, List<ProbeDefinition> regionalProbes,
            List<String> regions, Map<String, List<DisabledControl>> disabledControlsByProbe) {

        int taskCount() {
            return globalProbes.size() + regionalProbes.size() * regions.size();
        }

        ScanTask task(int index, ScanPlan plan) {
            ProbeDefinition probe;
            String region;
            if (index < globalProbes.size()) {
                probe = globalProbes.get(index);
                region = ScanTask.GLOBAL_REGION;
            } else {
                int regional = index - globalProbes.size();
                probe = regionalProbes.get(regional % regionalProbes.size());
                region = regions.get(regional / regionalProbes.size());
            }
            return new ScanTask(MessageCodec.SCHEMA_VERSION, taskId(plan.scanId, account.id(), region, probe.name()),
                    plan.scanId, plan.requestedAt, plan.deadline, account, region, probe.name(),
                    disabledControlsByProbe.getOrDefault(probe.name(), List.of()),
                    ScanTask.GLOBAL_REGION.equals(region) ? regions : List.of());
        }
    }

    private final class RoundRobin implements Iterator<ScanTask> {

        private int round;
        private int accountIndex;

        RoundRobin() {
            advance();
        }

        @Override
        public boolean hasNext() {
            return round < maxTasksPerAccount;
        }

        @Override
        public ScanTask next() {
            if (!hasNext()) {
                throw new NoSuchElementException("Scan " + scanId + " has no more tasks");
            }
            ScanTask task = accounts.get(accountIndex).task(round, ScanPlan.this);
            accountIndex++;
            advance();
            return task;
        }

        /** Moves to the next account that still has a task in this round, or to the next round. */
        private void advance() {
            while (round < maxTasksPerAccount) {
                while (accountIndex < accounts.size()) {
                    if (accounts.get(accountIndex).taskCount() > round) {
                        return;
                    }
                    accountIndex++;
                }
                accountIndex = 0;
                round++;
            }
        }
    }
}
