package dev.sonda.worker.probe.iam;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A parsed IAM credential report: one row per IAM user and, in real AWS, one for the root user.
 *
 * @param generatedTime when IAM built the report; it can be up to 4 hours before the scan
 */
public record CredentialReport(Instant generatedTime, List<Row> rows) {

    /** The {@code user} value of the root user's row. */
    public static final String ROOT_USER = "<root_account>";

    public CredentialReport {
        rows = List.copyOf(rows);
    }

    /** Returns the root user's row, absent from reports that leave it out. */
    public Optional<Row> root() {
        return rows.stream().filter(Row::isRoot).findFirst();
    }

    /** Returns the rows of IAM users, without the root user. */
    public List<Row> users() {
        return rows.stream().filter(row -> !row.isRoot()).toList();
    }

    /** A boolean column that is {@code not_supported} for some principals. */
    public enum Flag {
        TRUE,
        FALSE,
        NOT_SUPPORTED;

        static Flag parse(String column, String cell) {
            return switch (cell == null ? "" : cell.strip()) {
                case "true" -> TRUE;
                case "false" -> FALSE;
                case "not_supported" -> NOT_SUPPORTED;
                default -> throw new IllegalArgumentException("Invalid credential report value '" + cell
                        + "' in column " + column + ": expected true, false or not_supported");
            };
        }
    }

    /**
     * One access key's columns ({@code access_key_1_*} or {@code access_key_2_*}).
     *
     * @param number 1 or 2
     * @param lastRotated when the key was created or last rotated; N/A when there is no key
     * @param lastUsed when the key was last used; N/A when never used or there is no key
     */
    public record AccessKey(int number, boolean active, ReportValue lastRotated, ReportValue lastUsed) {

        /** Returns whether the key exists, active or not, because a missing key has no rotation date. */
        public boolean exists() {
            return active || lastRotated.isTime();
        }
    }

    /**
     * One row of the report.
     *
     * @param userCreationTime when the user (or, for root, the account) was created
     * @param passwordEnabled whether the user has a console password; not_supported for root
     * @param passwordLastUsed N/A when never used or no password, no_information before 2014-10-20
     * @param accessKeys the two access key slots, key 1 first
     */
    public record Row(
            String user,
            String arn,
            ReportValue userCreationTime,
            Flag passwordEnabled,
            ReportValue passwordLastUsed,
            ReportValue passwordLastChanged,
            boolean mfaActive,
            List<AccessKey> accessKeys) {

        public Row {
            accessKeys = List.copyOf(accessKeys);
        }

        public boolean isRoot() {
            return ROOT_USER.equals(user);
        }

        public boolean hasPassword() {
            return passwordEnabled == Flag.TRUE;
        }

        public List<AccessKey> activeKeys() {
            return accessKeys.stream().filter(AccessKey::active).toList();
        }
    }
}
