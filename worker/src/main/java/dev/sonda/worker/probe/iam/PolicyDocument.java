package dev.sonda.worker.probe.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An IAM policy document reduced to what Sonda's checks read: each statement's effect, actions,
 * resources and whether it has conditions.
 *
 * @param statements the statements in document order
 * @param invalidReason why the document could not be read, or {@code null}
 */
public record PolicyDocument(List<Statement> statements, String invalidReason) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    /**
     * One statement.
     *
     * @param label the statement's Sid, or {@code #N} (1-based) without one
     * @param actions the Action entries; empty when the statement uses NotAction
     * @param notActions the NotAction entries
     * @param resources the Resource entries; empty when the statement uses NotResource
     */
    public record Statement(String label, boolean allow, List<String> actions, List<String> notActions,
            List<String> resources, boolean hasNotResource) {

        public Statement {
            actions = List.copyOf(actions);
            notActions = List.copyOf(notActions);
            resources = List.copyOf(resources);
        }
    }

    public boolean valid() {
        return invalidReason == null;
    }

    /**
     * Parses a policy document as IAM returns it. GetAccountAuthorizationDetails and
     * GetPolicyVersion return documents URL-encoded (RFC 3986); a document that already starts
     * with <code>{</code> is taken as plain JSON.
     */
    public static PolicyDocument parse(String document) {
        if (document == null || document.isBlank()) {
            return invalid("the policy document is empty");
        }

        String json = decode(document);
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return invalid("the policy document is not valid JSON: " + e.getOriginalMessage());
        }

        if (root == null || !root.isObject()) {
            return invalid("the policy document is not a JSON object");
        }

        JsonNode statementNode = root.get("Statement");
        if (statementNode == null) {
            return invalid("the policy document has no Statement");
        }

        List<Statement> statements = new ArrayList<>();
        List<JsonNode> nodes = new ArrayList<>();
        if (statementNode.isArray()) {
            statementNode.forEach(nodes::add);
        } else {
            nodes.add(statementNode);
        }

        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            if (!node.isObject()) {
                return invalid("statement " + (i + 1) + " is not a JSON object");
            }
            String sid = node.path("Sid").asText("");
            statements.add(new Statement(
                    sid.isBlank() ? "#" + (i + 1) : sid,
                    "Allow".equalsIgnoreCase(node.path("Effect").asText()),
                    strings(node.get("Action")),
                    strings(node.get("NotAction")),
                    strings(node.get("Resource")),
                    node.has("NotResource")));
        }

        return new PolicyDocument(statements, null);
    }

    /**
     * Decodes a URL-encoded document. RFC 3986 encodes a space as {@code %20}, so a literal
     * {@code +} is kept rather than read as a space, as form decoding would.
     */
    static String decode(String document) {
        String trimmed = document.strip();
        if (trimmed.startsWith("{")) {
            return trimmed;
        }
        return URLDecoder.decode(trimmed.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static PolicyDocument invalid(String reason) {
        return new PolicyDocument(List.of(), reason);
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
