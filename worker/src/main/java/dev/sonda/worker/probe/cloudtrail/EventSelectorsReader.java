package dev.sonda.worker.probe.cloudtrail;

import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;

/**
 * Turns a GetEventSelectors response into {@link EventSelectors}, for the cloudtrail and cloudwatch probes alike, so
 * that both judge a trail's selectors from the same values.
 *
 * <p>A basic selector may omit {@code IncludeManagementEvents} and {@code ReadWriteType}. AWS documents their defaults
 * as {@code true} and {@code All} (CloudTrail API reference, EventSelector), and they are applied here. moto 5.2.1
 * returns the selectors exactly as they were put, so it omits both whenever the caller did.
 */
public final class EventSelectorsReader {

    /** AWS's {@code ReadWriteType} of a basic selector that does not set one. */
    static final String DEFAULT_READ_WRITE_TYPE = "All";

    private EventSelectorsReader() {
    }

    public static EventSelectors read(GetEventSelectorsResponse response) {
        return new EventSelectors(
                response.eventSelectors().stream().map(EventSelectorsReader::basic).toList(),
                response.advancedEventSelectors().stream()
                        .map(selector -> new EventSelectors.Advanced(selector.name(), selector.fieldSelectors().stream()
                                .map(EventSelectorsReader::field)
                                .toList()))
                        .toList());
    }

    private static EventSelectors.Basic basic(EventSelector selector) {
        String readWriteType = selector.readWriteTypeAsString();
        return new EventSelectors.Basic(
                readWriteType == null || readWriteType.isBlank() ? DEFAULT_READ_WRITE_TYPE : readWriteType,
                selector.includeManagementEvents() == null || selector.includeManagementEvents(),
                selector.excludeManagementEventSources(),
                selector.dataResources().stream()
                        .map(resource -> new EventSelectors.DataResource(resource.type(), resource.values()))
                        .toList());
    }

    private static EventSelectors.Field field(AdvancedFieldSelector field) {
        return new EventSelectors.Field(field.field(), field.equalsValue(), field.startsWith(), field.endsWith(),
                field.notEquals(), field.notStartsWith(), field.notEndsWith());
    }
}
