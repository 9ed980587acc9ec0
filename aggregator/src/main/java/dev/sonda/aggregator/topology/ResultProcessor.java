package dev.sonda.aggregator.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sonda.aggregator.scoring.Scoring;
import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.aggregator.state.ResultHeader;
import dev.sonda.aggregator.state.ScanEvent;
import dev.sonda.aggregator.state.TaskCompletion;
import dev.sonda.aggregator.topology.AggregatorEvents.IgnoreReason;
import dev.sonda.contracts.InvalidMessageException;
import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.MessageType;
import dev.sonda.contracts.ResultChunker;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ProbeResultChunk;
import dev.sonda.contracts.messages.ResultSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes result chunks, joins them into results, keeps the newest result of every (account,
 * region, probe), rescores the account it belongs to, and reports each complete result as a task
 * completion for scan progress.
 *
 * <p>Every step is idempotent, which is why the aggregator runs with at-least-once processing: a
 * chunk stored twice overwrites itself, a result applied twice is not newer than itself and is
 * ignored, a score is recomputed from the stored headers rather than adjusted, and scan progress
 * counts each task id once.
 */
final class ResultProcessor implements Processor<byte[], byte[], byte[], Emitted> {

    private static final Logger LOG = LoggerFactory.getLogger(ResultProcessor.class);
    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();
    private static final LogThrottle FOREIGN_FINDING_WARNINGS = new LogThrottle(10_000);

    private final TopologySettings settings;
    private final MessageCodec codec;
    private final ObjectMapper mapper;
    private final Scoring scoring;
    private final RecordChecks checks;
    private final AggregatorEvents events;

    private ProcessorContext<byte[], Emitted> context;
    private KeyValueStore<String, byte[]> chunks;
    private KeyValueStore<String, ChunkSet> chunkSets;
    private KeyValueStore<String, ResultHeader> headers;
    private KeyValueStore<String, Finding> findings;
    private KeyValueStore<String, AccountScore> scores;

