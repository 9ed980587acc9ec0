package dev.sonda.worker.probe.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.DataResource;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;

class EventSelectorsReaderTest {

    @Test
    void omittedBasicFieldsGetAwsDefaults() {
        GetEventSelectorsResponse response = GetEventSelectorsResponse.builder()
                .eventSelectors(EventSelector.builder().build())
                .build();

        EventSelectors selectors = EventSelectorsReader.read(response);

        assertThat(selectors.basic()).singleElement().satisfies(selector -> {
            assertThat(selector.readWriteType()).isEqualTo("All");
            assertThat(selector.includeManagementEvents()).isTrue();
        });
        assertThat(SelectorAnalysis.management(selectors).complete()).isTrue();
    }

    @Test
    void explicitBasicFieldsAreKept() {
        GetEventSelectorsResponse response = GetEventSelectorsResponse.builder()
                .eventSelectors(EventSelector.builder().readWriteType("WriteOnly").includeManagementEvents(false)
                        .excludeManagementEventSources("kms.amazonaws.com")
                        .dataResources(DataResource.builder().type("AWS::S3::Object").values("arn:aws:s3").build())
                        .build())
                .build();

        EventSelectors.Basic selector = EventSelectorsReader.read(response).basic().getFirst();

        assertThat(selector.readWriteType()).isEqualTo("WriteOnly");
        assertThat(selector.includeManagementEvents()).isFalse();
        assertThat(selector.excludeManagementEventSources()).containsExactly("kms.amazonaws.com");
        assertThat(selector.dataResources()).containsExactly(new EventSelectors.DataResource("AWS::S3::Object",
                List.of("arn:aws:s3")));
    }

    @Test
    void advancedFieldsKeepEveryOperator() {
        GetEventSelectorsResponse response = GetEventSelectorsResponse.builder()
                .advancedEventSelectors(AdvancedEventSelector.builder().name("management").fieldSelectors(
                        AdvancedFieldSelector.builder().field("eventCategory").equalsValue("Management").build(),
                        AdvancedFieldSelector.builder().field("eventSource").notEquals("kms.amazonaws.com").build())
                        .build())
                .build();

        EventSelectors.Advanced selector = EventSelectorsReader.read(response).advanced().getFirst();

        assertThat(selector.name()).isEqualTo("management");
        assertThat(selector.fields()).extracting(EventSelectors.Field::field)
                .containsExactly("eventCategory", "eventSource");
        assertThat(selector.fields().get(1).notEquals()).containsExactly("kms.amazonaws.com");
    }
}
