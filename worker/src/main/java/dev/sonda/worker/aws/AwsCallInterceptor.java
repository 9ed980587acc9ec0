package dev.sonda.worker.aws;

import dev.sonda.worker.WorkerMetrics;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Charges the API budget once per HTTP attempt, so retries spend budget too, and records every API
 * call in the running task's execution log and in the worker's metrics.
 *
 * <p>One instance belongs to one SDK client, and so to one account, region and service. The sync
 * SDK clients run interceptors on the calling thread, which is the task's virtual thread: budget
 * waits park it, and {@link TaskScope} finds the task's log.
 */
public final class AwsCallInterceptor implements ExecutionInterceptor {

    private static final ExecutionAttribute<CallState> STATE = new ExecutionAttribute<>("SondaCallState");

    private final String accountId;
    private final String region;
    private final String service;
    private final ApiBudget budget;
    private final WorkerMetrics metrics;

    /**
     * @param budget the budget to charge, or {@code null} for the worker's own STS client, whose
     *     AssumeRole calls spend the worker's account quota and not the customer's
     */
    public AwsCallInterceptor(String accountId, String region, String service, ApiBudget budget,
            WorkerMetrics metrics) {
        this.accountId = accountId;
        this.region = region;
        this.service = service;
        this.budget = budget;
        this.metrics = metrics;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STATE, new CallState(System.nanoTime()));
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        CallState state = attributes.getAttribute(STATE);
        if (state != null) {
            state.attempts++;
        }
        if (budget == null) {
            return;
        }
        String operation = operation(attributes);
        try {
            long waited = budget.acquire(new ApiBudget.Key(accountId, region, service, operation));
            if (waited > 0) {
                metrics.budgetWait(service, waited);
            }
        } catch (InterruptedException e) {
            // The SDK interrupts the thread when the call or attempt timeout expires.
            Thread.currentThread().interrupt();
            throw AbortedException.builder()
                    .message("Interrupted while waiting for the API budget of " + service + ":" + operation
                            + " in account " + accountId + ", region " + region)
                    .cause(e)
                    .build();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = operation(attributes);
        metrics.apiCall(service, "success");
        if (isAssumeRole(operation)) {
            metrics.assumeRole("success");
        }
        CallState state = attributes.getAttribute(STATE);
        TaskScope.current().ifPresent(log -> log.apiCall(service, operation, context.httpResponse().statusCode(),
                null, attempts(state), elapsedMillis(state)));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        String operation = operation(attributes);
        AwsError error = AwsErrorClassifier.classify(operation, context.exception());
        metrics.apiCall(service, error.kind().name());
        if (isAssumeRole(operation)) {
            metrics.assumeRole(error.kind().name());
        }
        Integer status = error.httpStatus() != null ? error.httpStatus()
                : context.httpResponse().map(SdkHttpResponse::statusCode).orElse(null);
        CallState state = attributes.getAttribute(STATE);
        TaskScope.current().ifPresent(log -> log.apiCall(service, operation, status, error.errorCode(),
                attempts(state), elapsedMillis(state)));
    }

    private boolean isAssumeRole(String operation) {
        return "sts".equals(service) && "AssumeRole".equals(operation);
    }

    private static String operation(ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return operation == null ? "unknown" : operation;
    }

    private static int attempts(CallState state) {
        return state == null ? 0 : state.attempts;
    }

    private static long elapsedMillis(CallState state) {
        return state == null ? 0 : (System.nanoTime() - state.startNanos) / 1_000_000;
    }

    /** Per-call state; one call runs on one thread, so plain fields suffice. */
    private static final class CallState {
        private final long startNanos;
        private int attempts;

        private CallState(long startNanos) {
            this.startNanos = startNanos;
        }
    }
}
