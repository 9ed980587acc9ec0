package dev.sonda.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void isoDurationAccepted() {
        assertThat(converter.convert("PT10M")).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void unitsAccepted() {
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void garbageRejectedWithExample() {
        assertThatThrownBy(() -> converter.convert("ten minutes"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("such as 90s, 10m");
        assertThatThrownBy(() -> converter.convert(""))
                .isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("PTxyz"))
                .isInstanceOf(TypeConversionException.class);
    }
}
