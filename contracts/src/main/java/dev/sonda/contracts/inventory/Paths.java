package dev.sonda.contracts.inventory;

import com.networknt.schema.path.NodePath;

/** Field paths in the form error messages show them: {@code accounts[1].disabledControls[0].id}. */
final class Paths {

    private Paths() {
    }

    static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** Returns the path one level up, or an empty string for a top-level field. */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    /** Converts a JSON Schema validator's instance location into this form. */
    static String of(NodePath location) {
        String path = "";
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path = element instanceof Integer index ? index(path, index) : field(path, String.valueOf(element));
        }
        return path;
    }
}
