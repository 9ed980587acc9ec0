package dev.sonda.worker;

import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.catalog.ControlDefinition;
import dev.sonda.contracts.catalog.ProbeDefinition;
import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ProbeScope;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.contracts.messages.ResultSummary;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.contracts.messages.TaskError;
import dev.sonda.contracts.messages.TaskErrorCodes;
import dev.sonda.worker.aws.AwsClients;
import dev.sonda.worker.aws.AwsService;
import dev.sonda.worker.aws.ExecutionLog;
import dev.sonda.worker.aws.TaskScope;
import dev.sonda.worker.credentials.AccountVerifier;
import dev.sonda.worker.credentials.CredentialsException;
import dev.sonda.worker.credentials.CredentialsService;
import dev.sonda.worker.credentials.TaskCredentials;
import dev.sonda.worker.probe.FindingFactory;
import dev.sonda.worker.probe.Probe;
import dev.sonda.worker.probe.ProbeContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.SdkClient;

/**
 * Runs one task: checks its deadline, obtains and verifies credentials, runs the probe's enabled
 * controls and builds the result. When the probe cannot run (expired task, credential failure,
 * account mismatch, probe bug), it returns a result with outcome ERROR and an ERROR finding for
 * every enabled control instead of throwing.
 */
@ApplicationScoped
public class TaskProcessor {

    private static final Logger LOG = Logger.getLogger(TaskProcessor.class);

    /** Resource type of findings filed against the account because the probe could not run. */
    static final String ACCOUNT_RESOURCE_TYPE = "AWS::::Account";

    private final Catalog catalog;
    private final Map<String, Probe> probes = new HashMap<>();
    private final CredentialsService credentials;
    private final AccountVerifier verifier;
    private final AwsClients clients;
    private final WorkerConfig config;
    private final Clock clock;

    public TaskProcessor(Catalog catalog, Instance<Probe> probes, CredentialsService credentials,
            AccountVerifier verifier, AwsClients clients, WorkerConfig config, Clock clock) {
        this.catalog = catalog;
        probes.forEach(probe -> this.probes.put(probe.name(), probe));
        this.credentials = credentials;
        this.verifier = verifier;
        this.clients = clients;
        this.config = config;
        this.clock = clock;
    }

    public ProbeResult process(ScanTask task) {
        Run run = new Run(task, clock.instant(), new ExecutionLog(config.executionLogMaxEntries(), clock));
        ProbeDefinition definition = catalog.probe(task.probe()).orElse(null);
        Probe probe = probes.get(task.probe());
        if (definition == null || probe == null) {
            run.log.note("This worker has no probe named " + task.probe() + ".");
            return run.result(ResultOutcome.ERROR, new TaskError(TaskErrorCodes.UNKNOWN_PROBE,
                    "This worker has no probe named " + task.probe() + "."), List.of());
        }
        String findingRegion = definition.scope() == ProbeScope.GLOBAL ? ScanTask.GLOBAL_REGION : task.region();
        FindingFactory findings = new FindingFactory(definition, task.account().id(), findingRegion);
        Map<String, String> disabled = disabledControls(task, definition);
        Set<String> enabled = new LinkedHashSet<>();
        definition.controls().forEach(control -> enabled.add(control.id()));
        enabled.removeAll(disabled.keySet());
        List<Finding> disabledFindings = new ArrayList<>();
        disabled.forEach((controlId, reason) -> disabledFindings.add(findings.finding(controlId,
                FindingStatus.NOT_APPLICABLE, findings.accountResource(), ACCOUNT_RESOURCE_TYPE, controlId
                        + " is disabled for account " + task.account().id() + " by the inventory.",
                Map.of("disabledBy", "inventory", "reason", reason))));

        if (definition.scope() == ProbeScope.REGIONAL && task.isGlobal()) {
            return run.failed(new TaskError(TaskErrorCodes.REGION_REQUIRED, "Probe " + task.probe()
                    + " is regional, but the task names no region."), "ReadTask", enabled, disabledFindings, findings);
        }
        if (!task.deadline().isAfter(run.startedAt)) {
            run.log.note("The task's deadline " + task.deadline() + " passed before the worker took it.");
            return run.failed(new TaskError(TaskErrorCodes.TASK_EXPIRED, "The task's deadline " + task.deadline()
                    + " passed before the worker took it at " + run.startedAt + "."), "CheckDeadline", enabled,
                    disabledFindings, findings);
        }
        if (enabled.isEmpty()) {
            return run.result(ResultOutcome.COMPLETED, null, disabledFindings);
        }

        try (TaskScope scope = TaskScope.open(run.log)) {
            TaskCredentials taskCredentials = credentials.credentialsFor(task.account());
            verifier.verify(taskCredentials, task.account().id());
            ProbeContext context = new ProbeContext(task.account().id(), findingRegion, enabled, run.log,
                    run.startedAt, clientSource(task, taskCredentials), findings, task.accountRegions());
            List<Finding> result = new ArrayList<>(runProbe(probe, context, task));
            result.addAll(disabledFindings);
            return run.result(ResultOutcome.COMPLETED, null, result);
        } catch (CredentialsException e) {
            run.log.handledError("sts", e.operation(), e.errorCode(), e.getMessage());
            return run.failed(new TaskError(e.code(), e.getMessage()), e.operation(), enabled, disabledFindings,
                    findings);
        } catch (ProbeFailedException e) {
            return run.failed(new TaskError(TaskErrorCodes.PROBE_FAILED, e.getMessage()), "RunProbe", enabled,
                    disabledFindings, findings);
        }
    }

