package dev.sonda.aggregator.inventory;

import dev.sonda.contracts.inventory.InventoryAccount;
import dev.sonda.contracts.inventory.InventoryException;
import dev.sonda.contracts.inventory.InventoryParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts whose results the aggregator accepts: those listed in the accounts inventory file
 * ({@code sonda.aggregator.inventory}), or any account when no file is set.
 *
 * <p>Each lookup compares the file's modification time and size with those of the version read
 * last, and reads the file again when either changed, as the worker does with its inventory. A
 * new version that cannot be read or is invalid is logged once and the accounts of the previous
 * version stay in effect, so that a half-written file does not reject every result. Thread-safe:
 * Kafka Streams threads share one instance.
 */
public final class AccountInventory {

    private static final Logger LOG = LoggerFactory.getLogger(AccountInventory.class);

    private final Path file;
    // A lock, not synchronized, so that a virtual thread reading the file does not pin its carrier.
    private final ReentrantLock reloadLock = new ReentrantLock();
    private volatile Snapshot snapshot;
    /** Attributes of the last version that failed to load, so that its error is logged once. */
    private FileVersion failedVersion;

    private AccountInventory(Path file, Snapshot snapshot) {
        this.file = file;
        this.snapshot = snapshot;
    }

    /** Returns an inventory that accepts every account. */
    public static AccountInventory anyAccount() {
        return new AccountInventory(null, null);
    }

    /**
     * Reads an inventory file.
     *
     * @throws InventoryException if the file cannot be read or is invalid. Its message lists every
     *     problem with file, line and field, and contains no external id.
     */
    public static AccountInventory load(Path file) {
        FileVersion version;
        try {
            version = FileVersion.of(file);
        } catch (IOException e) {
            throw new InventoryException("Cannot read the inventory " + file.toAbsolutePath()
                    + " (sonda.aggregator.inventory): " + e, e);
        }
        Snapshot first = Snapshot.read(file, version);
        LOG.info("Read inventory {}: {} accounts", file, first.accountIds().size());
        return new AccountInventory(file, first);
    }

    /** Returns the inventory file, or empty when every account is accepted. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Returns whether results of this account are accepted, reading the file again first if it changed. */
    public boolean contains(String accountId) {
        if (file == null) {
            return true;
        }
        return current().accountIds().contains(accountId);
    }

    /** Returns the number of accounts of the version in effect, or -1 when every account is accepted. */
    public int size() {
        return file == null ? -1 : current().accountIds().size();
    }

    private Snapshot current() {
        Snapshot known = snapshot;
        FileVersion version;
        try {
            version = FileVersion.of(file);
        } catch (IOException e) {
            reportFailure(FileVersion.MISSING, "Cannot read the file: " + e);
            return known;
        }
        if (version.equals(known.version())) {
            return known;
        }
        reloadLock.lock();
        try {
            if (version.equals(snapshot.version()) || version.equals(failedVersion)) {
                return snapshot;
            }
            Snapshot reread = Snapshot.read(file, version);
            snapshot = reread;
            failedVersion = null;
            LOG.info("Read inventory {} again after it changed: {} accounts", file, reread.accountIds().size());
            return reread;
        } catch (InventoryException e) {
            reportFailure(version, e.getMessage());
            return snapshot;
        } finally {
            reloadLock.unlock();
        }
    }

    private void reportFailure(FileVersion version, String problem) {
        reloadLock.lock();
        try {
            if (version.equals(failedVersion)) {
                return;
            }
            failedVersion = version;
            LOG.error("Inventory {} (sonda.aggregator.inventory) changed and cannot be used; results are checked"
                    + " against the {} accounts of the version read before until the file is fixed. {}", file,
                    snapshot.accountIds().size(), problem);
        } finally {
            reloadLock.unlock();
        }
    }

    /** Modification time and size of one version of the file. */
    private record FileVersion(FileTime modified, long size) {

        /** Stands for a file that cannot be found or read. */
        static final FileVersion MISSING = new FileVersion(FileTime.fromMillis(0), -1);

        static FileVersion of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileVersion(attributes.lastModifiedTime(), attributes.size());
        }
    }

    private record Snapshot(Set<String> accountIds, FileVersion version) {

        static Snapshot read(Path file, FileVersion version) {
            Set<String> ids = InventoryParser.load(file).accounts().stream()
                    .map(InventoryAccount::id)
                    .collect(Collectors.toUnmodifiableSet());
            return new Snapshot(ids, version);
        }
    }
}
