package dev.sonda.worker.probe.config;

/**
 * The status of one configuration recorder (DescribeConfigurationRecorderStatus).
 *
 * @param lastStatus {@code PENDING}, {@code SUCCESS} or {@code FAILURE}, or {@code null}
 * @param lastErrorCode the error of the last failed attempt, or {@code null}
 */
public record RecorderStatus(String name, boolean recording, String lastStatus, String lastErrorCode) {

    public boolean failed() {
        return "FAILURE".equals(lastStatus);
    }
}
