package dev.sonda.worker.probe.config;

import dev.sonda.worker.probe.Collected;
import java.util.List;

/**
 * The AWS Config state of one region.
 *
 * @param deliveryChannels the names of the region's delivery channels
 */
public record RegionConfig(String region, Collected<List<RecorderRecord>> recorders,
        Collected<List<RecorderStatus>> statuses, Collected<List<String>> deliveryChannels) {
}
