package dev.sonda.contracts.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sonda.contracts.messages.DisabledControl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads an accounts inventory file (YAML). */
public final class InventoryParser {

    private InventoryParser() {
    }

    // TODO: minimal reader so the worker can resolve inventory external ids; the scheduler's
    // validating parser with line numbers replaces it.
    public static Inventory load(Path file) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InventoryException("Cannot read inventory " + file + ": " + e.getMessage(), e);
        }
        List<InventoryAccount> accounts = new ArrayList<>();
        for (JsonNode node : root.path("accounts")) {
            List<String> regions = new ArrayList<>();
            node.path("regions").forEach(region -> regions.add(region.asText()));
            List<DisabledControl> disabled = new ArrayList<>();
            node.path("disabledControls").forEach(control ->
                    disabled.add(new DisabledControl(control.path("id").asText(), control.path("reason").asText())));
            accounts.add(new InventoryAccount(node.path("id").asText(), node.path("name").asText(null),
                    node.path("tenant").asText(null), node.path("roleArn").asText(null),
                    node.path("externalId").asText(null), node.path("externalIdRef").asText(null), regions, disabled));
        }
        return new Inventory(accounts);
    }
}
