package dev.sonda.worker.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sonda.contracts.messages.TaskAccount;
import dev.sonda.contracts.messages.TaskErrorCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalIdResolverTest {

    private static final String SECRET = "ext-7f3a9c";
    private static final String PREFIX = "SONDA_EXTERNAL_ID_";
    private static final String ROLE_1 = "arn:aws:iam::111111111111:role/SondaScanner";
    private static final String ROLE_2 = "arn:aws:iam::222222222222:role/SondaScanner";

    @TempDir
    Path directory;

    @TempDir
    Path elsewhere;

    private ExternalIdResolver resolver(Map<String, String> environment, Path inventory) {
        return new ExternalIdResolver(environment::get, Optional.ofNullable(inventory), PREFIX,
                directory.resolve("external-ids"));
    }

    private Path inventory(String externalIdLine) throws IOException {
        Path file = directory.resolve("accounts.yaml");
        Files.writeString(file, """
                defaults:
                  regions: [eu-west-1]
                accounts:
                  - id: "111111111111"
                    name: first
                    tenant: acme
                    roleArn: arn:aws:iam::111111111111:role/SondaScanner
                %s
                  - id: "222222222222"
                    name: second
                    tenant: acme
                    roleArn: arn:aws:iam::222222222222:role/SondaScanner
                    externalIdRef: env:SONDA_EXTERNAL_ID_SECOND
                  - id: "333333333333"
                    name: third
                    tenant: acme
                    roleArn: arn:aws:iam::333333333333:role/SondaScanner
                """.formatted(externalIdLine));
        return file;
    }

    private static TaskAccount task(String accountId, String roleArn, String reference) {
        return new TaskAccount(accountId, "name", "tenant", roleArn, reference);
    }

    private Path externalIdFile(String name, String contents) throws IOException {
        Path file = Files.createDirectories(directory.resolve("external-ids")).resolve(name);
        Files.writeString(file, contents);
        return file;
    }

    @Test
    void environmentVariable() throws CredentialsException {
        ExternalIdResolver resolver = resolver(Map.of(PREFIX + "ACME", " " + SECRET + "\n"), null);

        assertThat(resolver.externalIdFor(task("111111111111", ROLE_1, "env:" + PREFIX + "ACME"))).isEqualTo(SECRET);
    }

    @Test
    void fileContentsTrimmed() throws Exception {
        Path file = externalIdFile("acme", SECRET + "\n");

        assertThat(resolver(Map.of(), null).externalIdFor(task("111111111111", ROLE_1, "file:" + file)))
                .isEqualTo(SECRET);
    }

    @Test
    void noReferenceGivesNoExternalId() throws CredentialsException {
        assertThat(resolver(Map.of(), null).externalIdFor(task("111111111111", ROLE_1, null))).isNull();
    }

    @Test
    void inventoryEntry() throws Exception {
        ExternalIdResolver resolver = resolver(Map.of(PREFIX + "SECOND", "second"),
                inventory("    externalId: " + SECRET));

        assertThat(resolver.externalIdFor(task("111111111111", ROLE_1, "inventory:111111111111"))).isEqualTo(SECRET);
        assertThat(resolver.externalIdFor(task("222222222222", ROLE_2, "env:" + PREFIX + "SECOND")))
                .isEqualTo("second");
    }

    @Test
    void inventoryIsReadAgainWhenItChanges() throws Exception {
        Path file = inventory("    externalId: first-value");
        ExternalIdResolver resolver = resolver(Map.of(), file);
        TaskAccount account = task("111111111111", ROLE_1, "inventory:111111111111");
        assertThat(resolver.externalIdFor(account)).isEqualTo("first-value");

        inventory("    externalId: rotated-value");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(resolver.externalIdFor(account)).isEqualTo("rotated-value");
    }

    @Test
    void variableWithoutPrefixRefused() {
        ExternalIdResolver resolver = resolver(Map.of("AWS_SECRET_ACCESS_KEY", SECRET), null);

        assertUnresolved(resolver, task("111111111111", ROLE_1, "env:AWS_SECRET_ACCESS_KEY"),
                "start with " + PREFIX);
    }

    @Test
    void fileOutsideDirectoryRefused() throws Exception {
        Path outside = Files.writeString(elsewhere.resolve("secret"), SECRET);
        externalIdFile("placeholder", "x");
        Path traversal = directory.resolve("external-ids/../../" + elsewhere.getFileName() + "/secret");

        assertUnresolved(resolver(Map.of(), null), task("111111111111", ROLE_1, "file:" + outside), "only from files in");
        assertUnresolved(resolver(Map.of(), null), task("111111111111", ROLE_1, "file:" + traversal),
                "only from files in");
        assertUnresolved(resolver(Map.of(), null), task("111111111111", ROLE_1, "file:/proc/self/environ"),
                "only from files in");
    }

    @Test
    void symbolicLinkOutOfDirectoryRefused() throws Exception {
        Path outside = Files.writeString(elsewhere.resolve("secret"), SECRET);
        Path link = Files.createSymbolicLink(
                Files.createDirectories(directory.resolve("external-ids")).resolve("link"), outside);

        assertUnresolved(resolver(Map.of(), null), task("111111111111", ROLE_1, "file:" + link), "only from files in");
    }

    @Test
    void inventoryEntryOfOtherAccountRefused() throws Exception {
        ExternalIdResolver resolver = resolver(Map.of(PREFIX + "SECOND", "second"),
                inventory("    externalId: " + SECRET));

        assertRejected(resolver, task("111111111111", ROLE_1, "inventory:222222222222"), "external id reference");
        assertThatThrownBy(() -> resolver.resolve("inventory:222222222222", "111111111111", true))
                .isInstanceOfSatisfying(CredentialsException.class,
                        e -> assertThat(e.getMessage()).contains("its own account").doesNotContain("second"));
    }

    @Test
    void taskNotInInventoryRejected() throws Exception {
        ExternalIdResolver resolver = resolver(Map.of(), inventory("    externalId: " + SECRET));

        assertRejected(resolver, task("999999999999", "arn:aws:iam::999999999999:role/X", null),
                "account 999999999999 is not in the worker's inventory");
    }

    @Test
    void taskWithOtherRoleRejected() throws Exception {
        ExternalIdResolver resolver = resolver(Map.of(), inventory("    externalId: " + SECRET));

        assertRejected(resolver, task("111111111111", "arn:aws:iam::111111111111:role/Attacker",
                "inventory:111111111111"), "is not the inventory's role");
    }

    @Test
    void taskWithOtherReferenceRejected() throws Exception {
        Path file = externalIdFile("other", "other-id");
        ExternalIdResolver resolver = resolver(Map.of(), inventory("    externalId: " + SECRET));

        assertRejected(resolver, task("111111111111", ROLE_1, "file:" + file), "external id reference");
        assertRejected(resolver, task("111111111111", ROLE_1, null), "external id reference");
    }

    @Test
    void unresolvableReferencesNameTheReferenceOnly() throws Exception {
        ExternalIdResolver resolver = resolver(Map.of(), null);

        assertUnresolved(resolver, task("111111111111", ROLE_1, "env:" + PREFIX + "MISSING"),
                "environment variable " + PREFIX + "MISSING is not set");
        assertUnresolved(resolver, task("111111111111", ROLE_1, "file:" + directory.resolve("external-ids/nope")),
                "cannot be read");
        assertUnresolved(resolver, task("111111111111", ROLE_1, "vault:x"), "scheme vault is unknown");
        assertUnresolved(resolver, task("111111111111", ROLE_1, "plain"), "not of the form");
        assertUnresolved(resolver, task("111111111111", ROLE_1, "inventory:111111111111"),
                "sonda.worker.inventory is not set");
    }

    private static void assertUnresolved(ExternalIdResolver resolver, TaskAccount account, String reason) {
        assertThatThrownBy(() -> resolver.externalIdFor(account))
                .isInstanceOfSatisfying(CredentialsException.class, e -> {
                    assertThat(e.code()).isEqualTo(TaskErrorCodes.EXTERNAL_ID_UNRESOLVED);
                    assertThat(e.getMessage()).contains(account.externalIdRef()).contains(reason)
                            .doesNotContain(SECRET);
                });
    }

    private static void assertRejected(ExternalIdResolver resolver, TaskAccount account, String reason) {
        assertThatThrownBy(() -> resolver.externalIdFor(account))
                .isInstanceOfSatisfying(CredentialsException.class, e -> {
                    assertThat(e.code()).isEqualTo(TaskErrorCodes.TASK_REJECTED);
                    assertThat(e.getMessage()).contains(reason).doesNotContain(SECRET);
                });
    }

    @Test
    void fingerprintHidesTheExternalId() throws Exception {
        String plainHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(SECRET.getBytes(StandardCharsets.UTF_8)), 0, 8);

        assertThat(CredentialsService.fingerprint(SECRET)).hasSize(16).doesNotContain(SECRET)
                .isNotEqualTo(plainHash);
        assertThat(CredentialsService.fingerprint(SECRET)).isEqualTo(CredentialsService.fingerprint(SECRET));
        assertThat(CredentialsService.fingerprint(null)).isEqualTo("none");
    }
}
