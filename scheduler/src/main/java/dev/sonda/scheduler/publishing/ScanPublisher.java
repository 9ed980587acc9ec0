package dev.sonda.scheduler.publishing;

import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.scheduler.SchedulerConfig;
import dev.sonda.scheduler.planning.ScanPlan;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends a scan's announcement to {@code sonda.scans} and its tasks to {@code sonda.tasks}. Each
 * send completes when the broker has acknowledged the record (producer {@code acks=all}).
 */
@ApplicationScoped
public class ScanPublisher {

    @Inject
    @Channel("scans")
    MutinyEmitter<byte[]> scans;

    @Inject
    @Channel("tasks")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = SchedulerConfig.MAX_PUBLISH_CONCURRENCY)
    MutinyEmitter<byte[]> tasks;

    @Inject
    MessageCodec codec;

    @Inject
    SchedulerConfig config;

    /** Sends the scan announcement, keyed by scan id; the returned Uni completes on the broker's ack. */
    public Uni<Void> announce(ScanPlan plan) {
        return scans.sendMessage(record(plan.scanId(), codec.encode(plan.announcement())));
    }

    /**
     * Sends every task of the plan, keyed by account id, with at most
     * {@code sonda.scheduler.publish-concurrency} sends awaiting their ack. The tasks are created one
     * by one as acks free room, so neither memory nor the emitter's buffer grows with the scan.
     *
     * @param onPublished called once per acknowledged task
     * @return the number of tasks published; fails on the first task the producer could not deliver
     *     after its own retries
     */
    public Uni<Long> publishTasks(ScanPlan plan, Consumer<ScanTask> onPublished) {
        int concurrency = Math.min(config.publishConcurrency(), SchedulerConfig.MAX_PUBLISH_CONCURRENCY);
        return Multi.createFrom().iterable(plan.tasks())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUni(task -> tasks.sendMessage(record(task.account().id(), codec.encode(task)))
                        .invoke(() -> onPublished.accept(task))
                        .replaceWith(task.taskId()))
                .merge(concurrency)
                .collect().with(Collectors.counting());
    }

    private static Message<byte[]> record(String key, byte[] payload) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }
}
