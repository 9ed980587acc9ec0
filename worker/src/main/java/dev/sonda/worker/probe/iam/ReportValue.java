package dev.sonda.worker.probe.iam;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One timestamp cell of the IAM credential report. The report writes special words where a
 * timestamp has no value, and these must never reach a date parser.
 *
 * @param kind the kind of value in the cell
 * @param time the timestamp when {@code kind} is {@link Kind#TIME}, otherwise {@code null}
 */
public record ReportValue(Kind kind, Instant time) {

    /** The kind of value in a timestamp cell of the credential report. */
    public enum Kind {
        /** An ISO-8601 timestamp. */
        TIME,
        /** {@code N/A}: no such credential, or never used (or last used before April 2015, for keys). */
        NONE,
        /** {@code no_information}: a password not used since IAM began tracking use on 2014-10-20. */
        NO_INFORMATION,
        /** {@code not_supported}: the column does not apply to this principal, such as the root user's password dates. */
        NOT_SUPPORTED
    }

    static final ReportValue NONE = new ReportValue(Kind.NONE, null);
    static final ReportValue NO_INFORMATION = new ReportValue(Kind.NO_INFORMATION, null);
    static final ReportValue NOT_SUPPORTED = new ReportValue(Kind.NOT_SUPPORTED, null);

    public ReportValue {
        if ((kind == Kind.TIME) != (time != null)) {
            throw new IllegalArgumentException("A report value has a time exactly when its kind is TIME");
        }
    }

    public static ReportValue of(Instant time) {
        return new ReportValue(Kind.TIME, time);
    }

    /**
     * Parses a cell.
     *
     * @throws IllegalArgumentException when the cell is neither a special word nor an ISO-8601
     *     timestamp with an offset
     */
    public static ReportValue parse(String cell) {
        String text = cell == null ? "" : cell.strip();
        switch (text) {
            case "N/A", "" -> {
                return NONE;
            }
            case "no_information" -> {
                return NO_INFORMATION;
            }
            case "not_supported" -> {
                return NOT_SUPPORTED;
            }
            default -> {
                try {
                    return of(OffsetDateTime.parse(text).toInstant());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("Invalid credential report timestamp '" + text
                            + "': expected ISO-8601 with an offset, N/A, no_information or not_supported", e);
                }
            }
        }
    }

    public boolean isTime() {
        return kind == Kind.TIME;
    }

    /** Returns the value as the report wrote it, for evidence. */
    public String text() {
        return switch (kind) {
            case TIME -> time.toString();
            case NONE -> "N/A";
            case NO_INFORMATION -> "no_information";
            case NOT_SUPPORTED -> "not_supported";
        };
    }

    @Override
    public String toString() {
        return text();
    }
}
