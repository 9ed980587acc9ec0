package dev.sonda.worker.aws;

import dev.sonda.contracts.messages.ExecutionLogEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The execution log of one task: one entry per AWS API call and per handled exception, kept up to
 * a maximum and counted beyond it. Thread-safe, because a probe may fan calls out.
 */
public final class ExecutionLog {

    private final int maxEntries;
    private final Clock clock;
    private final List<ExecutionLogEntry> entries = new ArrayList<>();
    private int dropped;

    public ExecutionLog(int maxEntries, Clock clock) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** Records one API call with its final HTTP status and AWS error code ({@code null} on success). */
    public void apiCall(String service, String operation, Integer httpStatus, String errorCode, int attempts,
            long durationMs) {
        add(new ExecutionLogEntry(clock.instant(), ExecutionLogEntry.API_CALL, service, operation, httpStatus,
                errorCode, attempts, durationMs, null));
    }

    /** Records an exception that the worker handled, for example by emitting an ERROR finding. */
    public void handledError(String service, String operation, String errorCode, String message) {
        add(new ExecutionLogEntry(clock.instant(), ExecutionLogEntry.HANDLED_ERROR, service, operation, null,
                errorCode, null, null, truncate(message)));
    }

    public void note(String message) {
        add(new ExecutionLogEntry(clock.instant(), ExecutionLogEntry.NOTE, null, null, null, null, null, null,
                truncate(message)));
    }

    public synchronized List<ExecutionLogEntry> entries() {
        return List.copyOf(entries);
    }

    public synchronized int dropped() {
        return dropped;
    }

    private synchronized void add(ExecutionLogEntry entry) {
        if (entries.size() < maxEntries) {
            entries.add(entry);
        } else {
            dropped++;
        }
    }

    /** Keeps messages under the 4,000 characters the result schema allows. */
    private static String truncate(String message) {
        if (message == null || message.length() <= 1000) {
            return message;
        }
        return message.substring(0, 997) + "...";
    }
}
