package dev.sonda.contracts;

/**
 * Kafka topics between the scheduler, the workers and the aggregator. {@code contracts/README.md}
 * lists each topic's key, value schema and producer.
 */
public final class Topics {

    /** Scan tasks, keyed by account id so that one account's tasks reach one worker in order. */
    public static final String TASKS = "sonda.tasks";

    /** Scan announcements, keyed by scan id. */
    public static final String SCANS = "sonda.scans";

    /** Probe result chunks, keyed by account id. */
    public static final String RESULTS = "sonda.results";

    /** Messages a consumer rejected, with the reason in the {@code dead-letter-*} headers. */
    public static final String DEAD_LETTER = "sonda.dead-letter";

    private Topics() {
    }
}
