package dev.sonda.contracts.messages;

import java.time.Instant;
import java.util.List;

/**
 * One probe to run in one account and region. Published on {@code sonda.tasks}, keyed by account id.
 *
 * @param taskId stable id derived from the scan, account, region and probe, so that a redelivered
 *     task carries the same id
 * @param region an AWS region name, or {@link #GLOBAL_REGION} for probes that run once per account
 * @param accountRegions on global tasks, the regions the inventory lists for the account, so that
 *     an account-level probe can look at each of them; empty on regional tasks
 */
public record ScanTask(
        int schemaVersion,
        String taskId,
        String scanId,
        Instant scanRequestedAt,
        Instant deadline,
        TaskAccount account,
        String region,
        String probe,
        List<DisabledControl> disabledControls,
        List<String> accountRegions) {

    public static final String GLOBAL_REGION = "global";

    public ScanTask {
        disabledControls = disabledControls == null ? List.of() : List.copyOf(disabledControls);
        accountRegions = accountRegions == null ? List.of() : List.copyOf(accountRegions);
    }

    public boolean isGlobal() {
        return GLOBAL_REGION.equals(region);
    }
}
