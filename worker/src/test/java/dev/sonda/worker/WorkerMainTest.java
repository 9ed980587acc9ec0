package dev.sonda.worker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StartupChecksTest {

    @Test
    void java17IsRejected() {
        assertThatThrownBy(() -> StartupChecks.requireJava(17))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs Java 21 or newer")
                .hasMessageContaining("runs on Java 17");
    }

    @Test
    void java21IsAccepted() {
        assertThatCode(() -> StartupChecks.requireJava(21)).doesNotThrowAnyException();
        assertThatCode(() -> StartupChecks.requireJava(25)).doesNotThrowAnyException();
    }
}
