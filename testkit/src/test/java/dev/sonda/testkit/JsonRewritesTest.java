package dev.sonda.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRewritesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode read(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void emptySelectorsGetAwsDefault() throws Exception {
        String moto = "{\"TrailARN\":\"arn:aws:cloudtrail:eu-west-1:111111111111:trail/main\","
                + "\"EventSelectors\":[],\"AdvancedEventSelectors\":[]}";

        JsonNode rewritten = read(JsonRewrites.withDefaultEventSelectors(moto));

        assertThat(rewritten.path("TrailARN").asText()).isEqualTo("arn:aws:cloudtrail:eu-west-1:111111111111:trail/main");
        assertThat(rewritten.path("EventSelectors")).hasSize(1);
        JsonNode selector = rewritten.path("EventSelectors").get(0);
        assertThat(selector.path("ReadWriteType").asText()).isEqualTo("All");
        assertThat(selector.path("IncludeManagementEvents").asBoolean()).isTrue();
        assertThat(selector.path("DataResources")).isEmpty();
        assertThat(rewritten.has("AdvancedEventSelectors")).isFalse();
    }

    @Test
    void existingSelectorsStay() {
        String basic = "{\"EventSelectors\":[{\"ReadWriteType\":\"WriteOnly\",\"IncludeManagementEvents\":true}],"
                + "\"AdvancedEventSelectors\":[]}";
        String advanced = "{\"EventSelectors\":[],\"AdvancedEventSelectors\":[{\"Name\":\"m\",\"FieldSelectors\":"
                + "[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}]}]}";

        assertThat(JsonRewrites.withDefaultEventSelectors(basic)).isEqualTo(basic);
        assertThat(JsonRewrites.withDefaultEventSelectors(advanced)).isEqualTo(advanced);
    }

    @Test
    void organizationTrailAppendedOnce() throws Exception {
        String moto = "{\"trailList\":[{\"Name\":\"local\",\"TrailARN\":"
                + "\"arn:aws:cloudtrail:us-east-1:222222222222:trail/local\"}]}";

        String once = JsonRewrites.withOrganizationTrail(moto, "111111111111", "eu-west-1", "org", "org-logs");
        String twice = JsonRewrites.withOrganizationTrail(once, "111111111111", "eu-west-1", "org", "org-logs");

        JsonNode trails = read(twice).path("trailList");
        assertThat(trails).hasSize(2);
        JsonNode org = trails.get(1);
        assertThat(org.path("TrailARN").asText()).isEqualTo("arn:aws:cloudtrail:eu-west-1:111111111111:trail/org");
        assertThat(org.path("HomeRegion").asText()).isEqualTo("eu-west-1");
        assertThat(org.path("IsOrganizationTrail").asBoolean()).isTrue();
        assertThat(org.path("IsMultiRegionTrail").asBoolean()).isTrue();
        assertThat(org.path("S3BucketName").asText()).isEqualTo("org-logs");
    }

    @Test
    void organizationTrailAddedToEmptyList() throws Exception {
        JsonNode trails = read(JsonRewrites.withOrganizationTrail("{\"trailList\":[]}", "111111111111", "eu-west-1",
                "org", "org-logs")).path("trailList");

        assertThat(trails).hasSize(1);
    }

    @Test
    void recorderStatusMarkedFailed() throws Exception {
        String moto = "{\"ConfigurationRecordersStatus\":[{\"name\":\"default\",\"recording\":true,"
                + "\"lastStatus\":\"PENDING\"}]}";

        JsonNode status = read(JsonRewrites.withRecorderFailure(moto, "AccessDenied", "Denied."))
                .path("ConfigurationRecordersStatus").get(0);

        assertThat(status.path("lastStatus").asText()).isEqualTo("FAILURE");
        assertThat(status.path("lastErrorCode").asText()).isEqualTo("AccessDenied");
        assertThat(status.path("lastErrorMessage").asText()).isEqualTo("Denied.");
        assertThat(status.path("recording").asBoolean()).isTrue();
    }

    @Test
    void keyManagerSetForDescribedKey() throws Exception {
        String moto = "{\"KeyMetadata\":{\"KeyId\":\"k1\",\"KeyManager\":\"CUSTOMER\",\"Description\":\"Default key\"}}";

        JsonNode metadata = read(JsonRewrites.withKeyManager(moto, "Default key", "AWS")).path("KeyMetadata");

        assertThat(metadata.path("KeyManager").asText()).isEqualTo("AWS");
        assertThat(metadata.path("KeyId").asText()).isEqualTo("k1");
    }

    @Test
    void keyManagerKeptForOtherKeys() {
        String moto = "{\"KeyMetadata\":{\"KeyId\":\"k2\",\"KeyManager\":\"CUSTOMER\",\"Description\":\"orders\"}}";

        assertThat(JsonRewrites.withKeyManager(moto, "Default key", "AWS")).isEqualTo(moto);
    }

    @Test
    void keyManagerRejectsOtherResponses() {
        assertThatThrownBy(() -> JsonRewrites.withKeyManager("{\"Keys\":[]}", "x", "AWS"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a KMS DescribeKey response");
    }

    @Test
    void analyzersResponseHasRequiredFields() throws Exception {
        JsonNode analyzers = read(JsonRewrites.listAnalyzersResponse(List.of(new JsonRewrites.Analyzer(
                "arn:aws:access-analyzer:eu-west-1:111111111111:analyzer/external", "external", "ACCOUNT", "ACTIVE",
                Instant.parse("2026-01-05T09:00:00Z"), Map.of("owner", "security"))))).path("analyzers");

        assertThat(analyzers).hasSize(1);
        JsonNode analyzer = analyzers.get(0);
        assertThat(analyzer.path("name").asText()).isEqualTo("external");
        assertThat(analyzer.path("type").asText()).isEqualTo("ACCOUNT");
        assertThat(analyzer.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(analyzer.path("createdAt").asText()).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(analyzer.path("tags").path("owner").asText()).isEqualTo("security");
    }
}
