package dev.sonda.testkit;

import static dev.sonda.testkit.ResponseBodies.JSON;
import static dev.sonda.testkit.ResponseBodies.abbreviate;
import static dev.sonda.testkit.ResponseBodies.parseJsonObject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Rewrites of AWS JSON response bodies (AWS JSON 1.1 and REST-JSON) for the {@link MotoGaps}
 * fixtures of CloudTrail, Config, KMS and IAM Access Analyzer. Each method takes moto's body and
 * returns the body AWS would send in the state the fixture supplies.
 */
final class JsonRewrites {

    private JsonRewrites() {
    }

    /**
     * Gives a CloudTrail {@code GetEventSelectors} response without selectors the selector AWS
     * gives every new trail: all management events, reads and writes, no data events. A response
     * that has basic or advanced selectors is returned unchanged.
     */
    static String withDefaultEventSelectors(String responseJson) {
        ObjectNode response = parseJsonObject(responseJson, "a CloudTrail GetEventSelectors response");
        if (!isEmptyArray(response.get("EventSelectors")) || !isEmptyArray(response.get("AdvancedEventSelectors"))) {
            return responseJson;
        }
        ArrayNode selectors = response.putArray("EventSelectors");
        ObjectNode selector = selectors.addObject();
        selector.put("ReadWriteType", "All");
        selector.put("IncludeManagementEvents", true);
        selector.putArray("DataResources");
        selector.putArray("ExcludeManagementEventSources");
        response.remove("AdvancedEventSelectors");
        return response.toString();
    }

    /**
     * Appends a multi-Region organization trail that another account owns to a CloudTrail
     * {@code DescribeTrails} response, as DescribeTrails lists it in a member account of the organization.
     */
    static String withOrganizationTrail(String responseJson, String ownerAccountId, String homeRegion,
            String trailName, String bucketName) {
        ObjectNode response = parseJsonObject(responseJson, "a CloudTrail DescribeTrails response");
        JsonNode list = response.get("trailList");
        ArrayNode trails = list instanceof ArrayNode array ? array : response.putArray("trailList");
        String arn = "arn:aws:cloudtrail:" + homeRegion + ":" + ownerAccountId + ":trail/" + trailName;
        for (JsonNode trail : trails) {
            if (arn.equals(trail.path("TrailARN").asText())) {
                return responseJson;
            }
        }
        ObjectNode trail = trails.addObject();
        trail.put("Name", trailName);
        trail.put("S3BucketName", bucketName);
        trail.put("IncludeGlobalServiceEvents", true);
        trail.put("IsMultiRegionTrail", true);
        trail.put("HomeRegion", homeRegion);
        trail.put("TrailARN", arn);
        trail.put("LogFileValidationEnabled", true);
        trail.put("HasCustomEventSelectors", false);
        trail.put("HasInsightSelectors", false);
        trail.put("IsOrganizationTrail", true);
        return response.toString();
    }

    /**
     * Sets the CloudWatch Logs delivery fields of a CloudTrail {@code GetTrailStatus} response:
     * {@code LatestCloudWatchLogsDeliveryTime} in epoch seconds, as AWS JSON 1.1 writes timestamps,
     * and {@code LatestCloudWatchLogsDeliveryError}. A {@code null} argument removes its field.
     */
    static String withCloudWatchLogsDelivery(String responseJson, Instant deliveryTime, String deliveryError) {
        ObjectNode response = parseJsonObject(responseJson, "a CloudTrail GetTrailStatus response");
        if (deliveryTime == null) {
            response.remove("LatestCloudWatchLogsDeliveryTime");
        } else {
            response.put("LatestCloudWatchLogsDeliveryTime", deliveryTime.getEpochSecond());
        }
        if (deliveryError == null) {
            response.remove("LatestCloudWatchLogsDeliveryError");
        } else {
            response.put("LatestCloudWatchLogsDeliveryError", deliveryError);
        }
        return response.toString();
    }

    /**
     * Marks every recorder of a Config {@code DescribeConfigurationRecorderStatus} response as
     * failed, with AWS's error code and message for the failure.
     */
    static String withRecorderFailure(String responseJson, String errorCode, String errorMessage) {
        ObjectNode response = parseJsonObject(responseJson, "a Config DescribeConfigurationRecorderStatus response");
        for (JsonNode status : response.path("ConfigurationRecordersStatus")) {
            if (status instanceof ObjectNode recorder) {
                recorder.put("lastStatus", "FAILURE");
                recorder.put("lastErrorCode", errorCode);
                recorder.put("lastErrorMessage", errorMessage);
            }
        }
        return response.toString();
    }

    /**
     * Sets {@code KeyMetadata.KeyManager} of a KMS {@code DescribeKey} response when the key's
     * {@code Description} is {@code description}; other responses are returned unchanged.
     */
    static String withKeyManager(String responseJson, String description, String keyManager) {
        ObjectNode response = parseJsonObject(responseJson, "a KMS DescribeKey response");
        if (!(response.get("KeyMetadata") instanceof ObjectNode metadata)) {
            throw new IllegalArgumentException("The response has no KeyMetadata object; expected a KMS DescribeKey"
                    + " response, got: " + abbreviate(responseJson));
        }
        if (!description.equals(metadata.path("Description").asText())) {
            return responseJson;
        }
        metadata.put("KeyManager", keyManager);
        return response.toString();
    }

    /** One analyzer of an IAM Access Analyzer {@code ListAnalyzers} response. */
    record Analyzer(String arn, String name, String type, String status, Instant createdAt, Map<String, String> tags) {
    }

    /** Builds an IAM Access Analyzer {@code ListAnalyzers} response (REST-JSON, ISO 8601 timestamps). */
    static String listAnalyzersResponse(List<Analyzer> analyzers) {
        ObjectNode response = JSON.createObjectNode();
        ArrayNode list = response.putArray("analyzers");
        for (Analyzer analyzer : analyzers) {
            ObjectNode node = list.addObject();
            node.put("arn", analyzer.arn());
            node.put("name", analyzer.name());
            node.put("type", analyzer.type());
            node.put("status", analyzer.status());
            node.put("createdAt", analyzer.createdAt().toString());
            ObjectNode tags = node.putObject("tags");
            analyzer.tags().forEach(tags::put);
        }
        return response.toString();
    }

    private static boolean isEmptyArray(JsonNode node) {
        return node == null || node.isNull() || (node.isArray() && node.isEmpty());
    }
}
