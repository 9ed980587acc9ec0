package dev.sonda.aggregator.topology;

import dev.sonda.aggregator.state.ScanEvent;
import dev.sonda.contracts.InvalidMessageException;
import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.MessageType;
import dev.sonda.contracts.messages.ScanAnnouncement;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Decodes scan announcements; invalid records go to the dead-letter topic. */
final class AnnouncementProcessor implements Processor<byte[], byte[], byte[], Emitted> {

    private final MessageCodec codec;
    private final AggregatorEvents events;
    private ProcessorContext<byte[], Emitted> context;

    AnnouncementProcessor(MessageCodec codec, AggregatorEvents events) {
        this.codec = codec;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<byte[], Emitted> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ScanAnnouncement announcement;
        try {
            announcement = codec.decode(record.value(), MessageType.SCAN_ANNOUNCEMENT);
        } catch (InvalidMessageException e) {
            events.deadLettered(context.recordMetadata().map(meta -> meta.topic()).orElse("unknown"));
            context.forward(DeadLetters.of(context, record, e.getMessage(), e.getCause() != null ? e.getCause() : e));
            return;
        }
        context.forward(new Record<>(record.key(), Emitted.scanEvent(ScanEvent.of(announcement)), record.timestamp(),
                new RecordHeaders()));
    }
}
