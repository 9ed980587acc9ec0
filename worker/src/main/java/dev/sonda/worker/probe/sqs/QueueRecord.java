package dev.sonda.worker.probe.sqs;

import dev.sonda.worker.probe.Collected;
import java.util.Map;

/**
 * One queue as the collector saw it.
 *
 * @param attributes GetQueueAttributes(All), or {@code null} when no enabled control needs them
 * @param tags ListQueueTags, or {@code null} when no enabled control needs them
 */
public record QueueRecord(String url, String name, String arn, Collected<Map<String, String>> attributes,
        Collected<Map<String, String>> tags) {
}
