package dev.sonda.worker.credentials;

import dev.sonda.contracts.inventory.Inventory;
import dev.sonda.contracts.inventory.InventoryAccount;
import dev.sonda.contracts.inventory.InventoryException;
import dev.sonda.contracts.inventory.InventoryParser;
import dev.sonda.contracts.messages.TaskErrorCodes;
import dev.sonda.worker.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Resolves the external id reference of a task to the external id itself. Tasks never carry the
 * external id, only where to read it:
 *
 * <ul>
 *   <li>{@code env:NAME}: the environment variable NAME;
 *   <li>{@code file:PATH}: the file's contents, trimmed, as Kubernetes mounts a secret;
 *   <li>{@code inventory:ACCOUNT_ID}: the {@code externalId} (or, failing that, the
 *       {@code externalIdRef}) of that account in the inventory file at
 *       {@code sonda.worker.inventory}, re-read whenever the file changes.
 * </ul>
 *
 * <p>Error messages name the reference, never the value.
 */
@ApplicationScoped
public class ExternalIdResolver {

    private final Function<String, String> environment;
    private final Optional<Path> inventoryFile;
    // A lock, not synchronized: reading the file under a monitor would pin the virtual thread on Java 21.
    private final ReentrantLock inventoryLock = new ReentrantLock();
    private CachedInventory cached;

    @Inject
    public ExternalIdResolver(WorkerConfig config) {
        this(System::getenv, config.inventory());
    }

    public ExternalIdResolver(Function<String, String> environment, Optional<Path> inventoryFile) {
        this.environment = environment;
        this.inventoryFile = inventoryFile;
    }

    /**
     * Returns the external id a reference points to.
     *
     * @throws CredentialsException with code {@code EXTERNAL_ID_UNRESOLVED} if the reference is
     *     malformed or points to nothing
     */
    public String resolve(String reference) throws CredentialsException {
        return resolve(reference, true);
    }

    private String resolve(String reference, boolean allowInventory) throws CredentialsException {
        int colon = reference.indexOf(':');
        if (colon <= 0 || colon == reference.length() - 1) {
            throw unresolved(reference, "it is not of the form env:NAME, file:PATH or inventory:ACCOUNT_ID");
        }
        String scheme = reference.substring(0, colon);
        String target = reference.substring(colon + 1);
        return switch (scheme) {
            case "env" -> fromEnvironment(reference, target);
            case "file" -> fromFile(reference, target);
            case "inventory" -> {
                if (!allowInventory) {
                    throw unresolved(reference, "an inventory entry may not point to another inventory entry");
                }
                yield fromInventory(reference, target);
            }
            default -> throw unresolved(reference, "the scheme " + scheme + " is unknown; use env:, file: or inventory:");
        };
    }

    private String fromEnvironment(String reference, String name) throws CredentialsException {
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            throw unresolved(reference, "the environment variable " + name + " is not set or empty");
        }
        return value.strip();
    }

    private static String fromFile(String reference, String path) throws CredentialsException {
        String value;
        try {
            value = Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw unresolved(reference, "the file cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (value.isEmpty()) {
            throw unresolved(reference, "the file is empty");
        }
        return value;
    }

    private String fromInventory(String reference, String accountId) throws CredentialsException {
        if (inventoryFile.isEmpty()) {
            throw unresolved(reference, "sonda.worker.inventory is not set");
        }
        Inventory inventory = inventory(reference, inventoryFile.get());
        InventoryAccount account = inventory.account(accountId)
                .orElseThrow(() -> unresolved(reference, "the inventory has no account " + accountId));
        if (account.externalId() != null && !account.externalId().isBlank()) {
            return account.externalId().strip();
        }
        if (account.externalIdRef() != null && !account.externalIdRef().isBlank()) {
            return resolve(account.externalIdRef(), false);
        }
        throw unresolved(reference, "the inventory account " + accountId + " has neither externalId nor externalIdRef");
    }

    /** Returns the parsed inventory, reading the file again when its modification time or size changed. */
    private Inventory inventory(String reference, Path file) throws CredentialsException {
        inventoryLock.lock();
        try {
            return readIfChanged(reference, file);
        } finally {
            inventoryLock.unlock();
        }
    }

    private Inventory readIfChanged(String reference, Path file) throws CredentialsException {
        FileTime modified;
        long size;
        try {
            modified = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (IOException e) {
            throw unresolved(reference, "the inventory file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (cached == null || !cached.modified().equals(modified) || cached.size() != size) {
            try {
                cached = new CachedInventory(InventoryParser.load(file), modified, size);
            } catch (InventoryException e) {
                throw unresolved(reference, "the inventory file " + file + " is invalid");
            }
        }
        return cached.inventory();
    }

    private static CredentialsException unresolved(String reference, String reason) {
        return new CredentialsException(TaskErrorCodes.EXTERNAL_ID_UNRESOLVED, "ResolveExternalId",
                TaskErrorCodes.EXTERNAL_ID_UNRESOLVED,
                "External id reference " + reference + " cannot be resolved: " + reason + ".");
    }

    private record CachedInventory(Inventory inventory, FileTime modified, long size) {
    }
}
