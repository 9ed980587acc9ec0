package dev.sonda.aggregator.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sonda.contracts.inventory.InventoryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountInventoryTest {

    private static final String FIRST = "111111111111";
    private static final String SECOND = "222222222222";

    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("accounts.yaml");
    }

    /** Writes an inventory of these accounts and moves its modification time, as an edit would. */
    private Path write(int secondsLater, String... accountIds) throws IOException {
        StringBuilder yaml = new StringBuilder("defaults:\n  regions: [eu-west-1]\naccounts:\n");
        for (String id : accountIds) {
            yaml.append("  - id: \"").append(id).append("\"\n")
                    .append("    name: acct-").append(id, 8, 12).append('\n')
                    .append("    tenant: tenant-a\n")
                    .append("    roleArn: arn:aws:iam::").append(id).append(":role/SondaScanner\n");
        }
        return touch(Files.writeString(file(), yaml), secondsLater);
    }

    private static Path touch(Path file, int secondsLater) throws IOException {
        return Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }

    @Test
    void anyAccountAcceptsAll() {
        AccountInventory inventory = AccountInventory.anyAccount();

        assertThat(inventory.contains(FIRST)).isTrue();
        assertThat(inventory.file()).isEmpty();
        assertThat(inventory.size()).isEqualTo(-1);
    }

    @Test
    void listedAccountsOnly() throws IOException {
        AccountInventory inventory = AccountInventory.load(write(0, FIRST));

        assertThat(inventory.contains(FIRST)).isTrue();
        assertThat(inventory.contains(SECOND)).isFalse();
        assertThat(inventory.file()).contains(file());
    }

    @Test
    void changedFileReadAgain() throws IOException {
        AccountInventory inventory = AccountInventory.load(write(0, FIRST));

        write(60, FIRST, SECOND);

        assertThat(inventory.contains(SECOND)).isTrue();
        assertThat(inventory.size()).isEqualTo(2);
    }

    @Test
    void invalidChangeKeepsPrevious() throws IOException {
        AccountInventory inventory = AccountInventory.load(write(0, FIRST));

        touch(Files.writeString(file(), "accounts:\n  - id: not-an-account\n"), 60);

        assertThat(inventory.contains(FIRST)).isTrue();
        assertThat(inventory.contains("not-an-account")).isFalse();

        write(120, SECOND);
        assertThat(inventory.contains(SECOND)).isTrue();
        assertThat(inventory.contains(FIRST)).isFalse();
    }

    @Test
    void deletedFileKeepsPrevious() throws IOException {
        AccountInventory inventory = AccountInventory.load(write(0, FIRST));

        Files.delete(file());

        assertThat(inventory.contains(FIRST)).isTrue();
    }

    @Test
    void invalidFileFailsAtStart() throws IOException {
        Files.writeString(file(), "accounts:\n  - id: \"111111111111\"\n    roleArn: arn:aws:iam::999999999999:role/X\n");

        assertThatThrownBy(() -> AccountInventory.load(file()))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("accounts.yaml");
        assertThatThrownBy(() -> AccountInventory.load(directory.resolve("missing.yaml")))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("missing.yaml");
    }
}
