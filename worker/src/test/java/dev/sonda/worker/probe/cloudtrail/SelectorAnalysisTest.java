package dev.sonda.worker.probe.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.worker.probe.cloudtrail.EventSelectors.Advanced;
import dev.sonda.worker.probe.cloudtrail.EventSelectors.Basic;
import dev.sonda.worker.probe.cloudtrail.EventSelectors.DataResource;
import dev.sonda.worker.probe.cloudtrail.EventSelectors.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorAnalysisTest {

    private static EventSelectors basic(Basic... selectors) {
        return new EventSelectors(List.of(selectors), List.of());
    }

    private static EventSelectors advanced(Advanced... selectors) {
        return new EventSelectors(List.of(), List.of(selectors));
    }

    private static Basic management(String readWriteType, String... excluded) {
        return new Basic(readWriteType, true, List.of(excluded), List.of());
    }

    private static Basic s3Data(String readWriteType, String... values) {
        return new Basic(readWriteType, false, List.of(), List.of(new DataResource("AWS::S3::Object",
                List.of(values))));
    }

    private static Advanced selector(String name, Field... fields) {
        return new Advanced(name, List.of(fields));
    }

    private static Field category(String value) {
        return Field.equalTo("eventCategory", value);
    }

    private static Field s3Objects() {
        return Field.equalTo("resources.type", "AWS::S3::Object");
    }

    private static Field readOnly(String... values) {
        return Field.equalTo("readOnly", values);
    }

    private static Field startsWith(String field, String prefix) {
        return new Field(field, List.of(), List.of(prefix), List.of(), List.of(), List.of(), List.of());
    }

    private static Field notEquals(String field, String value) {
        return new Field(field, List.of(), List.of(), List.of(), List.of(value), List.of(), List.of());
    }

    @Test
    void defaultBasicSelectorRecordsAllManagementEvents() {
        SelectorAnalysis.Management management = SelectorAnalysis.management(basic(management("All")));

        assertThat(management.complete()).isTrue();
        assertThat(management.notes()).isEmpty();
    }

    @Test
    void readAndWriteSelectorsCombine() {
        assertThat(SelectorAnalysis.management(basic(management("ReadOnly"), management("WriteOnly"))).complete())
                .isTrue();
    }

    @Test
    void writeOnlySelectorMissesReads() {
        SelectorAnalysis.Management management = SelectorAnalysis.management(basic(management("WriteOnly")));

        assertThat(management.writes()).isTrue();
        assertThat(management.reads()).isFalse();
    }

    @Test
    void excludedEventSourcesDoNotCount() {
        SelectorAnalysis.Management management = SelectorAnalysis.management(
                basic(management("All", "kms.amazonaws.com")));

        assertThat(management.reads()).isFalse();
        assertThat(management.writes()).isFalse();
        assertThat(management.notes()).containsExactly("a basic selector excludes management events from "
                + "kms.amazonaws.com");
    }

    @Test
    void dataOnlySelectorRecordsNoManagementEvents() {
        SelectorAnalysis.Management management = SelectorAnalysis.management(basic(s3Data("All", "arn:aws:s3")));

        assertThat(management.reads() || management.writes()).isFalse();
    }

    @Test
    void advancedManagementSelectorWithoutReadOnlyIsComplete() {
        assertThat(SelectorAnalysis.management(advanced(selector("Management", category("Management")))).complete())
                .isTrue();
    }

    @Test
    void advancedReadAndWriteSelectorsTogetherAreComplete() {
        EventSelectors selectors = advanced(selector("reads", category("Management"), readOnly("true")),
                selector("writes", category("Management"), readOnly("false")));

        assertThat(SelectorAnalysis.management(selectors).complete()).isTrue();
    }

    @Test
    void advancedReadOnlyBothValuesIsComplete() {
        EventSelectors selectors = advanced(selector("both", category("Management"), readOnly("true", "false")));

        assertThat(SelectorAnalysis.management(selectors).complete()).isTrue();
    }

    @Test
    void advancedWriteOnlyMissesReads() {
        SelectorAnalysis.Management management = SelectorAnalysis.management(
                advanced(selector("writes", category("Management"), readOnly("false"))));

        assertThat(management.writes()).isTrue();
        assertThat(management.reads()).isFalse();
    }

    @Test
    void advancedEventSourceExclusionDoesNotCount() {
        SelectorAnalysis.Management management = SelectorAnalysis.management(advanced(selector("no kms",
                category("Management"), notEquals("eventSource", "kms.amazonaws.com"))));

        assertThat(management.complete()).isFalse();
        assertThat(management.notes()).containsExactly("advanced selector no kms filters management events on "
                + "eventSource");
    }

    @Test
    void basicAllBucketsSelectorRecordsReadsAndWrites() {
        EventSelectors selectors = basic(management("All"), s3Data("All", "arn:aws:s3"));

        assertThat(SelectorAnalysis.s3DataEvents(selectors, true, "aws")).isTrue();
        assertThat(SelectorAnalysis.s3DataEvents(selectors, false, "aws")).isTrue();
    }

    @Test
    void basicTrailingColonsFormAlsoMeansAllBuckets() {
        EventSelectors selectors = basic(s3Data("WriteOnly", "arn:aws:s3:::"));

        assertThat(SelectorAnalysis.s3DataEvents(selectors, true, "aws")).isTrue();
        assertThat(SelectorAnalysis.s3DataEvents(selectors, false, "aws")).isFalse();
    }

    @Test
    void basicSingleBucketSelectorMissesOthers() {
        EventSelectors selectors = basic(s3Data("All", "arn:aws:s3:::orders-bucket/"));

        assertThat(SelectorAnalysis.s3DataEvents(selectors, true, "aws")).isFalse();
    }

    @Test
    void basicSelectorOfOtherPartitionDoesNotMatch() {
        EventSelectors selectors = basic(s3Data("All", "arn:aws:s3"));

        assertThat(SelectorAnalysis.s3DataEvents(selectors, true, "aws-cn")).isFalse();
        assertThat(SelectorAnalysis.s3DataEvents(basic(s3Data("All", "arn:aws-cn:s3")), true, "aws-cn")).isTrue();
    }

    @Test
    void basicLambdaDataEventsDoNotCount() {
        EventSelectors selectors = basic(new Basic("All", true, List.of(),
                List.of(new DataResource("AWS::Lambda::Function", List.of("arn:aws:lambda")))));

        assertThat(SelectorAnalysis.s3DataEvents(selectors, true, "aws")).isFalse();
    }

    @Test
    void advancedS3SelectorWithoutReadOnlyRecordsBoth() {
        EventSelectors selectors = advanced(selector("s3", category("Data"), s3Objects()));

        assertThat(SelectorAnalysis.s3DataEvents(selectors, true, "aws")).isTrue();
        assertThat(SelectorAnalysis.s3DataEvents(selectors, false, "aws")).isTrue();
    }

    @Test
    void advancedS3WriteSelectorRecordsWritesOnly() {
        EventSelectors selectors = advanced(selector("s3 writes", category("Data"), s3Objects(), readOnly("false")));

        assertThat(SelectorAnalysis.s3DataEvents(selectors, true, "aws")).isTrue();
        assertThat(SelectorAnalysis.s3DataEvents(selectors, false, "aws")).isFalse();
    }

    @Test
    void advancedOneBucketSelectorDoesNotCount() {
        EventSelectors selectors = advanced(selector("one bucket", category("Data"), s3Objects(),
                startsWith("resources.ARN", "arn:aws:s3:::orders-bucket/")));

        assertThat(SelectorAnalysis.s3DataEvents(selectors, true, "aws")).isFalse();
    }

    @Test
    void advancedS3SelectorWithAllBucketsPrefixCounts() {
        EventSelectors selectors = advanced(selector("all buckets", category("Data"), s3Objects(),
                startsWith("resources.ARN", "arn:aws:s3:::")));

        assertThat(SelectorAnalysis.s3DataEvents(selectors, true, "aws")).isTrue();
    }

    @Test
    void advancedEventNameFilterDoesNotCount() {
        EventSelectors selectors = advanced(selector("puts", category("Data"), s3Objects(),
                Field.equalTo("eventName", "PutObject")));

        assertThat(SelectorAnalysis.s3DataEvents(selectors, true, "aws")).isFalse();
    }

    @Test
    void advancedManagementSelectorRecordsNoDataEvents() {
        EventSelectors selectors = advanced(selector("Management", category("Management")));

        assertThat(SelectorAnalysis.s3DataEvents(selectors, true, "aws")).isFalse();
    }
}
