package dev.sonda.scheduler.publishing;

/** Kafka did not acknowledge a scan's announcement, so the scan did not start. */
public class ScanPublishException extends RuntimeException {

    public ScanPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
