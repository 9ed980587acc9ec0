package dev.sonda.contracts;

/**
 * Header names on {@link Topics#DEAD_LETTER} records. They are the names that SmallRye Reactive
 * Messaging's Kafka dead-letter queue writes (checked against version 4.33.0), with the same
 * meaning, so records from the worker (SmallRye) and the aggregator (Kafka Streams) read the same
 * way.
 */
public final class DeadLetterHeaders {

    /** Why the record was rejected: the rejecting exception's message, or the rule the record broke. */
    public static final String REASON = "dead-letter-reason";
    /** Class name of the exception that rejected the record; absent when a rule rejected it without one. */
    public static final String EXCEPTION_CLASS_NAME = "dead-letter-exception-class-name";
    /** Message of the rejecting exception's cause; absent when it has no cause. */
    public static final String CAUSE = "dead-letter-cause";
    /** Class name of the rejecting exception's cause; absent when it has no cause. */
    public static final String CAUSE_CLASS_NAME = "dead-letter-cause-class-name";
    /** Topic the rejected record was read from. */
    public static final String TOPIC = "dead-letter-topic";
    /** Partition the rejected record was read from. */
    public static final String PARTITION = "dead-letter-partition";
    /** Offset of the rejected record in its partition. */
    public static final String OFFSET = "dead-letter-offset";
    /** Service that rejected the record; written by the aggregator only, SmallRye has no such header. */
    public static final String CONSUMER = "dead-letter-consumer";

    private DeadLetterHeaders() {
    }
}
