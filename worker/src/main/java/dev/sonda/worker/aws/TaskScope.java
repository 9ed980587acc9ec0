package dev.sonda.worker.aws;

import java.util.Optional;

/**
 * Binds the running task's execution log to the current thread while a probe runs, so that the
 * SDK interceptor can record every call. The sync SDK clients run interceptors on the calling
 * thread, and each task runs on its own virtual thread.
 *
 * <pre>{@code
 * try (TaskScope scope = TaskScope.open(log)) {
 *     probe.run(context);
 * }
 * }</pre>
 */
public final class TaskScope implements AutoCloseable {

    private static final ThreadLocal<ExecutionLog> CURRENT = new ThreadLocal<>();

    private final ExecutionLog previous;

    private TaskScope(ExecutionLog previous) {
        this.previous = previous;
    }

    public static TaskScope open(ExecutionLog log) {
        TaskScope scope = new TaskScope(CURRENT.get());
        CURRENT.set(log);
        return scope;
    }

    /** Returns the execution log of the task running on this thread, if any. */
    public static Optional<ExecutionLog> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    @Override
    public void close() {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
