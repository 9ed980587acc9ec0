package dev.sonda.worker.probe.cloudtrail;

import java.util.List;

/**
 * A trail's event selectors (GetEventSelectors): basic ones, or advanced ones. A trail uses one
 * kind or the other, never both.
 */
public record EventSelectors(List<Basic> basic, List<Advanced> advanced) {

    public EventSelectors {
        basic = List.copyOf(basic);
        advanced = List.copyOf(advanced);
    }

    /**
     * A basic event selector, with AWS's defaults applied by {@link EventSelectorsReader}.
     *
     * @param readWriteType {@code All}, {@code ReadOnly} or {@code WriteOnly}; AWS's default is {@code All}
     * @param includeManagementEvents AWS's default is {@code true}
     */
    public record Basic(String readWriteType, boolean includeManagementEvents,
            List<String> excludeManagementEventSources, List<DataResource> dataResources) {

        public Basic {
            excludeManagementEventSources = List.copyOf(excludeManagementEventSources);
            dataResources = List.copyOf(dataResources);
        }
    }

    /** A data resource of a basic selector: a type such as {@code AWS::S3::Object} and ARN prefixes. */
    public record DataResource(String type, List<String> values) {

        public DataResource {
            values = List.copyOf(values);
        }
    }

    /** An advanced event selector: its field selectors all have to match. */
    public record Advanced(String name, List<Field> fields) {

        public Advanced {
            fields = List.copyOf(fields);
        }
    }

    /** One field selector of an advanced selector, with each of its operators. */
    public record Field(String field, List<String> equalsValues, List<String> startsWith, List<String> endsWith,
            List<String> notEquals, List<String> notStartsWith, List<String> notEndsWith) {

        public Field {
            equalsValues = List.copyOf(equalsValues);
            startsWith = List.copyOf(startsWith);
            endsWith = List.copyOf(endsWith);
            notEquals = List.copyOf(notEquals);
            notStartsWith = List.copyOf(notStartsWith);
            notEndsWith = List.copyOf(notEndsWith);
        }

        /** Creates a field that only lists values with {@code Equals}. */
        public static Field equalTo(String field, String... values) {
            return new Field(field, List.of(values), List.of(), List.of(), List.of(), List.of(), List.of());
        }

        /** Returns whether {@code Equals} is the only operator and lists exactly {@code value}. */
        boolean isExactly(String value) {
            return equalsValues.equals(List.of(value)) && startsWith.isEmpty() && endsWith.isEmpty()
                    && notEquals.isEmpty() && notStartsWith.isEmpty() && notEndsWith.isEmpty();
        }
    }
}
