package dev.sonda.deploy;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.catalog.ControlDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Derives the scanner role's permissions from the IAM actions the catalog's controls declare. */
final class ScannerPolicy {

    private ScannerPolicy() {
    }

    /** Returns each IAM action with the controls that need it, sorted by action. */
    static Map<String, TreeSet<String>> controlsByAction(Catalog catalog) {
        Map<String, TreeSet<String>> byAction = new TreeMap<>();
        for (ControlDefinition control : catalog.controls().values()) {
            for (String action : control.iamActions()) {
                byAction.computeIfAbsent(action, key -> new TreeSet<>()).add(control.id());
            }
        }
        return byAction;
    }

    /** Renders the IAM policy document, with a trailing newline. */
    static String policyJson(Catalog catalog) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode policy = mapper.createObjectNode();
        policy.put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement").addObject();
        statement.put("Sid", "SondaReadOnlyChecks");
        statement.put("Effect", "Allow");
        ArrayNode actions = statement.putArray("Action");
        controlsByAction(catalog).keySet().forEach(actions::add);
        statement.put("Resource", "*");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE)
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return mapper.writer(printer).writeValueAsString(policy) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders the README's table of actions and the controls that need them. */
    static String readmeTable(Catalog catalog) {
        List<String> lines = new ArrayList<>();
        lines.add("| IAM action | needed by |");
        lines.add("|---|---|");
        controlsByAction(catalog).forEach((action, controls) ->
                lines.add("| `" + action + "` | " + String.join(", ", controls) + " |"));
        return String.join("\n", lines) + "\n";
    }
}
