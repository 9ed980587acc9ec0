package dev.sonda.contracts.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.DisabledControl;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads and validates an accounts inventory file (YAML).
 *
 * <pre>{@code
 * defaults:
 *   regions: [eu-west-1, us-east-1]
 * accounts:
 *   - id: "111111111111"
 *     name: acme-prod
 *     tenant: acme
 *     roleArn: arn:aws:iam::111111111111:role/SondaScanner
 *     externalIdRef: env:ACME_EXTERNAL_ID
 *     disabledControls:
 *       - id: Account.2
 *         reason: Standalone account by contract.
 * }</pre>
 *
 * <p>Validation runs the JSON Schema {@code /schemas/inventory.schema.json} and then the checks a
 * schema cannot express: unique account ids, a role ARN in the account's own id, regions for every
 * account after defaults, disabled control ids that exist in {@link Catalog#load()}, and a known
 * {@code externalIdRef} scheme. It reports every error at once, each with file, line and field path.
 *
 * <p>Thread-safe.
 */
public final class InventoryParser {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static volatile InventorySchema schema;

    private InventoryParser() {
    }

    /**
     * Reads and validates an inventory file.
     *
     * @throws InventoryException if the file cannot be read or breaks the format; its
     *     {@link InventoryException#errors()} lists every problem
     */
    public static Inventory load(Path file) {
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw fileError(fileName, file.toAbsolutePath() + " is not a regular file");
            }
            // Read at most one byte past the limit: a device or a /proc file reports size 0.
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(YamlDocument.MAX_CODE_POINTS + 1);
            }
            if (bytes.length > YamlDocument.MAX_CODE_POINTS) {
                throw fileError(fileName, "the file is larger than the maximum of "
                        + YamlDocument.MAX_CODE_POINTS / (1024 * 1024) + " MB");
            }
        } catch (NoSuchFileException e) {
            throw fileError(fileName, "cannot read " + file.toAbsolutePath() + ": the file does not exist");
        } catch (AccessDeniedException e) {
            throw fileError(fileName, "cannot read " + file.toAbsolutePath() + ": permission denied");
        } catch (IOException e) {
            throw fileError(fileName, "cannot read " + file.toAbsolutePath() + ": " + e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw fileError(fileName, "not a UTF-8 text file; an inventory is a YAML file");
        }
        return parse(text, fileName);
    }

    /**
     * Validates inventory text.
     *
     * @param fileName the name that error messages show
     * @throws InventoryException if the text breaks the format
     */
    public static Inventory parse(String text, String fileName) {
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<InventoryError> errors = new ArrayList<>();
        YamlDocument document = YamlDocument.parse(content, fileName, errors);
        normalizeAccountIds(document);
        schema().validate(document, fileName, errors);
        new InventoryRules(document, fileName, Catalog.load(), errors).check();
        if (!errors.isEmpty()) {
            List<InventoryError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(InventoryError::line).thenComparing(InventoryError::path));
            throw new InventoryException(sorted);
        }
        return build(document.root());
    }

    /**
     * Turns an unquoted account id into text as written, so that {@code id: 111111111111} and
     * {@code id: 012345678901} (which YAML would read as a number) keep all twelve digits.
     */
    private static void normalizeAccountIds(YamlDocument document) {
        JsonNode accounts = document.root().path("accounts");
        for (int i = 0; i < accounts.size(); i++) {
            if (!(accounts.get(i) instanceof ObjectNode account) || !account.has("id")) {
                continue;
            }
            ScalarNode scalar = document.scalar(Paths.field(Paths.index("accounts", i), "id"));
            if (scalar != null && scalar.isPlain() && DIGITS.matcher(scalar.getValue()).matches()) {
                account.set("id", TextNode.valueOf(scalar.getValue()));
            }
        }
    }

    private static Inventory build(JsonNode root) {
        List<String> defaultRegions = texts(root.path("defaults").path("regions"));
        List<InventoryAccount> accounts = new ArrayList<>();
        for (JsonNode node : root.path("accounts")) {
            List<DisabledControl> disabled = new ArrayList<>();
            for (JsonNode control : node.path("disabledControls")) {
                disabled.add(new DisabledControl(control.path("id").asText(), control.path("reason").asText().strip()));
            }
            List<String> regions = node.has("regions") ? texts(node.path("regions")) : defaultRegions;
            accounts.add(new InventoryAccount(
                    node.path("id").asText(),
                    node.path("name").asText().strip(),
                    node.path("tenant").asText().strip(),
                    textOrNull(node, "roleArn"),
                    textOrNull(node, "externalId"),
                    textOrNull(node, "externalIdRef"),
                    regions,
                    disabled));
        }
        return new Inventory(accounts);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array instanceof ArrayNode) {
            array.forEach(item -> values.add(item.asText()));
        }
        return values;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static InventoryException fileError(String fileName, String message) {
        return new InventoryException(List.of(new InventoryError(fileName, 0, "", message)));
    }

    private static InventorySchema schema() {
        InventorySchema loaded = schema;
        if (loaded == null) {
            synchronized (InventoryParser.class) {
                loaded = schema;
                if (loaded == null) {
                    loaded = new InventorySchema();
                    schema = loaded;
                }
            }
        }
        return loaded;
    }
}
