package dev.sonda.contracts.inventory;

/**
 * One problem found in an inventory file.
 *
 * @param file the inventory's file name, without its directory
 * @param line 1-based line of the offending node, or 0 when the problem concerns the whole file
 * @param path field path of the offending value, such as {@code accounts[1].roleArn}, or an empty
 *     string when the problem concerns the whole document
 * @param message what is wrong and, where it helps, how to fix it; never contains an external id
 */
public record InventoryError(String file, int line, String path, String message) {

    /** Formats the error as {@code accounts.yaml line 12: accounts[1].roleArn: message}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(" line ").append(line);
        }
        text.append(": ");
        if (!path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(message).toString();
    }
}
