package dev.sonda.worker.probe.config;

import dev.sonda.worker.probe.Collected;
import java.util.List;

/**
 * What AWS Config reported in one region.
 *
 * @param deliveryChannels the names of the region's delivery channels
 */
public record RegionConfig(String region, Collected<List<RecorderRecord>> recorders,
        Collected<List<RecorderStatus>> statuses, Collected<List<String>> deliveryChannels) {
}
