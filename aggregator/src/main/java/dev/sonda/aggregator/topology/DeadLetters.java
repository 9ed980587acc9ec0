package dev.sonda.aggregator.topology;

import dev.sonda.contracts.DeadLetterHeaders;
import dev.sonda.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a rejected input record into a dead-letter record: the original key and value, the
 * original headers, and the {@code dead-letter-*} headers with the reason and the record's source topic, partition and offset.
 */
final class DeadLetters {

    /** Value of the {@code dead-letter-consumer} header on records this service rejects. */
    static final String CONSUMER = "sonda-aggregator";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final long WARN_INTERVAL_MS = 10_000;
    private static final AtomicLong lastWarnAtMs = new AtomicLong();
    private static final AtomicLong suppressed = new AtomicLong();

    private DeadLetters() {
    }

    static Record<byte[], Emitted> of(ProcessorContext<byte[], Emitted> context, Record<byte[], byte[]> input,
            String reason, Throwable cause) {
        Headers headers = new RecordHeaders(input.headers().toArray());
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
        String partition = context.recordMetadata().map(meta -> Integer.toString(meta.partition())).orElse("-1");
        String offset = context.recordMetadata().map(meta -> Long.toString(meta.offset())).orElse("-1");
        put(headers, DeadLetterHeaders.REASON, reason);
        if (cause != null) {
            put(headers, DeadLetterHeaders.CAUSE, cause.getClass().getName());
        }
        put(headers, DeadLetterHeaders.TOPIC, topic);
        put(headers, DeadLetterHeaders.PARTITION, partition);
        put(headers, DeadLetterHeaders.OFFSET, offset);
        put(headers, DeadLetterHeaders.CONSUMER, CONSUMER);
        logRejected(topic, partition, offset, reason);
        return new Record<>(input.key(), Emitted.deadLetter(input.value()), input.timestamp(), headers);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Warns at most once every ten seconds, so that a flood of bad records cannot flood the log. */
    private static void logRejected(String topic, String partition, String offset, String reason) {
        long now = System.currentTimeMillis();
        long last = lastWarnAtMs.get();
        if (now - last >= WARN_INTERVAL_MS && lastWarnAtMs.compareAndSet(last, now)) {
            long skipped = suppressed.getAndSet(0);
            LOG.warn("Sent record to {} [topic={}, partition={}, offset={}]: {}{}", Topics.DEAD_LETTER,
                    topic, partition, offset, reason,
                    skipped > 0 ? " (" + skipped + " more dead letters since the last warning)" : "");
        } else {
            suppressed.incrementAndGet();
            LOG.debug("Sent record to {} [topic={}, partition={}, offset={}]: {}", Topics.DEAD_LETTER,
                    topic, partition, offset, reason);
        }
    }
}
