package dev.sonda.worker.probe.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds credential report CSV for tests, one row per user, with the columns in AWS's order. */
final class ReportCsv {

    static final List<String> COLUMNS = List.of("user", "arn", "user_creation_time", "password_enabled",
            "password_last_used", "password_last_changed", "password_next_rotation", "mfa_active",
            "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
            "access_key_1_last_used_region", "access_key_1_last_used_service", "access_key_2_active",
            "access_key_2_last_rotated", "access_key_2_last_used_date", "access_key_2_last_used_region",
            "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated", "cert_2_active",
            "cert_2_last_rotated");

    private final List<Map<String, String>> rows = new ArrayList<>();

    /** Adds a user created at {@code created}, without password, MFA or keys; {@code changes} set columns. */
    ReportCsv user(String name, String created, String... changes) {
        Map<String, String> row = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            row.put(column, "N/A");
        }
        row.put("user", name);
        row.put("arn", "arn:aws:iam::123456789012:user/" + name);
        row.put("user_creation_time", created);
        row.put("password_enabled", "false");
        row.put("mfa_active", "false");
        row.put("access_key_1_active", "false");
        row.put("access_key_2_active", "false");
        row.put("cert_1_active", "false");
        row.put("cert_2_active", "false");
        for (int i = 0; i < changes.length; i += 2) {
            if (!row.containsKey(changes[i])) {
                throw new IllegalArgumentException("Unknown column " + changes[i]);
            }
            row.put(changes[i], changes[i + 1]);
        }
        rows.add(row);
        return this;
    }

    /** Adds the root row the way AWS writes it: password columns not_supported. */
    ReportCsv root(String created, String... changes) {
        user(CredentialReport.ROOT_USER, created, changes);
        Map<String, String> row = rows.get(rows.size() - 1);
        row.put("arn", "arn:aws:iam::123456789012:root");
        row.put("password_enabled", "not_supported");
        row.put("password_last_changed", "not_supported");
        row.put("password_next_rotation", "not_supported");
        for (int i = 0; i < changes.length; i += 2) {
            row.put(changes[i], changes[i + 1]);
        }
        return this;
    }

    String csv() {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Map<String, String> row : rows) {
            csv.append(String.join(",", row.values())).append('\n');
        }
        return csv.toString();
    }
}
