package dev.sonda.contracts.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.messages.DisabledControl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inventories that the parser accepts, and what it makes of them. */
class InventoryParserTest {

    static final String EXAMPLE = """
            defaults:
              regions: [eu-west-1, us-east-1]
            accounts:
              - id: "111111111111"
                name: acme-prod
                tenant: acme
                roleArn: arn:aws:iam::111111111111:role/SondaScanner
                externalId: sonda-demo-acme-prod
                regions: [eu-west-1]
                disabledControls:
                  - id: Account.2
                    reason: "Standalone account by contract."
              - id: "222222222222"
                name: acme-dev
                tenant: acme
                roleArn: arn:aws:iam::222222222222:role/SondaScanner
                externalIdRef: env:ACME_EXTERNAL_ID
              - id: "333333333333"
                name: globex-prod
                tenant: globex
            """;

    @TempDir
    Path directory;

    @Test
    void exampleParses() {
        Inventory inventory = InventoryParser.parse(EXAMPLE, "accounts.yaml");

        assertThat(inventory.accounts()).hasSize(3);
        InventoryAccount prod = inventory.account("111111111111").orElseThrow();
        assertThat(prod.name()).isEqualTo("acme-prod");
        assertThat(prod.tenant()).isEqualTo("acme");
        assertThat(prod.roleArn()).isEqualTo("arn:aws:iam::111111111111:role/SondaScanner");
        assertThat(prod.externalId()).isEqualTo("sonda-demo-acme-prod");
        assertThat(prod.externalIdRef()).isNull();
        assertThat(prod.regions()).containsExactly("eu-west-1");
        assertThat(prod.disabledControls())
                .containsExactly(new DisabledControl("Account.2", "Standalone account by contract."));
    }

    @Test
    void defaultRegionsApplyWhereAccountHasNone() {
        Inventory inventory = InventoryParser.parse(EXAMPLE, "accounts.yaml");

        assertThat(inventory.account("222222222222").orElseThrow().regions()).containsExactly("eu-west-1", "us-east-1");
        assertThat(inventory.account("333333333333").orElseThrow().regions()).containsExactly("eu-west-1", "us-east-1");
    }

    @Test
    void optionalFieldsAbsentAreNull() {
        InventoryAccount globex = InventoryParser.parse(EXAMPLE, "accounts.yaml").account("333333333333").orElseThrow();

        assertThat(globex.roleArn()).isNull();
        assertThat(globex.externalId()).isNull();
        assertThat(globex.externalIdRef()).isNull();
        assertThat(globex.disabledControls()).isEmpty();
    }

    @Test
    void externalIdRefKept() {
        InventoryAccount dev = InventoryParser.parse(EXAMPLE, "accounts.yaml").account("222222222222").orElseThrow();

        assertThat(dev.externalIdRef()).isEqualTo("env:ACME_EXTERNAL_ID");
        assertThat(dev.externalId()).isNull();
    }

    @Test
    void unquotedAccountIdKeepsAllDigits() {
        Inventory inventory = InventoryParser.parse("""
                accounts:
                  - id: 111111111111
                    name: a
                    tenant: t
                    regions: [eu-west-1]
                  - id: 012345678901
                    name: b
                    tenant: t
                    regions: [eu-west-1]
                """, "accounts.yaml");

        assertThat(inventory.accounts()).extracting(InventoryAccount::id)
                .containsExactly("111111111111", "012345678901");
    }

    @Test
    void mergeKeyCopiesSharedFields() {
        Inventory inventory = InventoryParser.parse("""
                defaults:
                  regions: [eu-west-1]
                accounts:
                  - &acme
                    id: "111111111111"
                    name: acme-prod
                    tenant: acme
                    regions: [eu-central-1, eu-west-1]
                  - <<: *acme
                    id: "222222222222"
                    name: acme-dev
                """, "accounts.yaml");

        InventoryAccount dev = inventory.account("222222222222").orElseThrow();
        assertThat(dev.tenant()).isEqualTo("acme");
        assertThat(dev.regions()).containsExactly("eu-central-1", "eu-west-1");
    }

    @Test
    void loadReadsFileWithByteOrderMark() throws IOException {
        Path file = directory.resolve("accounts.yaml");
        Files.write(file, ("\uFEFF" + EXAMPLE).getBytes(StandardCharsets.UTF_8));

        Inventory inventory = InventoryParser.load(file);

        assertThat(inventory.accounts()).extracting(InventoryAccount::id)
                .containsExactly("111111111111", "222222222222", "333333333333");
    }

    @Test
    void textIsStrippedFromLabels() {
        Inventory inventory = InventoryParser.parse("""
                accounts:
                  - id: "111111111111"
                    name: " acme-prod "
                    tenant: acme
                    regions: [eu-south-2, ap-southeast-7]
                    disabledControls:
                      - id: SQS.2
                        reason: >
                          Tags are managed elsewhere.
                """, "accounts.yaml");

        InventoryAccount account = inventory.accounts().get(0);
        assertThat(account.name()).isEqualTo("acme-prod");
        assertThat(account.regions()).isEqualTo(List.of("eu-south-2", "ap-southeast-7"));
        assertThat(account.disabledControls()).containsExactly(new DisabledControl("SQS.2", "Tags are managed elsewhere."));
    }
}
