package dev.sonda.testkit;

import static dev.sonda.testkit.ResponseBodies.JSON;
import static dev.sonda.testkit.ResponseBodies.abbreviate;
import static dev.sonda.testkit.ResponseBodies.parseJsonObject;
import static dev.sonda.testkit.ResponseBodies.parseXml;
import static dev.sonda.testkit.ResponseBodies.writeXml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Response bodies for the {@link MotoGaps} fixtures of SNS, Security Hub and Macie. Each
 * rewrite takes moto's body and returns the body AWS would send in the state the fixture supplies.
 */
final class MonitoringRewrites {

    /** The SubscriptionArn SNS reports for a subscription whose endpoint has not confirmed it. */
    static final String PENDING_CONFIRMATION = "PendingConfirmation";

    /** An ISO 8601 zone designator at the end of a timestamp: {@code Z} or an offset such as {@code +00:00}. */
    private static final Pattern HAS_ZONE = Pattern.compile("(Z|[+-]\\d{2}:?\\d{2})$");

    private MonitoringRewrites() {
    }

    /**
     * Sets the SubscriptionArn of every subscription in an SNS {@code ListSubscriptionsByTopic} XML response to
     * {@value #PENDING_CONFIRMATION}.
     *
     * @throws IllegalArgumentException when the body is not such a response
     */
    static String withPendingSubscriptions(String responseXml) {
        Document document = parseXml(responseXml);
        if (document.getElementsByTagNameNS("*", "ListSubscriptionsByTopicResult").getLength() == 0) {
            throw new IllegalArgumentException("Expected an SNS ListSubscriptionsByTopic response, got: "
                    + abbreviate(responseXml));
        }
        NodeList arns = document.getElementsByTagNameNS("*", "SubscriptionArn");
        for (int i = 0; i < arns.getLength(); i++) {
            arns.item(i).setTextContent(PENDING_CONFIRMATION);
        }
        return writeXml(document);
    }

    /** Builds a Security Hub {@code GetEnabledStandards} response with one READY subscription per standard. */
    static String enabledStandardsResponse(String accountId, String region, List<String> standardsArns) {
        ObjectNode response = JSON.createObjectNode();
        ArrayNode subscriptions = response.putArray("StandardsSubscriptions");
        for (String standardsArn : standardsArns) {
            int slash = standardsArn.indexOf(":standards/");
            String name = slash >= 0 ? standardsArn.substring(slash + ":standards/".length())
                    : standardsArn.substring(standardsArn.lastIndexOf(':') + 1);
            ObjectNode subscription = subscriptions.addObject();
            subscription.put("StandardsSubscriptionArn",
                    "arn:aws:securityhub:" + region + ":" + accountId + ":subscription/" + name);
            subscription.put("StandardsArn", standardsArn);
            subscription.putObject("StandardsInput");
            subscription.put("StandardsStatus", "READY");
        }
        return response.toString();
    }

    /**
     * Sets the status of a Macie {@code GetMacieSession} JSON response and gives its timestamps the UTC zone that
     * moto leaves out.
     *
     * @throws IllegalArgumentException when the body is not a JSON object with a status
     */
    static String withMacieSession(String responseJson, String status) {
        ObjectNode session = parseJsonObject(responseJson, "a Macie GetMacieSession response");
        if (!session.has("status")) {
            throw new IllegalArgumentException("Expected a Macie GetMacieSession response with a status, got: "
                    + abbreviate(responseJson));
        }
        session.put("status", status);
        for (String field : List.of("createdAt", "updatedAt")) {
            JsonNode value = session.get(field);
            if (value != null && value.isTextual() && !HAS_ZONE.matcher(value.asText()).find()) {
                session.put(field, value.asText() + "Z");
            }
        }
        return session.toString();
    }

    /** Builds a Macie {@code GetAutomatedDiscoveryConfiguration} response with the given status. */
    static String automatedDiscoveryResponse(String status) {
        ObjectNode response = JSON.createObjectNode();
        response.put("status", status);
        response.put("autoEnableOrganizationMembers", "NONE");
        return response.toString();
    }

    /** Builds a Macie {@code GetAdministratorAccount} response for a member whose administrator has enabled it. */
    static String administratorResponse(String administratorAccountId) {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode administrator = response.putObject("administrator");
        administrator.put("accountId", administratorAccountId);
        administrator.put("invitationId", "sonda-fixture-invitation");
        administrator.put("invitedAt", "2026-01-01T00:00:00Z");
        administrator.put("relationshipStatus", "Enabled");
        return response.toString();
    }

    /** Builds the REST-JSON error AWS sends for any Macie call in a region where the account has not enabled Macie. */
    static String macieNotEnabledError() {
        ObjectNode error = JSON.createObjectNode();
        error.put("__type", "AccessDeniedException");
        error.put("message", "Macie is not enabled.");
        return error.toString();
    }
}
