package dev.sonda.worker.probe.iam;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the CSV of an IAM credential report by column name, so that a column AWS adds later
 * does not shift the others.
 */
public final class CredentialReportParser {

    /** Columns the checks read; a report without one of them is rejected. */
    static final List<String> REQUIRED_COLUMNS = List.of(
            "user", "arn", "user_creation_time", "password_enabled", "password_last_used",
            "password_last_changed", "mfa_active",
            "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
            "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date");

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();
    private static final CsvSchema HEADER = CsvSchema.emptySchema().withHeader();

    private CredentialReportParser() {
    }

    /**
     * Parses a report.
     *
     * @throws IllegalArgumentException when the CSV is malformed, lacks a column the checks read,
     *     or contains a value outside the report's format. The message names the row and column.
     */
    public static CredentialReport parse(String csv, Instant generatedTime) {
        List<Map<String, String>> records = new ArrayList<>();
        List<String> columns;
        try (MappingIterator<Map<String, String>> iterator = CSV.readerForMapOf(String.class).with(HEADER)
                .readValues(csv)) {
            while (iterator.hasNextValue()) {
                records.add(iterator.nextValue());
            }
            CsvSchema parsed = (CsvSchema) iterator.getParserSchema();
            columns = parsed == null ? List.of() : parsed.getColumnNames();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The credential report is not valid CSV: " + e.getMessage(), e);
        }
        if (!columns.isEmpty()) {
            List<String> missing = REQUIRED_COLUMNS.stream().filter(column -> !columns.contains(column)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("The credential report lacks the columns " + missing);
            }
        }
        List<CredentialReport.Row> rows = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            rows.add(row(records.get(i), i + 2));
        }
        return new CredentialReport(generatedTime, rows);
    }

    private static CredentialReport.Row row(Map<String, String> cells, int line) {
        String user = cells.getOrDefault("user", "");
        try {
            List<CredentialReport.AccessKey> keys = List.of(accessKey(cells, 1), accessKey(cells, 2));
            return new CredentialReport.Row(
                    user,
                    cells.getOrDefault("arn", ""),
                    ReportValue.parse(cells.get("user_creation_time")),
                    CredentialReport.Flag.parse("password_enabled", cells.get("password_enabled")),
                    ReportValue.parse(cells.get("password_last_used")),
                    ReportValue.parse(cells.get("password_last_changed")),
                    CredentialReport.Flag.parse("mfa_active", cells.get("mfa_active")) == CredentialReport.Flag.TRUE,
                    keys);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Credential report line " + line + " (user " + user + "): "
                    + e.getMessage(), e);
        }
    }

    private static CredentialReport.AccessKey accessKey(Map<String, String> cells, int number) {
        String prefix = "access_key_" + number + "_";
        return new CredentialReport.AccessKey(
                number,
                CredentialReport.Flag.parse(prefix + "active", cells.get(prefix + "active")) == CredentialReport.Flag.TRUE,
                ReportValue.parse(cells.get(prefix + "last_rotated")),
                ReportValue.parse(cells.get(prefix + "last_used_date")));
    }
}
