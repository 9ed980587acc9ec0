package dev.sonda.worker.probe.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CredentialReportPollingTest {

    @Test
    void defaultScheduleAccepted() {
        CredentialReportFetcher.Polling polling = new CredentialReportFetcher.Polling(Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(60));

        assertThat(polling.maxWait()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void zeroMaxWaitAccepted() {
        CredentialReportFetcher.Polling polling = new CredentialReportFetcher.Polling(Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ZERO);

        assertThat(polling.maxWait()).isZero();
    }

    @Test
    void zeroFirstIntervalRejected() {
        assertThatThrownBy(() -> new CredentialReportFetcher.Polling(Duration.ZERO, Duration.ofSeconds(10),
                Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sonda.worker.credential-report.first-poll-interval")
                .hasMessageContaining("PT0S");
    }

    @Test
    void maxIntervalBelowFirstRejected() {
        assertThatThrownBy(() -> new CredentialReportFetcher.Polling(Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sonda.worker.credential-report.max-poll-interval")
                .hasMessageContaining("PT2S");
    }

    @Test
    void negativeMaxWaitRejected() {
        assertThatThrownBy(() -> new CredentialReportFetcher.Polling(Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sonda.worker.credential-report.max-wait");
    }
}
