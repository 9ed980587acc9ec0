package dev.sonda.contracts;

/**
 * Header names on {@link Topics#DEAD_LETTER} records. They match the names that SmallRye Reactive
 * Messaging's Kafka dead-letter queue writes, so records from the worker (SmallRye) and the
 * aggregator (Kafka Streams) read the same way.
 */
public final class DeadLetterHeaders {

    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String CONSUMER = "dead-letter-consumer";

    private DeadLetterHeaders() {
    }
}
