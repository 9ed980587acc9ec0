package dev.sonda.scheduler;

import java.time.Instant;

/** A scan whose announcement Kafka has acknowledged; its tasks are being published. */
public record ScanStarted(String scanId, int expectedTasks, int accountCount, Instant deadline) {
}
