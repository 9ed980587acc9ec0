package dev.sonda.contracts.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.AnchorNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * A YAML document turned into a Jackson tree for schema validation, with the line of every value
 * and mapping key so that each error can name its line.
 *
 * <p>It parses with SnakeYAML's node API (compose) rather than a data binder because only the node
 * API keeps the position of each value. Scalars follow YAML 1.1 resolution, as SnakeYAML applies it,
 * so {@code yes} is a boolean and an unquoted {@code 123} is a number.
 */
final class YamlDocument {

    /** Maximum size of an inventory, enough for an estimated 200,000 accounts of 300 characters each. */
    static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

    /** The format nests four levels deep; deeper nesting is a mistake or a recursive alias. */
    private static final int MAX_DEPTH = 32;

    private final String fileName;
    private final Map<String, Mark> valueMarks = new HashMap<>();
    private final Map<String, Mark> keyMarks = new HashMap<>();
    private final Map<String, ScalarNode> scalars = new HashMap<>();
    private final List<InventoryError> errors;
    private JsonNode root;

    private YamlDocument(String fileName, List<InventoryError> errors) {
        this.fileName = fileName;
        this.errors = errors;
    }

    /**
     * Parses one YAML document whose top level is a mapping.
     *
     * @param errors receives problems that still leave a usable tree, such as duplicate keys
     * @throws InventoryException if the text is empty, not YAML, or its top level is not a mapping
     */
    static YamlDocument parse(String text, String fileName, List<InventoryError> errors) {
        Node node = compose(text, fileName);
        if (node == null) {
            throw new InventoryException(List.of(new InventoryError(fileName, 0, "",
                    "the file is empty; an inventory is a mapping with an accounts list")));
        }
        if (!(node instanceof MappingNode)) {
            throw new InventoryException(List.of(new InventoryError(fileName, lineOf(node.getStartMark()), "",
                    "the top level is " + describe(node) + "; an inventory is a mapping with an accounts list")));
        }
        YamlDocument document = new YamlDocument(fileName, errors);
        document.root = document.convert(node, "", 0);
        return document;
    }

    JsonNode root() {
        return root;
    }

    /**
     * Returns the 1-based line of the value at a path, or of its nearest ancestor that exists, so that
     * a missing field is reported at the mapping that lacks it.
     */
    int line(String path) {
        String current = path;
        while (true) {
            Mark mark = valueMarks.get(current);
            if (mark != null) {
                return lineOf(mark);
            }
            if (current.isEmpty()) {
                return 0;
            }
            current = Paths.parent(current);
        }
    }

    /** Returns the 1-based line of a mapping key, or of the value's line when the path is no key. */
    int keyLine(String path) {
        Mark mark = keyMarks.get(path);
        return mark != null ? lineOf(mark) : line(path);
    }

    /** Returns the scalar as written in the file, or {@code null} when the path contains no scalar. */
    ScalarNode scalar(String path) {
        return scalars.get(path);
    }

    private static Node compose(String text, String fileName) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMergeOnCompose(true);
        options.setAllowRecursiveKeys(false);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getContext() != null ? e.getContext() + ", " + e.getProblem() : e.getProblem();
            throw new InventoryException(List.of(new InventoryError(fileName, mark == null ? 0 : lineOf(mark), "",
                    "not valid YAML: " + problem)));
        } catch (ReaderException e) {
            throw new InventoryException(List.of(new InventoryError(fileName, lineAt(text, e.getPosition()), "",
                    "not valid YAML: the character U+" + String.format(Locale.ROOT, "%04X", e.getCodePoint())
                            + " is not allowed in a YAML file")));
        } catch (YAMLException e) {
            throw new InventoryException(List.of(new InventoryError(fileName, 0, "",
                    "not valid YAML: " + e.getMessage())));
        }
    }

    private JsonNode convert(Node node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InventoryException(List.of(new InventoryError(fileName, lineOf(node.getStartMark()), path,
                    "nested more than " + MAX_DEPTH + " levels deep; check for an alias that refers to itself")));
        }
        valueMarks.putIfAbsent(path, node.getStartMark());
        return switch (node) {
            case MappingNode mapping -> convertMapping(mapping, path, depth);
            case SequenceNode sequence -> convertSequence(sequence, path, depth);
            case ScalarNode scalar -> {
                scalars.putIfAbsent(path, scalar);
                yield convertScalar(scalar);
            }
            case AnchorNode anchor -> convert(anchor.getRealNode(), path, depth);
            default -> throw new IllegalStateException("Unexpected YAML node " + node.getNodeId());
        };
    }

    private ObjectNode convertMapping(MappingNode mapping, String path, int depth) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || key.getTag().equals(Tag.NULL)) {
                errors.add(new InventoryError(fileName, lineOf(keyNode.getStartMark()), path.isEmpty() ? "" : path,
                        "a mapping key is " + describe(keyNode) + "; keys must be field names"));
                continue;
            }
            String name = key.getValue();
            String childPath = Paths.field(path, name);
            if (object.has(name)) {
                errors.add(new InventoryError(fileName, lineOf(key.getStartMark()), childPath,
                        "duplicate key; the same mapping already sets it on line " + keyLine(childPath)));
                continue;
            }
            keyMarks.put(childPath, key.getStartMark());
            object.set(name, convert(tuple.getValueNode(), childPath, depth + 1));
        }
        return object;
    }

    private ArrayNode convertSequence(SequenceNode sequence, String path, int depth) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            array.add(convert(items.get(i), Paths.index(path, i), depth + 1));
        }
        return array;
    }

    private static JsonNode convertScalar(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        String value = scalar.getValue();
        if (tag.equals(Tag.NULL)) {
            return NullNode.instance;
        }
        if (tag.equals(Tag.BOOL)) {
            String lower = value.toLowerCase(Locale.ROOT);
            return BooleanNode.valueOf(lower.equals("true") || lower.equals("yes") || lower.equals("on"));
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            // Only the JSON type matters to the schema; octal, hexadecimal and sexagesimal forms, which
            // BigDecimal cannot read, still count as numbers.
            try {
                return DecimalNode.valueOf(new BigDecimal(value.replace("_", "")));
            } catch (NumberFormatException e) {
                return DecimalNode.valueOf(BigDecimal.ZERO);
            }
        }
        return TextNode.valueOf(value);
    }

    private static String describe(Node node) {
        return switch (node) {
            case MappingNode mapping -> "a mapping";
            case SequenceNode sequence -> "a list";
            case ScalarNode scalar when scalar.getTag().equals(Tag.NULL) -> "empty";
            case ScalarNode scalar -> "a single value";
            default -> "an alias";
        };
    }

    private static int lineOf(Mark mark) {
        return mark.getLine() + 1;
    }

    private static int lineAt(String text, int codePointIndex) {
        int line = 1;
        int end = text.offsetByCodePoints(0, Math.min(codePointIndex, text.codePointCount(0, text.length())));
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
