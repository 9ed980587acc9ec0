package dev.sonda.contracts.inventory;

import java.util.List;

/**
 * An inventory file that cannot be read or breaks the inventory format. {@link #errors()} lists
 * every problem found, each with its file, line and field path.
 */
public class InventoryException extends RuntimeException {

    private final List<InventoryError> errors;

    public InventoryException(String message) {
        super(message);
        this.errors = List.of();
    }

    public InventoryException(String message, Throwable cause) {
        super(message, cause);
        this.errors = List.of();
    }

    /** Creates an exception whose message lists every error, one per line, after a summary line. */
    public InventoryException(List<InventoryError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    /** Returns the problems found, in file order; empty when the exception was built from a message. */
    public List<InventoryError> errors() {
        return errors;
    }

    private static String describe(List<InventoryError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("An InventoryException needs at least one error");
        }
        String file = errors.get(0).file();
        StringBuilder text = new StringBuilder("Inventory ").append(file).append(" is invalid (")
                .append(errors.size()).append(errors.size() == 1 ? " error):" : " errors):");
        errors.forEach(error -> text.append('\n').append(error));
        return text.toString();
    }
}
