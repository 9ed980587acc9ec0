package dev.sonda.worker.probe;

import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.aws.ExecutionLog;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.SdkClient;

/**
 * What a probe needs for one task: the target, the controls to evaluate, SDK clients that already
 * carry the task's verified credentials, and the time of evaluation.
 *
 * @param region the task's region, or {@code global} for global probes
 * @param now the evaluation time, passed to checks so that they never read the clock
 * @param accountRegions on global tasks, the regions the inventory lists for the account (see
 *     {@code ScanTask.accountRegions}); empty on regional tasks
 */
public record ProbeContext(
        String accountId,
        String region,
        Set<String> enabledControls,
        ExecutionLog log,
        Instant now,
        ClientSource clients,
        FindingFactory findings,
        List<String> accountRegions) {

    public ProbeContext {
        enabledControls = Set.copyOf(enabledControls);
        accountRegions = accountRegions == null ? List.of() : List.copyOf(accountRegions);
    }

    /** A context without account regions, as regional tasks have. */
    public ProbeContext(String accountId, String region, Set<String> enabledControls, ExecutionLog log, Instant now,
            ClientSource clients, FindingFactory findings) {
        this(accountId, region, enabledControls, log, now, clients, findings, List.of());
    }

    public boolean enabled(String controlId) {
        return enabledControls.contains(controlId);
    }

    /** Returns the task's client for a service; global services get a client in the global region. */
    public <T extends SdkClient> T client(Class<T> type, AwsService service) {
        return clients.client(type, service);
    }

    /**
     * Returns the task's client for a service in another region, for global probes that look at
     * each of {@link #accountRegions()}. Global services still get a client in the global region.
     */
    public <T extends SdkClient> T client(Class<T> type, AwsService service, String clientRegion) {
        return clients.client(type, service, clientRegion);
    }

    public AwsCalls calls() {
        return new AwsCalls(log, accountId, region);
    }

    /** Supplies SDK clients bound to one task's account, credentials and region. */
    public interface ClientSource {
        <T extends SdkClient> T client(Class<T> type, AwsService service);

        <T extends SdkClient> T client(Class<T> type, AwsService service, String region);
    }
}
