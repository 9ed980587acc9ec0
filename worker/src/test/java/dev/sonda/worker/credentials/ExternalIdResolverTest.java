package dev.sonda.worker.credentials;

import dev.sonda.contracts.messages.TaskErrorCodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalIdResolverTest {

    private static final String SECRET = "ext-7f3a9c";

    @TempDir
    Path directory;

    private ExternalIdResolver resolver(Map<String, String> environment, Path inventory) {
        return new ExternalIdResolver(environment::get, Optional.ofNullable(inventory));
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
                    externalIdRef: env:SECOND_ID
                  - id: "333333333333"
                    name: third
                    tenant: acme
                    roleArn: arn:aws:iam::333333333333:role/SondaScanner
                """.formatted(externalIdLine));
        return file;
    }

    @Test
    void environmentVariable() throws CredentialsException {
        assertThat(resolver(Map.of("SONDA_EXT", " " + SECRET + "\n"), null).resolve("env:SONDA_EXT")).isEqualTo(SECRET);
    }

    @Test
    void fileContentsTrimmed() throws Exception {
        Path file = directory.resolve("external-id");
        Files.writeString(file, SECRET + "\n");

        assertThat(resolver(Map.of(), null).resolve("file:" + file)).isEqualTo(SECRET);
    }

    @Test
    void inventoryEntry() throws Exception {
        ExternalIdResolver resolver = resolver(Map.of("SECOND_ID", "second"), inventory("    externalId: " + SECRET));

        assertThat(resolver.resolve("inventory:111111111111")).isEqualTo(SECRET);
        assertThat(resolver.resolve("inventory:222222222222")).isEqualTo("second");
    }

    @Test
    void inventoryIsReadAgainWhenItChanges() throws Exception {
        Path file = inventory("    externalId: first-value");
        ExternalIdResolver resolver = resolver(Map.of(), file);
        assertThat(resolver.resolve("inventory:111111111111")).isEqualTo("first-value");

        inventory("    externalId: rotated-value");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(resolver.resolve("inventory:111111111111")).isEqualTo("rotated-value");
    }

    @Test
    void unresolvableReferencesNameTheReferenceOnly() throws Exception {
        ExternalIdResolver resolver = resolver(Map.of(), inventory("    externalId: " + SECRET));

        assertUnresolved(resolver, "env:MISSING", "environment variable MISSING is not set");
        assertUnresolved(resolver, "file:" + directory.resolve("nope"), "cannot be read");
        assertUnresolved(resolver, "inventory:999999999999", "has no account 999999999999");
        assertUnresolved(resolver, "inventory:333333333333", "neither externalId nor externalIdRef");
        assertUnresolved(resolver, "vault:x", "scheme vault is unknown");
        assertUnresolved(resolver, "plain", "not of the form");
        assertUnresolved(resolver(Map.of(), null), "inventory:111111111111", "sonda.worker.inventory is not set");
    }

    private static void assertUnresolved(ExternalIdResolver resolver, String reference, String reason) {
        assertThatThrownBy(() -> resolver.resolve(reference))
                .isInstanceOfSatisfying(CredentialsException.class, e -> {
                    assertThat(e.code()).isEqualTo(TaskErrorCodes.EXTERNAL_ID_UNRESOLVED);
                    assertThat(e.getMessage()).contains(reference).contains(reason).doesNotContain(SECRET);
                });
    }

    @Test
    void fingerprintHidesTheExternalId() {
        assertThat(CredentialsService.fingerprint(SECRET)).hasSize(16).doesNotContain(SECRET);
        assertThat(CredentialsService.fingerprint(null)).isEqualTo("none");
    }
}
