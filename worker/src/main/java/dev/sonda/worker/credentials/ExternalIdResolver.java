package dev.sonda.worker.credentials;

import dev.sonda.contracts.inventory.Inventory;
import dev.sonda.contracts.inventory.InventoryAccount;
import dev.sonda.contracts.inventory.InventoryException;
import dev.sonda.contracts.inventory.InventoryParser;
import dev.sonda.contracts.messages.TaskAccount;
import dev.sonda.contracts.messages.TaskErrorCodes;
import dev.sonda.worker.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Resolves the external id reference of a task to the external id itself. Tasks never carry the
 * external id, only where to read it:
 *
 * <ul>
 *   <li>{@code env:NAME}: the environment variable NAME, which must start with
 *       {@code sonda.worker.external-ids.environment-prefix};
 *   <li>{@code file:PATH}: the file's contents, trimmed, as Kubernetes mounts a secret; the file
 *       must lie in {@code sonda.worker.external-ids.directory};
 *   <li>{@code inventory:ACCOUNT_ID}: the {@code externalId} (or, failing that, the
 *       {@code externalIdRef}) of the task's own account in the inventory file at
 *       {@code sonda.worker.inventory}, re-read whenever the file changes.
 * </ul>
 *
 * <p>A task is untrusted input: any client that can write to the tasks topic chooses the role and the
 * reference. So a reference may only read the task's own account's entry, a variable with the
 * configured prefix or a file in the configured directory. Otherwise a task could make the worker
 * send any secret it can read as the ExternalId of an AssumeRole call, which CloudTrail records in
 * the role's account. When the worker has an inventory, a task must also match it: its account
 * must be listed, with the same role ARN and external id reference.
 *
 * <p>Error messages name the reference, never the value.
 */
@ApplicationScoped
public class ExternalIdResolver {

    /** Maximum size of an external id file: STS allows at most 1,224 characters, so a larger file is not one. */
    private static final long MAX_EXTERNAL_ID_FILE_BYTES = 4096;

    private final Function<String, String> environment;
    private final Optional<Path> inventoryFile;
    private final String environmentPrefix;
    private final Path directory;
    // A lock, not synchronized: reading the file under a monitor would pin the virtual thread on Java 21.
    private final ReentrantLock inventoryLock = new ReentrantLock();
    private CachedInventory cached;

    @Inject
    public ExternalIdResolver(WorkerConfig config) {
        this(System::getenv, config.inventory(), config.externalIds().environmentPrefix(),
                config.externalIds().directory());
    }

    public ExternalIdResolver(Function<String, String> environment, Optional<Path> inventoryFile,
            String environmentPrefix, Path directory) {
        this.environment = environment;
        this.inventoryFile = inventoryFile;
        this.environmentPrefix = environmentPrefix;
        this.directory = directory.toAbsolutePath().normalize();
    }

    /**
     * Checks the task's account against the worker's inventory, when it has one, and returns the
     * external id of the task's role, or {@code null} when the task names no reference.
     *
     * @throws CredentialsException with code {@code TASK_REJECTED} if the task does not match the
     *     inventory, or {@code EXTERNAL_ID_UNRESOLVED} if the reference is not allowed, malformed or
     *     points to nothing
     */
    public String externalIdFor(TaskAccount account) throws CredentialsException {
        if (inventoryFile.isPresent()) {
            checkAgainstInventory(account,
                    inventory(Objects.requireNonNullElse(account.externalIdRef(), "(none)"), inventoryFile.get()));
        }
        if (account.externalIdRef() == null || account.externalIdRef().isBlank()) {
            return null;
        }
        return resolve(account.externalIdRef(), account.id(), true);
    }

    private static void checkAgainstInventory(TaskAccount task, Inventory inventory) throws CredentialsException {
        InventoryAccount listed = inventory.account(task.id()).orElse(null);
        if (listed == null) {
            throw rejected("account " + task.id() + " is not in the worker's inventory");
        }
        if (!Objects.equals(blankToNull(listed.roleArn()), blankToNull(task.roleArn()))) {
            throw rejected("the task's role " + task.roleArn() + " is not the inventory's role " + listed.roleArn()
                    + " for account " + task.id());
        }
        String expectedRef = listed.externalIdRef() != null ? listed.externalIdRef()
                : listed.externalId() != null ? TaskAccount.INVENTORY_REF_PREFIX + task.id() : null;
        if (!Objects.equals(blankToNull(expectedRef), blankToNull(task.externalIdRef()))) {
            throw rejected("the task's external id reference " + task.externalIdRef()
                    + " is not the one the inventory gives account " + task.id());
        }
    }

    String resolve(String reference, String accountId, boolean allowInventory) throws CredentialsException {
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
                if (!target.equals(accountId)) {
                    throw unresolved(reference, "a task of account " + accountId
                            + " may only use the inventory entry of its own account");
                }
                yield fromInventory(reference, target);
            }
            default -> throw unresolved(reference, "the scheme " + scheme + " is unknown; use env:, file: or inventory:");
        };
    }

    private String fromEnvironment(String reference, String name) throws CredentialsException {
        if (!name.startsWith(environmentPrefix)) {
            throw unresolved(reference, "the worker reads external ids only from environment variables whose"
                    + " names start with " + environmentPrefix + " (sonda.worker.external-ids.environment-prefix)");
        }
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            throw unresolved(reference, "the environment variable " + name + " is not set or empty");
        }
        return value.strip();
    }

    private String fromFile(String reference, String path) throws CredentialsException {
        String value;
        try {
            Path file = Path.of(path).toAbsolutePath().normalize();
            // The real paths defeat "..", symbolic links and mounted aliases out of the directory.
            if (!file.startsWith(directory) || !file.toRealPath().startsWith(directory.toRealPath())) {
                throw unresolved(reference, "the worker reads external ids only from files in " + directory
                        + " (sonda.worker.external-ids.directory)");
            }
            if (Files.size(file) > MAX_EXTERNAL_ID_FILE_BYTES) {
                throw unresolved(reference, "the file is larger than " + MAX_EXTERNAL_ID_FILE_BYTES
                        + " bytes, too large for an external id");
            }
            value = Files.readString(file, StandardCharsets.UTF_8).strip();
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
            return resolve(account.externalIdRef(), accountId, false);
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

    private static CredentialsException rejected(String reason) {
        return new CredentialsException(TaskErrorCodes.TASK_REJECTED, "CheckInventory", TaskErrorCodes.TASK_REJECTED,
                "The task does not match the worker's inventory: " + reason + ".");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static CredentialsException unresolved(String reference, String reason) {
        return new CredentialsException(TaskErrorCodes.EXTERNAL_ID_UNRESOLVED, "ResolveExternalId",
                TaskErrorCodes.EXTERNAL_ID_UNRESOLVED,
                "External id reference " + reference + " cannot be resolved: " + reason + ".");
    }

    private record CachedInventory(Inventory inventory, FileTime modified, long size) {
    }
}
