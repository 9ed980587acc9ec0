package dev.sonda.aggregator.topology;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a repeated warning through at most once per interval and counts the occurrences held back
 * in between, so that a flood of bad records cannot flood the log. Thread-safe.
 */
final class LogThrottle {

    private final long intervalMs;
    private final AtomicLong lastWarningAtMs = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong heldBack = new AtomicLong();

    LogThrottle(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    /**
     * Records one occurrence. Returns the number of occurrences held back since the last warning when
     * this one should be logged as a warning, or -1 when it should be held back (logged at debug level
     * at most).
     */
    long acquire(long nowMs) {
        long last = lastWarningAtMs.get();
        boolean due = last == Long.MIN_VALUE || nowMs - last >= intervalMs;
        if (due && lastWarningAtMs.compareAndSet(last, nowMs)) {
            return heldBack.getAndSet(0);
        }
        heldBack.incrementAndGet();
        return -1;
    }

    /** Formats the held-back count for the end of a warning; empty when none were held back. */
    static String heldBackNote(long heldBack) {
        return heldBack > 0 ? " (" + heldBack + " more since the last warning)" : "";
    }
}
