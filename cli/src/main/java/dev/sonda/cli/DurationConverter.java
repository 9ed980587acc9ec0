package dev.sonda.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration as ISO-8601 ({@code PT10M}) or as numbers with units ({@code 90s}, {@code 1h30m}). */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SIMPLE = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Override
    public Duration convert(String value) {
        String text = value.strip();
        if (text.toUpperCase().startsWith("P")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(value);
            }
        }
        Matcher matcher = SIMPLE.matcher(text.toLowerCase());
        if (text.isEmpty() || !matcher.matches()) {
            throw invalid(value);
        }
        Duration duration = Duration.ZERO;
        if (matcher.group(1) != null) {
            duration = duration.plusHours(Long.parseLong(matcher.group(1)));
        }
        if (matcher.group(2) != null) {
            duration = duration.plusMinutes(Long.parseLong(matcher.group(2)));
        }
        if (matcher.group(3) != null) {
            duration = duration.plusSeconds(Long.parseLong(matcher.group(3)));
        }
        return duration;
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("invalid duration '" + value
                + "': use numbers with units such as 90s, 10m, 2h or 1h30m, or ISO-8601 such as PT10M");
    }
}
