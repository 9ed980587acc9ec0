package dev.sonda.aggregator.topology;

import dev.sonda.aggregator.state.ScanEvent;
import dev.sonda.contracts.InvalidMessageException;
import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.MessageType;
import dev.sonda.contracts.messages.ScanAnnouncement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and checks scan announcements. Invalid ones, those that break a {@link RecordChecks}
 * rule, and those that announce an already announced scan with other values go to the dead-letter
 * topic. The first announcement of a scan id wins: it is kept in {@link AggregatorTopology#ANNOUNCED_SCANS_STORE}
 * for as long as the scan's progress is kept.
 *
 * <p>An identical repeat is forwarded again rather than dropped. Scan progress ignores it, and
 * forwarding keeps processing idempotent: after a crash the store may already hold an announcement
 * whose forwarded event was never written, and the record's second pass then delivers it.
 */
final class AnnouncementProcessor implements Processor<byte[], byte[], byte[], Emitted> {

    private static final Logger LOG = LoggerFactory.getLogger(AnnouncementProcessor.class);

    private final TopologySettings settings;
    private final MessageCodec codec;
    private final RecordChecks checks;
    private final AggregatorEvents events;
    private ProcessorContext<byte[], Emitted> context;
    private KeyValueStore<String, ScanAnnouncement> announced;

    AnnouncementProcessor(TopologySettings settings, MessageCodec codec, RecordChecks checks,
            AggregatorEvents events) {
        this.settings = settings;
        this.codec = codec;
        this.checks = checks;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<byte[], Emitted> context) {
        this.context = context;
        this.announced = context.getStateStore(AggregatorTopology.ANNOUNCED_SCANS_STORE);
        context.schedule(settings.retentionCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ScanAnnouncement announcement;
        try {
            announcement = codec.decode(record.value(), MessageType.SCAN_ANNOUNCEMENT);
        } catch (InvalidMessageException e) {
            deadLetter(record, e.getMessage(), e);
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        String rejection = checks.rejectAnnouncement(record.key(), announcement, now);
        if (rejection != null) {
            deadLetter(record, rejection, null);
            return;
        }
        ScanAnnouncement first = announced.get(announcement.scanId());
        if (first == null) {
            announced.put(announcement.scanId(), announcement);
        } else {
            String conflict = RecordChecks.rejectRepeat(first, announcement);
            if (conflict != null) {
                deadLetter(record, conflict, null);
                return;
            }
            LOG.debug("Scan {} announced again with the same values", announcement.scanId());
        }
        context.forward(new Record<>(record.key(), Emitted.scanEvent(ScanEvent.of(announcement)), record.timestamp(),
                new RecordHeaders()));
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason, Throwable exception) {
        events.deadLettered(context.recordMetadata().map(meta -> meta.topic()).orElse("unknown"));
        context.forward(DeadLetters.of(context, record, reason, exception));
    }

    /**
     * Removes announcements of scans requested longer ago than the scan retention, as scan progress
     * does, and those dated further ahead than the clock skew. Only a clock that was turned back
     * leaves the latter, because announcements are checked against the clock when they arrive.
     */
    private void expire(long nowMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        Instant cutoff = now.minus(settings.scanRetention());
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ScanAnnouncement> iterator = announced.all()) {
            iterator.forEachRemaining(entry -> {
                Instant requestedAt = entry.value.requestedAt();
                if (requestedAt.isBefore(cutoff) || checks.isAhead(requestedAt, now)) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(announced::delete);
        if (!expired.isEmpty()) {
            LOG.info("Removed the first announcements of {} scans requested before {} or after the clock skew",
                    expired.size(), cutoff);
        }
    }
}