    private List<Finding> runProbe(Probe probe, ProbeContext context, ScanTask task) throws ProbeFailedException {
        try {
            return probe.run(context);
        } catch (RuntimeException e) {
            // A probe turns AWS errors into ERROR findings itself; anything that escapes is a bug.
            LOG.errorf(e, "Probe failed [scanId=%s, taskId=%s, account=%s, region=%s, probe=%s]", task.scanId(),
                    task.taskId(), task.account().id(), task.region(), task.probe());
            String message = "Probe " + task.probe() + " failed with " + e.getClass().getSimpleName() + ".";
            context.log().handledError(null, null, e.getClass().getSimpleName(), message);
            throw new ProbeFailedException(message);
        }
    }

    private ProbeContext.ClientSource clientSource(ScanTask task, TaskCredentials taskCredentials) {
        return new ProbeContext.ClientSource() {
            @Override
            public <T extends SdkClient> T client(Class<T> type, AwsService service) {
                return clients.client(type, service, task.account().id(), taskCredentials.id(),
                        taskCredentials.provider(), task.region());
            }

            @Override
            public <T extends SdkClient> T client(Class<T> type, AwsService service, String region) {
                return clients.client(type, service, task.account().id(), taskCredentials.id(),
                        taskCredentials.provider(), region);
            }
        };
    }

    /** Disabled controls of this probe, in catalog order; ids of other probes are ignored. */
    private static Map<String, String> disabledControls(ScanTask task, ProbeDefinition definition) {
        Map<String, String> reasons = new HashMap<>();
        for (DisabledControl control : task.disabledControls()) {
            reasons.putIfAbsent(control.controlId(), control.reason());
        }
        Map<String, String> disabled = new LinkedHashMap<>();
        for (ControlDefinition control : definition.controls()) {
            if (reasons.containsKey(control.id())) {
                disabled.put(control.id(), reasons.get(control.id()));
            }
        }
        return disabled;
    }

    /** One execution of a task: its id, start time and execution log. */
    private final class Run {
        private final ScanTask task;
        private final String resultId = UUID.randomUUID().toString();
        private final Instant startedAt;
        private final ExecutionLog log;

        private Run(ScanTask task, Instant startedAt, ExecutionLog log) {
            this.task = task;
            this.startedAt = startedAt;
            this.log = log;
        }

        /** A result whose probe did not run: ERROR for each enabled control, filed against the account. */
        ProbeResult failed(TaskError error, String operation, Set<String> enabled, List<Finding> disabledFindings,
                FindingFactory findings) {
            LOG.warnf("Task not run [scanId=%s, taskId=%s, account=%s, region=%s, probe=%s, error=%s]",
                    task.scanId(), task.taskId(), task.account().id(), task.region(), task.probe(), error.code());
            List<Finding> result = new ArrayList<>();
            for (String controlId : enabled) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("operation", operation);
                evidence.put("errorCode", error.code());
                result.add(findings.finding(controlId, FindingStatus.ERROR, findings.accountResource(),
                        ACCOUNT_RESOURCE_TYPE, controlId + " was not evaluated in account " + task.account().id()
                                + " (" + error.code() + ").", evidence));
            }
            result.addAll(disabledFindings);
            return result(ResultOutcome.ERROR, error, result);
        }

        ProbeResult result(ResultOutcome outcome, TaskError error, List<Finding> findings) {
            return new ProbeResult(resultId, task.taskId(), task.scanId(), task.scanRequestedAt(),
                    task.account().ref(), task.region(), task.probe(), startedAt, clock.instant(), outcome, error,
                    ResultSummary.of(findings), log.entries(), log.dropped(), findings);
        }
    }

    /** A probe threw instead of returning findings. */
    private static final class ProbeFailedException extends Exception {
        ProbeFailedException(String message) {
            super(message);
        }
    }
}
