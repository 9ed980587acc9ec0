package dev.sonda.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

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
                .hasMessageContaining("under a day");
    }
}
