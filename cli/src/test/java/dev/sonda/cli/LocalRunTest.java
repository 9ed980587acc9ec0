package dev.sonda.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunTest {

    @Test
    void cronForMinutes() {
        assertThat(LocalRun.cronFor(Duration.ofMinutes(15))).isEqualTo("0 */15 * * * ?");
    }

    @Test
    void cronForHours() {
        assertThat(LocalRun.cronFor(Duration.ofHours(6))).isEqualTo("0 0 */6 * * ?");
    }

    @Test
    void cronRejectsSeconds() {
        assertThatThrownBy(() -> LocalRun.cronFor(Duration.ofSeconds(90)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole minutes");
    }

    @Test
    void cronRejectsDays() {
        assertThatThrownBy(() -> LocalRun.cronFor(Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("or a day");
    }

    @Test
    void cronForWholeDay() {
        assertThat(LocalRun.cronFor(Duration.ofHours(24))).isEqualTo("0 0 0 * * ?");
    }

    @Test
    void cronRejectsUnevenMinutes() {
        assertThatThrownBy(() -> LocalRun.cronFor(Duration.ofMinutes(45)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("evenly spaced, was 45 minutes");
    }

    @Test
    void cronRejectsUnevenHours() {
        assertThatThrownBy(() -> LocalRun.cronFor(Duration.ofHours(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 300 minutes");
    }

    @Test
    void timeoutBelowMinimumRejected() {
        assertThatThrownBy(() -> LocalRun.checkTimeout(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 30 seconds");
        assertThatThrownBy(() -> LocalRun.checkTimeout(Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownProbeRejected() {
        assertThatThrownBy(() -> LocalRun.checkProbes(List.of("sqs", "nosuch")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown probe 'nosuch'");
    }

    @Test
    void emptyProbeNameRejected() {
        assertThatThrownBy(() -> LocalRun.checkProbes(List.of("sqs", "", "iam")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty name");
    }

    @Test
    void reportDirectoryRejected(@TempDir Path directory) {
        assertThatThrownBy(() -> LocalRun.checkReportPath(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void reportInMissingDirectoryRejected(@TempDir Path directory) {
        assertThatThrownBy(() -> LocalRun.checkReportPath(directory.resolve("missing/report.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
    }
}
