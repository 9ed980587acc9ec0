package dev.sonda.contracts.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.catalog.ControlDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import java.util.stream.Collectors;

/**
 * The inventory checks that a JSON Schema cannot express. Each check skips values that already
 * break the schema, so that one mistake gives one error.
 */
final class InventoryRules {

    /** Accepted forms of {@code externalIdRef}; the worker resolves them. */
    static final List<String> EXTERNAL_ID_REF_SCHEMES = List.of("env", "file");

    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:(aws[a-z-]*):iam::([0-9]{12}):role/.+");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
    /** The only AWS partition Sonda's endpoints and ARNs cover so far. */
    private static final String SUPPORTED_PARTITION = "aws";
    private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final YamlDocument document;
    private final String fileName;
    private final Catalog catalog;
    private final List<InventoryError> errors;

    InventoryRules(YamlDocument document, String fileName, Catalog catalog, List<InventoryError> errors) {
        this.document = document;
        this.fileName = fileName;
        this.catalog = catalog;
        this.errors = errors;
    }

    void check() {
        JsonNode accounts = document.root().path("accounts");
        if (!accounts.isArray()) {
            return;
        }
        boolean defaultRegions = document.root().path("defaults").has("regions");
        checkRegions(document.root().path("defaults").path("regions"), "defaults.regions");
        Map<String, String> firstPathById = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            JsonNode account = accounts.get(i);
            if (!account.isObject()) {
                continue;
            }
            String path = Paths.index("accounts", i);
            checkUniqueId(account, path, firstPathById);
            checkRoleArnAccount(account, path);
            checkRoleArnPartition(account, path);
            checkRegions(account.path("regions"), Paths.field(path, "regions"));
            checkExternalIdRef(account, path);
            checkDisabledControls(account, path);
            if (!account.has("regions") && !defaultRegions) {
                add(path, document.line(path), "no regions to scan; set regions on the account or defaults.regions");
            }
        }
    }

    private void checkUniqueId(JsonNode account, String path, Map<String, String> firstPathById) {
        String id = account.path("id").asText("");
        if (!ACCOUNT_ID.matcher(id).matches()) {
            return;
        }
        String idPath = Paths.field(path, "id");
        String first = firstPathById.putIfAbsent(id, idPath);
        if (first != null) {
            add(idPath, document.line(idPath), "duplicate account id " + id + "; " + first + " on line "
                    + document.line(first) + " already uses it");
        }
    }

    private void checkRoleArnAccount(JsonNode account, String path) {
        String id = account.path("id").asText("");
        Matcher arn = ROLE_ARN.matcher(account.path("roleArn").asText(""));
        if (!ACCOUNT_ID.matcher(id).matches() || !arn.matches() || arn.group(2).equals(id)) {
            return;
        }
        String arnPath = Paths.field(path, "roleArn");
        add(arnPath, document.line(arnPath),
                "account " + arn.group(2) + " in the role ARN does not match id " + id);
    }

    private void checkRoleArnPartition(JsonNode account, String path) {
        Matcher arn = ROLE_ARN.matcher(account.path("roleArn").asText(""));
        if (arn.matches() && !arn.group(1).equals(SUPPORTED_PARTITION)) {
            String arnPath = Paths.field(path, "roleArn");
            add(arnPath, document.line(arnPath), "the role ARN is in partition " + arn.group(1)
                    + "; Sonda scans accounts of the " + SUPPORTED_PARTITION + " partition only");
        }
    }

    /**
     * Checks region names against the region list of the AWS SDK on the classpath (its
     * RegionMetadata), so a typo or a region of another partition fails before any scan.
     */
    private void checkRegions(JsonNode regions, String path) {
        if (!regions.isArray()) {
            return;
        }
        for (int i = 0; i < regions.size(); i++) {
            String region = regions.get(i).asText("");
            if (region.isEmpty() || !REGION_NAME.matcher(region).matches()) {
                continue;
            }
            String regionPath = Paths.index(path, i);
            RegionMetadata metadata = RegionMetadata.of(Region.of(region));
            if (metadata == null) {
                add(regionPath, document.line(regionPath), "unknown AWS region " + region
                        + "; if it is new, update Sonda (its AWS SDK lists the regions it knows)");
            } else if (!metadata.partition().id().equals(SUPPORTED_PARTITION)) {
                add(regionPath, document.line(regionPath), "region " + region + " is in partition "
                        + metadata.partition().id() + "; Sonda scans the " + SUPPORTED_PARTITION + " partition only");
            }
        }
    }

    private void checkExternalIdRef(JsonNode account, String path) {
        JsonNode ref = account.get("externalIdRef");
        if (ref == null || !ref.isTextual() || ref.asText().isEmpty()) {
            return;
        }
        String value = ref.asText();
        String refPath = Paths.field(path, "externalIdRef");
        int colon = value.indexOf(':');
        String scheme = colon < 0 ? "" : value.substring(0, colon);
        String target = colon < 0 ? "" : value.substring(colon + 1);
        if (!EXTERNAL_ID_REF_SCHEMES.contains(scheme)) {
            add(refPath, document.line(refPath), (scheme.isEmpty() ? value + " has no scheme" : "unknown scheme "
                    + scheme + " in " + value) + "; use env:NAME or file:PATH");
        } else if (scheme.equals("env") && !ENVIRONMENT_VARIABLE.matcher(target).matches()) {
            add(refPath, document.line(refPath), value + " does not name an environment variable;"
                    + " use env:NAME with letters, digits and underscores");
        } else if (scheme.equals("file") && target.isBlank()) {
            add(refPath, document.line(refPath), value + " names no file; use file:PATH");
        }
    }

    private void checkDisabledControls(JsonNode account, String path) {
        JsonNode controls = account.path("disabledControls");
        if (!controls.isArray()) {
            return;
        }
        Map<String, String> firstPathByControl = new HashMap<>();
        for (int j = 0; j < controls.size(); j++) {
            JsonNode id = controls.get(j).get("id");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                continue;
            }
            String controlId = id.asText();
            String idPath = Paths.field(Paths.index(Paths.field(path, "disabledControls"), j), "id");
            if (catalog.control(controlId).isEmpty()) {
                add(idPath, document.line(idPath), unknownControl(controlId));
                continue;
            }
            String first = firstPathByControl.putIfAbsent(controlId, idPath);
            if (first != null) {
                add(idPath, document.line(idPath), "control " + controlId + " is disabled twice; " + first
                        + " on line " + document.line(first) + " already disables it");
            }
        }
    }

    private String unknownControl(String controlId) {
        for (String known : catalog.controls().keySet()) {
            if (known.equalsIgnoreCase(controlId)) {
                return "unknown control " + controlId + "; did you mean " + known + "?";
            }
        }
        String prefix = prefixOf(controlId);
        List<String> sameService = catalog.controls().values().stream()
                .map(ControlDefinition::id)
                .filter(known -> prefixOf(known).equals(prefix))
                .toList();
        if (!sameService.isEmpty()) {
            String service = sameService.get(0).substring(0, sameService.get(0).indexOf('.'));
            return "unknown control " + controlId + "; the catalog's " + service + " controls are "
                    + String.join(", ", sameService);
        }
        return "unknown control " + controlId + "; the catalog has controls for "
                + catalog.controls().values().stream()
                        .map(control -> control.id().substring(0, Math.max(0, control.id().indexOf('.'))))
                        .distinct()
                        .collect(Collectors.joining(", "));
    }

    private static String prefixOf(String controlId) {
        int dot = controlId.indexOf('.');
        return dot < 0 ? "\0" : controlId.substring(0, dot).toLowerCase(Locale.ROOT);
    }

    private void add(String path, int line, String message) {
        errors.add(new InventoryError(fileName, line, path, message));
    }
}
