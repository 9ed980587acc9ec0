package dev.sonda.aggregator.topology;

import dev.sonda.contracts.messages.ProbeResultChunk;
import java.util.BitSet;

/**
 * Bookkeeping of a result whose chunks are still arriving: which indices are stored, and since when.
 *
 * @param receivedBits indices of the stored chunks, as {@link BitSet#toLongArray()}
 * @param firstSeenAtMs wall-clock time of the first chunk, for eviction of sets that never complete
 */
record ChunkSet(String resultId, String resultKey, String taskId, int chunkCount, long firstSeenAtMs,
        long[] receivedBits) {

    static ChunkSet start(ProbeResultChunk chunk, String resultKey, long nowMs) {
        return new ChunkSet(chunk.resultId(), resultKey, chunk.taskId(), chunk.chunkCount(), nowMs, new long[0]);
    }

    /** Returns why a chunk cannot belong to this set, or {@code null} when it can. */
    String mismatch(ProbeResultChunk chunk, String chunkResultKey) {
        if (chunk.chunkCount() != chunkCount) {
            return "chunkCount " + chunk.chunkCount() + " differs from " + chunkCount + " in earlier chunks";
        }
        if (!chunkResultKey.equals(resultKey)) {
            return "account|region|probe " + chunkResultKey + " differs from " + resultKey + " in earlier chunks";
        }
        if (!chunk.taskId().equals(taskId)) {
            return "taskId " + chunk.taskId() + " differs from " + taskId + " in earlier chunks";
        }
        return null;
    }

    ChunkSet withReceived(int chunkIndex) {
        BitSet received = BitSet.valueOf(receivedBits);
        received.set(chunkIndex);
        return new ChunkSet(resultId, resultKey, taskId, chunkCount, firstSeenAtMs, received.toLongArray());
    }

    int receivedCount() {
        return BitSet.valueOf(receivedBits).cardinality();
    }

    boolean complete() {
        return receivedCount() == chunkCount;
    }
}
