package dev.sonda.aggregator.state;

import dev.sonda.contracts.messages.ScanAnnouncement;

/**
 * Input of the scan-progress step, keyed by scan id: exactly one of the two fields is set.
 */
public record ScanEvent(ScanAnnouncement announcement, TaskCompletion completion) {

    public static ScanEvent of(ScanAnnouncement announcement) {
        return new ScanEvent(announcement, null);
    }

    public static ScanEvent of(TaskCompletion completion) {
        return new ScanEvent(null, completion);
    }

    public String scanId() {
        return announcement != null ? announcement.scanId() : completion.scanId();
    }
}
