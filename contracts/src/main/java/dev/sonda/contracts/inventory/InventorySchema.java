package dev.sonda.contracts.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The inventory's JSON Schema ({@code /schemas/inventory.schema.json}) and the translation of its
 * validation errors into messages that name the field in YAML terms.
 *
 * <p>No message repeats the value of an {@code externalId}: it is a shared secret between the MSSP
 * and its customer.
 */
final class InventorySchema {

    static final String RESOURCE = "/schemas/inventory.schema.json";

    private static final String EXTERNAL_ID = "externalId";

    private final JsonNode schemaTree;
    private final Schema schema;

    InventorySchema() {
        ObjectMapper mapper = new ObjectMapper();
        try (InputStream in = InventorySchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Schema " + RESOURCE + " is missing from the classpath");
            }
            schemaTree = mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema " + RESOURCE, e);
        }
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaTree);
    }

    /** Validates the document and adds one error per schema violation. */
    void validate(YamlDocument document, String fileName, List<InventoryError> errors) {
        Set<String> seen = new HashSet<>();
        for (Error error : schema.validate(document.root())) {
            InventoryError translated = translate(error, document, fileName);
            if (seen.add(translated.toString())) {
                errors.add(translated);
            }
        }
    }

    private InventoryError translate(Error error, YamlDocument document, String fileName) {
        String path = Paths.of(error.getInstanceLocation());
        Object[] arguments = error.getArguments() == null ? new Object[0] : error.getArguments();
        JsonNode value = error.getInstanceNode();
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        return switch (keyword) {
            case "required" -> {
                String missing = Paths.field(path, error.getProperty());
                yield new InventoryError(fileName, document.line(path), missing, "required field is missing");
            }
            case "additionalProperties" -> {
                String unknown = Paths.field(path, error.getProperty());
                yield new InventoryError(fileName, document.keyLine(unknown), unknown,
                        "unknown field" + suggestion(error.getProperty(), knownFields(error)));
            }
            case "dependentRequired" -> {
                String present = Paths.field(path, String.valueOf(arguments[1]));
                yield new InventoryError(fileName, document.keyLine(present), present,
                        "needs " + arguments[0] + " as well, because an external id only applies when Sonda"
                                + " assumes a role");
            }
            case "not" -> new InventoryError(fileName, document.line(path), path,
                    "externalId and externalIdRef are both set; keep one of them");
            case "type" -> new InventoryError(fileName, document.line(path), path,
                    typeMessage(String.valueOf(arguments[1]), String.valueOf(arguments[0])));
            default -> new InventoryError(fileName, document.line(path), path,
                    valueMessage(keyword, path, value, arguments, error.getMessage()));
        };
    }

    private static String typeMessage(String expected, String found) {
        String message = "must be " + jsonTypeInYaml(expected) + ", found " + jsonTypeInYaml(found);
        if (expected.equals("string") && (found.equals("number") || found.equals("integer") || found.equals("boolean"))) {
            message += "; put the value in quotes";
        }
        return message;
    }

    private static String jsonTypeInYaml(String jsonType) {
        return switch (jsonType) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "string" -> "a string";
            case "integer", "number" -> "a number";
            case "boolean" -> "a boolean";
            case "null" -> "an empty value";
            default -> jsonType;
        };
    }

    /** Messages for keywords that judge a value: pattern, lengths, item counts, uniqueness. */
    private static String valueMessage(String keyword, String path, JsonNode value, Object[] arguments,
            String fallback) {
        String field = fieldName(path);
        boolean inList = path.endsWith("]");
        return switch (keyword) {
            case "pattern" -> patternMessage(field, inList, value);
            case "minLength", "maxLength" -> field.equals(EXTERNAL_ID)
                    ? "must be 2 to 1224 characters long"
                    : "must be " + (keyword.equals("minLength") ? "at least " : "at most ") + arguments[0]
                            + " characters long";
            case "minItems" -> switch (field) {
                case "accounts" -> "the list is empty; an inventory needs at least one account";
                case "regions" -> "the list is empty; list at least one region or leave the field out";
                default -> "the list is empty; list at least one item or leave the field out";
            };
            case "uniqueItems" -> "lists " + firstDuplicate(value) + " more than once";
            default -> fallback;
        };
    }

    private static String patternMessage(String field, boolean inList, JsonNode value) {
        String text = value == null ? "" : value.asText();
        if (inList && field.equals("regions")) {
            return text + " is not an AWS region name such as eu-west-1";
        }
        return switch (field) {
            case "id" -> text + " is not a 12-digit AWS account id";
            case "roleArn" -> text + " is not an IAM role ARN such as arn:aws:iam::111111111111:role/SondaScanner";
            case EXTERNAL_ID -> "contains a character that AWS does not allow in an external id;"
                    + " use letters, digits and +=,.@:/_-";
            case "name", "tenant", "reason" -> "must not be blank";
            default -> "has an invalid value";
        };
    }

    /** Returns the last field name of a path, skipping list indexes: {@code regions} for {@code regions[2]}. */
    private static String fieldName(String path) {
        String withoutIndexes = path.replaceAll("\\[\\d+]$", "");
        int dot = withoutIndexes.lastIndexOf('.');
        return dot < 0 ? withoutIndexes : withoutIndexes.substring(dot + 1);
    }

    private static String firstDuplicate(JsonNode array) {
        Set<JsonNode> seen = new HashSet<>();
        if (array != null) {
            for (JsonNode item : array) {
                if (!seen.add(item)) {
                    return item.isTextual() ? item.asText() : item.toString();
                }
            }
        }
        return "an item";
    }

    /** Returns the fields the schema allows where an additionalProperties error was raised. */
    private List<String> knownFields(Error error) {
        String location = String.valueOf(error.getSchemaLocation());
        int hash = location.indexOf('#');
        List<String> fields = new ArrayList<>();
        if (hash < 0) {
            return fields;
        }
        String pointer = location.substring(hash + 1);
        String parent = pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
        Iterator<String> names = schemaTree.at(parent + "/properties").fieldNames();
        names.forEachRemaining(fields::add);
        return fields;
    }

    /** Suggests the known field closest to a misspelt one, or lists the known fields. */
    static String suggestion(String unknown, List<String> known) {
        if (known.isEmpty()) {
            return "";
        }
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = editDistance(unknown.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < best) {
                best = distance;
                closest = candidate;
            }
        }
        if (best <= Math.max(2, unknown.length() / 4)) {
            return "; did you mean " + closest + "?";
        }
        return "; the fields allowed here are " + String.join(", ", known);
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
