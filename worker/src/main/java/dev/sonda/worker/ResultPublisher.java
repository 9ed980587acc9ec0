package dev.sonda.worker;

import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.ResultChunker;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ProbeResultChunk;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes a result on {@code sonda.results} as chunks that each fit one Kafka record, keyed by
 * account id, and waits until the broker has acknowledged every chunk.
 */
@ApplicationScoped
public class ResultPublisher {

    private final MutinyEmitter<byte[]> emitter;
    private final MessageCodec codec;
    private final ResultChunker chunker;
    private final Duration timeout;

    @Inject
    public ResultPublisher(
            @Channel("results") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<byte[]> emitter,
            MessageCodec codec,
            WorkerConfig config) {
        this.emitter = emitter;
        this.codec = codec;
        this.chunker = new ResultChunker(codec, config.resultChunkBytes());
        this.timeout = config.publishTimeout();
    }

    /**
     * Sends every chunk of a result and blocks until the broker acknowledged all of them.
     *
     * @return the chunks sent
     * @throws PublishException if a chunk was rejected or not acknowledged within
     *     {@code sonda.worker.publish-timeout}
     */
    public List<ProbeResultChunk> publish(ProbeResult result) throws PublishException {
        List<ProbeResultChunk> chunks = chunker.split(result);
        List<Uni<Void>> sends = new ArrayList<>(chunks.size());
        for (ProbeResultChunk chunk : chunks) {
            sends.add(emitter.sendMessage(KafkaRecord.of(result.account().id(), codec.encode(chunk))));
        }
        try {
            Uni.join().all(sends).andFailFast().await().atMost(timeout);
        } catch (RuntimeException e) {
            throw new PublishException("Result " + result.resultId() + " of task " + result.taskId() + " ("
                    + chunks.size() + " chunks) was not acknowledged by the broker within " + timeout + ": "
                    + e.getMessage(), e);
        }
        return chunks;
    }

    /** A result that the broker did not acknowledge. */
    public static class PublishException extends Exception {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
