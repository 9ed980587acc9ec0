package dev.sonda.contracts;

import dev.sonda.contracts.messages.ExecutionLogEntry;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ProbeResultChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a probe result into records that each stay under a byte limit, and joins them again.
 *
 * <p>Kafka's producer rejects a record over {@code max.request.size} (1 MB by default) before
 * compression, and one probe over ten thousand resources produces several MB of findings. The
 * split packs findings greedily by their encoded size; chunk 0 also carries the summary and the
 * execution log.
 */
public final class ResultChunker {

    /** Default byte limit of one chunk: a quarter of Kafka's default record limit. */
    public static final int DEFAULT_MAX_CHUNK_BYTES = 256 * 1024;

    /** Room left in each chunk for the JSON envelope and the record key beyond the measured parts. */
    private static final int ENVELOPE_SLACK_BYTES = 1024;

    private final MessageCodec codec;
    private final int maxChunkBytes;

    public ResultChunker(MessageCodec codec, int maxChunkBytes) {
        if (maxChunkBytes < 4 * ENVELOPE_SLACK_BYTES) {
            throw new IllegalArgumentException("maxChunkBytes must be at least " + 4 * ENVELOPE_SLACK_BYTES
                    + " bytes, was " + maxChunkBytes);
        }
        this.codec = codec;
        this.maxChunkBytes = maxChunkBytes;
    }

    /**
     * Splits a result into chunks. When the execution log alone would overflow chunk 0, its oldest
     * entries are kept and the rest counted in {@code executionLogDropped}. A single finding larger
     * than the limit travels alone in its own chunk.
     */
    public List<ProbeResultChunk> split(ProbeResult result) {
        List<ExecutionLogEntry> log = new ArrayList<>(result.executionLog());
        int dropped = result.executionLogDropped();
        while (!log.isEmpty() && headerSize(result, 0, log, dropped) > maxChunkBytes / 2) {
            log.remove(log.size() - 1);
            dropped++;
        }

        List<List<Finding>> slices = new ArrayList<>();
        List<Finding> current = new ArrayList<>();
        int budget = maxChunkBytes - headerSize(result, 0, log, dropped);
        int used = 0;
        for (Finding finding : result.findings()) {
            int size = codec.encodedSize(finding) + 1;
            if (!current.isEmpty() && used + size > budget) {
                slices.add(current);
                current = new ArrayList<>();
                used = 0;
                budget = maxChunkBytes - headerSize(result, slices.size(), List.of(), null);
            }
            current.add(finding);
            used += size;
        }
        slices.add(current);

        List<ProbeResultChunk> chunks = new ArrayList<>(slices.size());
        for (int index = 0; index < slices.size(); index++) {
            boolean first = index == 0;
            chunks.add(chunk(result, index, slices.size(), first ? log : null, first ? dropped : null,
                    slices.get(index)));
        }
        return chunks;
    }

    /**
     * Joins the chunks of one result, in any order.
     *
     * @throws IllegalArgumentException if chunks are missing, repeated inconsistently, or belong to
     *     different results
     */
    public static ProbeResult assemble(List<ProbeResultChunk> chunks) {
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("No chunks to assemble");
        }
        List<ProbeResultChunk> ordered = new ArrayList<>(chunks);
        ordered.sort(Comparator.comparingInt(ProbeResultChunk::chunkIndex));
        ProbeResultChunk head = ordered.get(0);
        int count = head.chunkCount();
        if (ordered.size() != count) {
            throw new IllegalArgumentException("Result " + head.resultId() + " has " + ordered.size()
                    + " chunks, expected " + count);
        }
        List<Finding> findings = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            ProbeResultChunk chunk = ordered.get(index);
            if (chunk.chunkIndex() != index || chunk.chunkCount() != count
                    || !chunk.resultId().equals(head.resultId())) {
                throw new IllegalArgumentException("Chunk " + chunk.chunkIndex() + "/" + chunk.chunkCount()
                        + " of result " + chunk.resultId() + " does not belong with chunk 0 of result "
                        + head.resultId() + " (" + count + " chunks)");
            }
            findings.addAll(chunk.findings());
        }
        if (head.summary() == null) {
            throw new IllegalArgumentException("Chunk 0 of result " + head.resultId() + " has no summary");
        }
        return new ProbeResult(head.resultId(), head.taskId(), head.scanId(), head.scanRequestedAt(),
                head.account(), head.region(), head.probe(), head.startedAt(), head.completedAt(),
                head.outcome(), head.error(), head.summary(), head.executionLog(),
                head.executionLogDropped() == null ? 0 : head.executionLogDropped(), findings);
    }

    private int headerSize(ProbeResult result, int index, List<ExecutionLogEntry> log, Integer dropped) {
        return codec.encodedSize(chunk(result, index, Integer.MAX_VALUE, log, dropped, List.of()))
                + ENVELOPE_SLACK_BYTES;
    }

    private static ProbeResultChunk chunk(ProbeResult result, int index, int count, List<ExecutionLogEntry> log,
            Integer dropped, List<Finding> findings) {
        boolean first = index == 0;
        return new ProbeResultChunk(MessageCodec.SCHEMA_VERSION, result.resultId(), result.taskId(),
                result.scanId(), result.scanRequestedAt(), result.account(), result.region(), result.probe(),
                index, count, result.startedAt(), result.completedAt(), result.outcome(), result.error(),
                first ? result.summary() : null, log, dropped, findings);
    }
}
