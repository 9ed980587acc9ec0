package dev.sonda.worker.it;

import static org.awaitility.Awaitility.await;

import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.MessageType;
import dev.sonda.contracts.ResultChunker;
import dev.sonda.contracts.Topics;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ProbeResultChunk;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.testkit.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends tasks to the shared test broker and reads results and dead letters back. */
final class KafkaTestClient {

    static final Duration RESULT_TIMEOUT = Duration.ofSeconds(90);

    private static final MessageCodec CODEC = new MessageCodec();

    private KafkaTestClient() {
    }

    static void send(ScanTask task) {
        send(task.account().id(), CODEC.encode(task));
    }

    static void send(String key, byte[] value) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.TASKS, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot send a test record to " + Topics.TASKS, e);
        }
    }

    static void send(String key, String value) {
        send(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads every record of a topic from its beginning. */
    static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024));
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Reading " + topic + " did not reach its end offsets " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Returns the result chunks on the results topic now that match the filter. */
    static List<ProbeResultChunk> chunks(Predicate<ProbeResultChunk> filter) {
        List<ProbeResultChunk> chunks = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(Topics.RESULTS)) {
            ProbeResultChunk chunk = CODEC.decode(record.value(), MessageType.PROBE_RESULT_CHUNK);
            if (filter.test(chunk)) {
                chunks.add(chunk);
            }
        }
        return chunks;
    }

    /** Returns the complete results of one task on the results topic now, in publication order. */
    static List<ProbeResult> results(String taskId) {
        Map<String, List<ProbeResultChunk>> byResult = new LinkedHashMap<>();
        for (ProbeResultChunk chunk : chunks(chunk -> chunk.taskId().equals(taskId))) {
            byResult.computeIfAbsent(chunk.resultId(), id -> new ArrayList<>()).add(chunk);
        }
        List<ProbeResult> results = new ArrayList<>();
        for (List<ProbeResultChunk> chunks : byResult.values()) {
            if (chunks.size() == chunks.get(0).chunkCount()) {
                results.add(ResultChunker.assemble(chunks));
            }
        }
        return results;
    }

    /** Waits until {@code count} complete results of a task are on the results topic. */
    static List<ProbeResult> awaitResults(String taskId, int count) {
        return await().atMost(RESULT_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> results(taskId), results -> results.size() >= count);
    }

    static ProbeResult awaitResult(String taskId) {
        return awaitResults(taskId, 1).get(0);
    }
}
