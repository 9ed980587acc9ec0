package dev.sonda.contracts.inventory;

/** An inventory file that cannot be read or breaks the inventory format. */
public class InventoryException extends RuntimeException {

    public InventoryException(String message) {
        super(message);
    }

    public InventoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
