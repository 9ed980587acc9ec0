package dev.sonda.worker.probe.cloudtrail;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a trail's event selectors record: management events for reads and writes
 * (CloudTrail.1, and the trail of every CloudWatch.1 to CloudWatch.14 alarm chain) and S3 object
 * data events over all buckets (S3.22 for writes, S3.23 for reads).
 *
 * <p>Only selectors that record everything of their kind count. A basic selector with
 * {@code ExcludeManagementEventSources}, or an advanced selector with a field other than
 * {@code eventCategory}, {@code readOnly} and (for data events) {@code resources.type} or an
 * all-bucket {@code resources.ARN} prefix, filters events and does not count.
 */
public final class SelectorAnalysis {

    private static final String MANAGEMENT = "Management";
    private static final String DATA = "Data";
    private static final String S3_OBJECT = "AWS::S3::Object";

    private SelectorAnalysis() {
    }

    /**
     * The management events that the selectors record.
     *
     * @param reads whether read-only management events are recorded with no source excluded
     * @param writes whether write management events are recorded with no source excluded
     * @param notes why selectors that record management events do not count, for evidence
     */
    public record Management(boolean reads, boolean writes, List<String> notes) {

        public Management {
            notes = List.copyOf(notes);
        }

        /**
         * Returns whether the selectors record every read and write management event and none of
         * them excludes or filters management events. A trail with a filtering selector does not
         * qualify even when another selector records everything, the reading of the Security Hub
         * rule that fails on any {@code ExcludeManagementEventSources}.
         */
        public boolean complete() {
            return reads && writes && notes.isEmpty();
        }
    }

    public static Management management(EventSelectors selectors) {
        boolean reads = false;
        boolean writes = false;
        List<String> notes = new ArrayList<>();
        for (EventSelectors.Basic selector : selectors.basic()) {
            if (!selector.includeManagementEvents()) {
                continue;
            }
            if (!selector.excludeManagementEventSources().isEmpty()) {
                notes.add("a basic selector excludes management events from "
                        + String.join(", ", selector.excludeManagementEventSources()));
                continue;
            }
            reads |= coversReads(selector.readWriteType());
            writes |= coversWrites(selector.readWriteType());
        }
        for (EventSelectors.Advanced selector : selectors.advanced()) {
            if (!hasCategory(selector, MANAGEMENT)) {
                continue;
            }
            String other = otherField(selector, List.of("eventCategory", "readOnly"));
            if (other != null) {
                notes.add("advanced selector " + label(selector) + " filters management events on " + other);
                continue;
            }
            Boolean readOnly = readOnly(selector);
            reads |= readOnly == null || readOnly;
            writes |= readOnly == null || !readOnly;
        }
        return new Management(reads, writes, notes);
    }

    /**
     * Returns whether the selectors record S3 object-level events of every bucket, writes or reads.
     *
     * @param partition the ARN partition of the trail ({@code aws}, {@code aws-cn}, {@code aws-us-gov})
     */
    public static boolean s3DataEvents(EventSelectors selectors, boolean writes, String partition) {
        for (EventSelectors.Basic selector : selectors.basic()) {
            boolean type = writes ? coversWrites(selector.readWriteType()) : coversReads(selector.readWriteType());
            if (type && selector.dataResources().stream().anyMatch(resource -> S3_OBJECT.equals(resource.type())
                    && resource.values().stream().anyMatch(value -> isAllBuckets(value, partition)))) {
                return true;
            }
        }
        for (EventSelectors.Advanced selector : selectors.advanced()) {
            if (!hasCategory(selector, DATA) || !hasField(selector, "resources.type", S3_OBJECT)) {
                continue;
            }
            if (otherField(selector, List.of("eventCategory", "resources.type", "readOnly", "resources.ARN")) != null
                    || !arnCoversAllBuckets(selector, partition)) {
                continue;
            }
            Boolean readOnly = readOnly(selector);
            if (readOnly == null || readOnly != writes) {
                return true;
            }
        }
        return false;
    }

    private static boolean coversReads(String readWriteType) {
        return "All".equals(readWriteType) || "ReadOnly".equals(readWriteType);
    }

    private static boolean coversWrites(String readWriteType) {
        return "All".equals(readWriteType) || "WriteOnly".equals(readWriteType);
    }

    /** {@code arn:aws:s3} and {@code arn:aws:s3:::} both select every bucket, present and future. */
    private static boolean isAllBuckets(String value, String partition) {
        return value.equals("arn:" + partition + ":s3") || value.equals("arn:" + partition + ":s3:::");
    }

    private static boolean hasCategory(EventSelectors.Advanced selector, String category) {
        return hasField(selector, "eventCategory", category);
    }

    private static boolean hasField(EventSelectors.Advanced selector, String field, String value) {
        return selector.fields().stream().anyMatch(candidate -> candidate.field().equals(field)
                && candidate.isExactly(value));
    }

    /**
     * Returns the value of a {@code readOnly} field: {@code null} when absent or when it lists both
     * values, which records reads and writes.
     */
    private static Boolean readOnly(EventSelectors.Advanced selector) {
        for (EventSelectors.Field field : selector.fields()) {
            if (field.field().equals("readOnly")) {
                if (field.isExactly("true")) {
                    return true;
                }
                if (field.isExactly("false")) {
                    return false;
                }
            }
        }
        return null;
    }

    /**
     * Returns the first field outside {@code allowed}, or a {@code readOnly} field that does more than
     * list {@code true}, {@code false} or both with {@code Equals}.
     */
    private static String otherField(EventSelectors.Advanced selector, List<String> allowed) {
        for (EventSelectors.Field field : selector.fields()) {
            if (!allowed.contains(field.field())) {
                return field.field();
            }
            if (field.field().equals("readOnly") && !isPlainReadOnly(field)) {
                return "readOnly";
            }
        }
        return null;
    }

    private static boolean isPlainReadOnly(EventSelectors.Field field) {
        return !field.equalsValues().isEmpty() && List.of("true", "false").containsAll(field.equalsValues())
                && field.startsWith().isEmpty() && field.endsWith().isEmpty() && field.notEquals().isEmpty()
                && field.notStartsWith().isEmpty() && field.notEndsWith().isEmpty();
    }

    /** Returns whether the selector's {@code resources.ARN} fields, if any, only start with an all-bucket prefix. */
    private static boolean arnCoversAllBuckets(EventSelectors.Advanced selector, String partition) {
        for (EventSelectors.Field field : selector.fields()) {
            if (field.field().equals("resources.ARN")) {
                boolean allBuckets = field.equalsValues().isEmpty() && field.endsWith().isEmpty()
                        && field.notEquals().isEmpty() && field.notStartsWith().isEmpty()
                        && field.notEndsWith().isEmpty() && !field.startsWith().isEmpty()
                        && field.startsWith().stream().anyMatch(prefix -> isAllBuckets(prefix, partition));
                if (!allBuckets) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String label(EventSelectors.Advanced selector) {
        return selector.name() == null || selector.name().isBlank() ? "(unnamed)" : selector.name();
    }
}
