package dev.sonda.aggregator.topology;

import dev.sonda.aggregator.state.ScanEvent;
import dev.sonda.aggregator.state.ScanProgress;
import dev.sonda.aggregator.state.TaskCompletion;
import dev.sonda.contracts.messages.ResultOutcome;
import dev.sonda.contracts.messages.ScanAnnouncement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the progress of every scan from its announcement and its task completions, both keyed and
 * partitioned by scan id. Each task id is stored once per scan, so a task reported twice counts once.
 * Once a scan has every expected task its counts are final and its task ids are dropped.
 */
final class ScanProgressProcessor implements Processor<String, ScanEvent, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ScanProgressProcessor.class);
    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    private final TopologySettings settings;
    private final AggregatorEvents events;
    private KeyValueStore<String, ScanProgress> scans;
    private KeyValueStore<String, String> tasks;

    ScanProgressProcessor(TopologySettings settings, AggregatorEvents events) {
        this.settings = settings;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.scans = context.getStateStore(AggregatorTopology.SCANS_STORE);
        this.tasks = context.getStateStore(AggregatorTopology.SCAN_TASKS_STORE);
        context.schedule(settings.retentionCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::expireScans);
    }

    @Override
    public void process(Record<String, ScanEvent> record) {
        ScanEvent event = record.value();
        String scanId = event.scanId();
        ScanProgress before = scans.get(scanId);
        ScanProgress progress = before == null ? ScanProgress.empty(scanId) : before;

        if (event.announcement() != null) {
            if (progress.announced()) {
                ignoreRepeat(progress, event.announcement());
                return;
            }
            progress = progress.withAnnouncement(event.announcement());
            LOG.info("Scan {} announced: {} tasks over {} accounts, deadline {} [trigger={}]", scanId,
                    event.announcement().expectedTasks(), event.announcement().accountCount(),
                    event.announcement().deadline(), event.announcement().trigger());
        } else {
            progress = withCompletion(progress, event.completion());
            if (progress == null) {
                return;
            }
        }
        scans.put(scanId, progress);
        if (progress.finished() && (before == null || !before.finished())) {
            int dropped = dropTaskIds(scanId);
            LOG.info("Scan {} finished with {} of {} tasks ({} errored) at {} [state={}, task ids dropped={}]",
                    scanId, progress.completedTasks(), progress.expectedTasks(), progress.erroredTasks(),
                    progress.finishedAt(), progress.state(progress.finishedAt()), dropped);
        }
        events.stateChanged();
    }

    /**
     * Keeps the first announcement of a scan. The announcement step already sends conflicting repeats
     * to the dead-letter topic, so a conflicting one arrives here only for a scan announced before that
     * step kept announcements, or after its record of the scan expired.
     */
    private static void ignoreRepeat(ScanProgress progress, ScanAnnouncement repeat) {
        if (progress.matches(repeat)) {
            LOG.debug("Scan {} announced again with the same values", progress.scanId());
        } else {
            LOG.warn("Ignored a second announcement of scan {} with other values; the first stays in effect"
                    + " [expectedTasks={}, first expectedTasks={}, deadline={}, first deadline={}]", progress.scanId(),
                    repeat.expectedTasks(), progress.expectedTasks(), repeat.deadline(), progress.deadline());
        }
    }

    /** Returns the progress with this completion counted, or {@code null} when it changes nothing. */
    private ScanProgress withCompletion(ScanProgress progress, TaskCompletion completion) {
        if (progress.finished()) {
            return null;
        }
        String key = StoreKeys.scanTaskKey(progress.scanId(), completion.taskId());
        String previous = tasks.get(key);
        if (previous == null) {
            tasks.put(key, completion.outcome().name());
            return progress.withNewTask(completion);
        }
        if (!previous.equals(completion.outcome().name())) {
            tasks.put(key, completion.outcome().name());
            return progress.withOutcomeChanged(ResultOutcome.valueOf(previous), completion.outcome());
        }
        return null;
    }

    private int dropTaskIds(String scanId) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> iterator =
                tasks.prefixScan(StoreKeys.scanTaskPrefix(scanId), KEY_SERIALIZER)) {
            iterator.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(tasks::delete);
        return keys.size();
    }

    /**
     * Removes scans requested longer ago than the scan retention, and scans dated further ahead than
     * the clock skew. The latter come from a version that did not check the times of incoming records,
     * or from a clock that was turned back. Left in place, they would stay the newest scan.
     */
    private void expireScans(long nowMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        Instant cutoff = now.minus(settings.scanRetention());
        Instant aheadLimit = now.plus(settings.clockSkew());
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ScanProgress> iterator = scans.all()) {
            iterator.forEachRemaining(entry -> {
                Instant reference = referenceTime(entry.value);
                if (reference != null && (reference.isBefore(cutoff) || reference.isAfter(aheadLimit))) {
                    expired.add(entry.key);
                }
            });
        }
        for (String scanId : expired) {
            dropTaskIds(scanId);
            scans.delete(scanId);
        }
        if (!expired.isEmpty()) {
            LOG.info("Expired {} scans requested before {} or after {}", expired.size(), cutoff, aheadLimit);
            events.stateChanged();
        }
    }

    /** Returns the request time, or for a scan never announced, its latest result time. */
    private static Instant referenceTime(ScanProgress progress) {
        return progress.requestedAt() != null ? progress.requestedAt() : progress.lastResultAt();
    }
}
