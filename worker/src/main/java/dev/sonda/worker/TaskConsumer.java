package dev.sonda.worker;

import dev.sonda.contracts.InvalidMessageException;
import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.MessageType;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ProbeResultChunk;
import dev.sonda.contracts.messages.ScanTask;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code sonda.tasks}: each record runs on its own virtual thread, up to
 * {@code sonda.worker.max-tasks-in-flight} at once.
 *
 * <p>A record is acknowledged only after every chunk of its result was acknowledged by the broker,
 * so its offset is committed only then. An invalid record is rejected to {@code sonda.dead-letter}
 * with the reason. A result the broker does not take leaves its record unacknowledged: the
 * channel then reports unhealthy, and a restarted worker receives the task again.
 */
@ApplicationScoped
public class TaskConsumer {

    private static final Logger LOG = Logger.getLogger(TaskConsumer.class);

    private final MessageCodec codec;
    private final TaskProcessor processor;
    private final ResultPublisher publisher;
    private final WorkerMetrics metrics;

    public TaskConsumer(MessageCodec codec, TaskProcessor processor, ResultPublisher publisher, WorkerMetrics metrics) {
        this.codec = codec;
        this.processor = processor;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @Incoming("tasks")
    @RunOnVirtualThread
    public CompletionStage<Void> consume(Message<byte[]> message) {
        ScanTask task;
        try {
            task = codec.decode(message.getPayload(), MessageType.SCAN_TASK);
        } catch (InvalidMessageException e) {
            LOG.warnf("Invalid task record sent to the dead-letter topic [%s]: %s", position(message), e.getMessage());
            metrics.deadLettered();
            return message.nack(e);
        }

        long start = System.nanoTime();
        try (WorkerMetrics.InFlight inFlight = metrics.taskStarted()) {
            LOG.debugf("Task started [scanId=%s, taskId=%s, account=%s, region=%s, probe=%s]", task.scanId(),
                    task.taskId(), task.account().id(), task.region(), task.probe());
            ProbeResult result = processor.process(task);
            List<ProbeResultChunk> chunks = publisher.publish(result);
            metrics.taskFinished(task.probe(), result.outcome().name(),
                    result.error() == null ? null : result.error().code(), Duration.ofNanos(System.nanoTime() - start));
            LOG.infof("Task finished [scanId=%s, taskId=%s, account=%s, region=%s, probe=%s, resultId=%s, "
                    + "outcome=%s, findings=%d, chunks=%d]", task.scanId(), task.taskId(), task.account().id(),
                    task.region(), task.probe(), result.resultId(), result.outcome(), result.findings().size(),
                    chunks.size());
            return message.ack();
        } catch (ResultPublisher.PublishException e) {
            metrics.publishFailed();
            LOG.errorf("Result not published; the task stays unacknowledged until the worker restarts "
                    + "[scanId=%s, taskId=%s, account=%s, %s]: %s", task.scanId(), task.taskId(), task.account().id(),
                    position(message), e.getMessage());
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Task failed without a result; it stays unacknowledged until the worker restarts "
                    + "[scanId=%s, taskId=%s, account=%s, %s]", task.scanId(), task.taskId(), task.account().id(),
                    position(message));
            return CompletableFuture.completedFuture(null);
        }
    }

    private static String position(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(meta -> "topic=" + meta.getTopic() + ", partition=" + meta.getPartition() + ", offset="
                        + meta.getOffset())
                .orElse("position unknown");
    }
}