    ResultProcessor(TopologySettings settings, MessageCodec codec, Scoring scoring, RecordChecks checks,
            AggregatorEvents events) {
        this.settings = settings;
        this.codec = codec;
        this.mapper = codec.mapper();
        this.scoring = scoring;
        this.checks = checks;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<byte[], Emitted> context) {
        this.context = context;
        this.chunks = context.getStateStore(AggregatorTopology.CHUNKS_STORE);
        this.chunkSets = context.getStateStore(AggregatorTopology.CHUNK_SETS_STORE);
        this.headers = context.getStateStore(AggregatorTopology.HEADERS_STORE);
        this.findings = context.getStateStore(AggregatorTopology.FINDINGS_STORE);
        this.scores = context.getStateStore(AggregatorTopology.SCORES_STORE);
        context.schedule(settings.chunkEvictionInterval(), PunctuationType.WALL_CLOCK_TIME, this::evictChunkSets);
        context.schedule(settings.retentionCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::expireResults);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ProbeResultChunk chunk;
        try {
            chunk = codec.decode(record.value(), MessageType.PROBE_RESULT_CHUNK);
        } catch (InvalidMessageException e) {
            deadLetter(record, e.getMessage(), e);
            return;
        }
        if (chunk.chunkIndex() >= chunk.chunkCount()) {
            deadLetter(record, "chunkIndex " + chunk.chunkIndex() + " of result " + chunk.resultId()
                    + " is outside its chunkCount " + chunk.chunkCount(), null);
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        String rejection = checks.rejectChunk(record.key(), chunk, now);
        if (rejection != null) {
            deadLetter(record, rejection, null);
            return;
        }

        String resultKey = ProbeResult.resultKey(chunk.account().id(), chunk.region(), chunk.probe());
        ResultHeader current = headers.get(resultKey);
        if (keeps(current, chunk.scanRequestedAt(), chunk.completedAt(), now)) {
            // The stored result is as new or newer, so none of this result's chunks matter. Report
            // the task once, on chunk 0, and drop what was collected of it.
            discardChunkSet(chunk.resultId());
            if (chunk.chunkIndex() == 0) {
                IgnoreReason reason = current.resultId().equals(chunk.resultId())
                        ? IgnoreReason.DUPLICATE : IgnoreReason.OLDER;
                ignore(reason, new TaskCompletion(chunk.scanId(), chunk.taskId(), chunk.resultId(), chunk.outcome(),
                        chunk.completedAt()), record);
            }
            return;
        }

        if (chunk.chunkCount() == 1) {
            assembleAndApply(List.of(chunk), record);
        } else {
            collect(chunk, resultKey, record);
        }
    }

    private void collect(ProbeResultChunk chunk, String resultKey, Record<byte[], byte[]> record) {
        ChunkSet set = chunkSets.get(chunk.resultId());
        if (set == null) {
            set = ChunkSet.start(chunk, resultKey, context.currentSystemTimeMs());
        } else {
            String mismatch = set.mismatch(chunk, resultKey);
            if (mismatch != null) {
                deadLetter(record, "Chunk " + chunk.chunkIndex() + " of result " + chunk.resultId()
                        + " does not match the chunks stored before it: " + mismatch, null);
                return;
            }
        }
        // The validated original bytes are stored, not a re-encoding, so each entry is no larger
        // than the record that brought it.
        chunks.put(StoreKeys.chunkKey(chunk.resultId(), chunk.chunkIndex()), record.value());
        set = set.withReceived(chunk.chunkIndex());
        if (!set.complete()) {
            chunkSets.put(chunk.resultId(), set);
            return;
        }

        List<ProbeResultChunk> parts = new ArrayList<>(set.chunkCount());
        for (int index = 0; index < set.chunkCount(); index++) {
            parts.add(readChunk(chunks.get(StoreKeys.chunkKey(chunk.resultId(), index))));
        }
        discardChunkSet(set);
        LOG.debug("Assembled result {} from {} chunks [taskId={}, key={}]", chunk.resultId(), parts.size(),
                chunk.taskId(), resultKey);
        assembleAndApply(parts, record);
    }

    private void assembleAndApply(List<ProbeResultChunk> parts, Record<byte[], byte[]> record) {
        ProbeResult result;
        try {
            result = ResultChunker.assemble(parts);
        } catch (IllegalArgumentException e) {
            deadLetter(record, "Chunks of result " + parts.get(0).resultId() + " cannot be assembled: "
                    + e.getMessage(), e);
            return;
        }
        apply(result, record);
    }

    /**
     * Returns whether the stored result stays: it exists and a result with these times does not
     * replace it. A stored result dated further ahead than the clock skew never stays, so that state
     * written before incoming times were checked cannot block every later result.
     */
    private boolean keeps(ResultHeader current, Instant scanRequestedAt, Instant completedAt, Instant now) {
        if (current == null) {
            return false;
        }
        if (checks.isAhead(current.scanRequestedAt(), now) || checks.isAhead(current.completedAt(), now)) {
            LOG.warn("Stored result {} is dated more than {} ahead of the clock, so any result of its key replaces it"
                    + " [scanRequestedAt={}, completedAt={}, key={}]", current.resultId(), settings.clockSkew(),
                    current.scanRequestedAt(), current.completedAt(), current.resultKey());
            return false;
        }
        return !current.isReplacedBy(scanRequestedAt, completedAt);
    }

    private void apply(ProbeResult assembled, Record<byte[], byte[]> record) {
        String resultKey = assembled.resultKey();
        ResultHeader current = headers.get(resultKey);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (keeps(current, assembled.scanRequestedAt(), assembled.completedAt(), now)) {
            IgnoreReason reason = current.resultId().equals(assembled.resultId())
                    ? IgnoreReason.DUPLICATE : IgnoreReason.OLDER;
            ignore(reason, completion(assembled), record);
            return;
        }
        if (assembled.completedAt().isBefore(now.minus(settings.retention()))) {
            ignore(IgnoreReason.EXPIRED, completion(assembled), record);
            return;
        }
        ProbeResult result = withoutForeignFindings(assembled);
        int droppedFindings = assembled.findings().size() - result.findings().size();

        // Replace as a whole: a resource missing from the newer result must stop counting.
        if (current != null) {
            deleteFindings(current);
        }
        List<KeyValue<String, Finding>> entries = new ArrayList<>(result.findings().size());
        for (int index = 0; index < result.findings().size(); index++) {
            entries.add(KeyValue.pair(StoreKeys.findingKey(resultKey, index),
                    ResultHeaders.storable(result.findings().get(index), codec)));
        }
        findings.putAll(entries);
        ResultHeader header = ResultHeaders.of(result, settings.executionLogLimit(), droppedFindings);
        headers.put(resultKey, header);
        rescore(result.account().id());

        LOG.debug("Applied result {} [scanId={}, taskId={}, account={}, region={}, probe={}, findings={}]",
                result.resultId(), result.scanId(), result.taskId(), result.account().id(), result.region(),
                result.probe(), result.findings().size());
        events.resultApplied(header);
        events.stateChanged();
        emitCompletion(completion(result), record);
    }

    /**
     * Returns the result without the findings whose control is not one of its probe's controls in the
     * catalog, with its summary counted again over the findings kept. Returns the result itself when
     * there are no such findings. They come from a worker with another catalog or from a forged
     * record, and would otherwise change the account's score.
     */
    private ProbeResult withoutForeignFindings(ProbeResult result) {
        List<Finding> keptFindings = new ArrayList<>(result.findings().size());
        Set<String> foreignControls = new TreeSet<>();
        for (Finding finding : result.findings()) {
            if (checks.isControlOf(result.probe(), finding.controlId())) {
                keptFindings.add(finding);
            } else {
                foreignControls.add(finding.controlId());
            }
        }
        int dropped = result.findings().size() - keptFindings.size();
        if (dropped == 0) {
            return result;
        }
        events.findingsDropped(result.probe(), dropped);
        long heldBack = FOREIGN_FINDING_WARNINGS.acquire(context.currentSystemTimeMs());
        if (heldBack >= 0) {
            LOG.warn("Dropped {} findings of controls that are not {} controls in the catalog [controlIds={},"
                    + " resultId={}, scanId={}, taskId={}, account={}, region={}, probe={}]{}", dropped, result.probe(),
                    abbreviate(foreignControls), result.resultId(), result.scanId(), result.taskId(),
                    result.account().id(), result.region(), result.probe(), LogThrottle.heldBackNote(heldBack));
        }
        return new ProbeResult(result.resultId(), result.taskId(), result.scanId(), result.scanRequestedAt(),
                result.account(), result.region(), result.probe(), result.startedAt(), result.completedAt(),
                result.outcome(), result.error(), ResultSummary.of(keptFindings), result.executionLog(),
                result.executionLogDropped(), keptFindings);
    }

    /** Lists at most five control ids, and how many more there are. */
    private static String abbreviate(Set<String> controlIds) {
        List<String> listed = controlIds.stream().limit(5).toList();
        int more = controlIds.size() - listed.size();
        return listed + (more > 0 ? " and " + more + " more" : "");
    }

    private static TaskCompletion completion(ProbeResult result) {
        return new TaskCompletion(result.scanId(), result.taskId(), result.resultId(), result.outcome(),
                result.completedAt());
    }

    private void ignore(IgnoreReason reason, TaskCompletion completion, Record<byte[], byte[]> record) {
        LOG.debug("Ignored result {} as {} [scanId={}, taskId={}]", completion.resultId(), reason,
                completion.scanId(), completion.taskId());
        events.resultIgnored(reason);
        emitCompletion(completion, record);
    }

    private void emitCompletion(TaskCompletion completion, Record<byte[], byte[]> record) {
        // Fresh headers: the input's headers belong to the worker's record, not to this event.
        context.forward(new Record<>(record.key(), Emitted.scanEvent(ScanEvent.of(completion)), record.timestamp(),
                new RecordHeaders()));
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason, Throwable exception) {
        events.deadLettered(context.recordMetadata().map(meta -> meta.topic()).orElse("unknown"));
        context.forward(DeadLetters.of(context, record, reason, exception));
    }

    private void rescore(String accountId) {
        List<ResultHeader> accountHeaders = new ArrayList<>();
        try (KeyValueIterator<String, ResultHeader> iterator =
                headers.prefixScan(StoreKeys.accountPrefix(accountId), KEY_SERIALIZER)) {
            iterator.forEachRemaining(entry -> accountHeaders.add(entry.value));
        }
        if (accountHeaders.isEmpty()) {
            scores.delete(accountId);
        } else {
            scores.put(accountId, scoring.score(accountId, accountHeaders));
        }
    }

    private void deleteFindings(ResultHeader header) {
        // The header records how many findings it stored, so no range scan is needed to find them.
        String resultKey = header.resultKey();
        for (int index = 0; index < header.findingCount(); index++) {
            findings.delete(StoreKeys.findingKey(resultKey, index));
        }
    }

    private void discardChunkSet(String resultId) {
        ChunkSet set = chunkSets.get(resultId);
        if (set != null) {
            discardChunkSet(set);
        }
    }

    private void discardChunkSet(ChunkSet set) {
        for (int index = 0; index < set.chunkCount(); index++) {
            chunks.delete(StoreKeys.chunkKey(set.resultId(), index));
        }
        chunkSets.delete(set.resultId());
    }

    private ProbeResultChunk readChunk(byte[] value) {
        try {
            // Validated against the schema when it arrived; mapping alone is enough now.
            return mapper.readValue(value, ProbeResultChunk.class);
        } catch (IOException e) {
            throw new UncheckedIOException("A stored result chunk cannot be read back", e);
        }
    }

    private void evictChunkSets(long nowMs) {
        long cutoff = nowMs - settings.chunkMaxAge().toMillis();
        List<ChunkSet> stale = new ArrayList<>();
        try (KeyValueIterator<String, ChunkSet> iterator = chunkSets.all()) {
            iterator.forEachRemaining(entry -> {
                if (entry.value.firstSeenAtMs() < cutoff) {
                    stale.add(entry.value);
                }
            });
        }
        for (ChunkSet set : stale) {
            LOG.warn("Dropped incomplete result {} after {}: {} of {} chunks arrived [taskId={}, key={}]",
                    set.resultId(), settings.chunkMaxAge(), set.receivedCount(), set.chunkCount(), set.taskId(),
                    set.resultKey());
            discardChunkSet(set);
        }
        if (!stale.isEmpty()) {
            events.chunkSetsEvicted(stale.size());
        }
    }

    /**
     * Removes results that completed longer ago than the retention, and results dated further ahead
     * than the clock skew. The latter come from a version that did not check the times of incoming
     * records, or from a clock that was turned back. Left in place, they would never expire.
     */
    private void expireResults(long nowMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        Instant cutoff = now.minus(settings.retention());
        List<ResultHeader> expired = new ArrayList<>();
        int ahead = 0;
        try (KeyValueIterator<String, ResultHeader> iterator = headers.all()) {
            while (iterator.hasNext()) {
                ResultHeader header = iterator.next().value;
                if (checks.isAhead(header.scanRequestedAt(), now) || checks.isAhead(header.completedAt(), now)) {
                    expired.add(header);
                    ahead++;
                } else if (header.completedAt().isBefore(cutoff)) {
                    expired.add(header);
                }
            }
        }
        if (expired.isEmpty()) {
            return;
        }
        Set<String> accounts = new TreeSet<>();
        for (ResultHeader header : expired) {
            deleteFindings(header);
            headers.delete(header.resultKey());
            accounts.add(header.account().id());
        }
        accounts.forEach(this::rescore);
        LOG.info("Expired {} results from {} accounts: {} completed before {}, {} dated more than {} ahead of the"
                + " clock", expired.size(), accounts.size(), expired.size() - ahead, cutoff, ahead, settings.clockSkew());
        events.resultsExpired(expired.size());
        events.stateChanged();
    }
}
