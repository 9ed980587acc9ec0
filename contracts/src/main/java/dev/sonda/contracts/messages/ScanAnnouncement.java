package dev.sonda.contracts.messages;

import java.time.Instant;
import java.util.List;

/**
 * Start of a scan and the number of tasks it will publish. Published on {@code sonda.scans},
 * keyed by scan id, before any of the scan's tasks.
 *
 * @param trigger what started the scan: {@code CRON}, {@code API} or {@code CLI}
 */
public record ScanAnnouncement(
        int schemaVersion,
        String scanId,
        String trigger,
        Instant requestedAt,
        Instant deadline,
        int expectedTasks,
        int accountCount,
        List<String> probes) {
}
