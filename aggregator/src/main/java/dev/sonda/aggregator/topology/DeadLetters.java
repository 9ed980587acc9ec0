package dev.sonda.aggregator.topology;

import dev.sonda.contracts.DeadLetterHeaders;
import dev.sonda.contracts.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a rejected input record into a dead-letter record: the original key, value and headers,
 * plus the {@code dead-letter-*} headers with the meaning SmallRye Reactive Messaging gives them
 * (see {@link DeadLetterHeaders}). A tombstone keeps its {@code null} value.
 */
final class DeadLetters {

    /** Value of the {@code dead-letter-consumer} header on records this service rejects. */
    static final String CONSUMER = "sonda-aggregator";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final LogThrottle WARNINGS = new LogThrottle(10_000);

    private DeadLetters() {
    }

    /**
     * Builds the dead-letter record of a rejected input record.
     *
     * @param reason why the record was rejected; for a rejection by exception, its message
     * @param exception the exception that rejected the record, or {@code null} when a rule did
     */
    static Record<byte[], Emitted> of(ProcessorContext<byte[], Emitted> context, Record<byte[], byte[]> input,
            String reason, Throwable exception) {
        Headers headers = new RecordHeaders(input.headers().toArray());
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
        String partition = context.recordMetadata().map(meta -> Integer.toString(meta.partition())).orElse("-1");
        String offset = context.recordMetadata().map(meta -> Long.toString(meta.offset())).orElse("-1");
        put(headers, DeadLetterHeaders.REASON, reason);
        // Headers of an earlier rejection that the input record may carry must not pass for this one's.
        headers.remove(DeadLetterHeaders.EXCEPTION_CLASS_NAME);
        headers.remove(DeadLetterHeaders.CAUSE);
        headers.remove(DeadLetterHeaders.CAUSE_CLASS_NAME);
        if (exception != null) {
            put(headers, DeadLetterHeaders.EXCEPTION_CLASS_NAME, exception.getClass().getName());
            Throwable cause = exception.getCause();
            if (cause != null) {
                put(headers, DeadLetterHeaders.CAUSE_CLASS_NAME, cause.getClass().getName());
                put(headers, DeadLetterHeaders.CAUSE, messageOf(cause));
            }
        }
        put(headers, DeadLetterHeaders.TOPIC, topic);
        put(headers, DeadLetterHeaders.PARTITION, partition);
        put(headers, DeadLetterHeaders.OFFSET, offset);
        put(headers, DeadLetterHeaders.CONSUMER, CONSUMER);
        logRejected(context.currentSystemTimeMs(), topic, partition, offset, reason);
        return new Record<>(input.key(), Emitted.deadLetter(input.value()), input.timestamp(), headers);
    }

    /** Returns the message of a throwable, or its string form when it has none, as SmallRye does. */
    private static String messageOf(Throwable throwable) {
        return throwable.getMessage() != null ? throwable.getMessage() : throwable.toString();
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void logRejected(long nowMs, String topic, String partition, String offset, String reason) {
        // A reason can quote parts of the record, which is untrusted: no line breaks into the log.
        String printable = reason.replaceAll("\\p{Cntrl}", "?");
        long heldBack = WARNINGS.acquire(nowMs);
        if (heldBack >= 0) {
            LOG.warn("Sent record to {} [topic={}, partition={}, offset={}]: {}{}", Topics.DEAD_LETTER,
                    topic, partition, offset, printable, LogThrottle.heldBackNote(heldBack));
        } else {
            LOG.debug("Sent record to {} [topic={}, partition={}, offset={}]: {}", Topics.DEAD_LETTER,
                    topic, partition, offset, printable);
        }
    }
}
