package dev.sonda.contracts.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way an inventory can be wrong, with the exact message the operator reads. */
class InventoryParserErrorsTest {

    /** One valid account; tests append fields to it, on line 5 and after. */
    private static final String ACCOUNT = """
            accounts:
              - id: "111111111111"
                name: acme-prod
                tenant: acme
            """;

    @TempDir
    Path directory;

    /** Returns the control id prefixes of the bundled catalog, in catalog order. */
    private static List<String> catalogServices() {
        return dev.sonda.contracts.catalog.Catalog.load().controls().keySet().stream()
                .map(id -> id.substring(0, id.indexOf('.'))).distinct().toList();
    }

    private static List<String> errors(String yaml) {
        InventoryException exception = catchThrowableOfType(InventoryException.class,
                () -> InventoryParser.parse(yaml, "accounts.yaml"));
        assertThat(exception).as("the inventory should be rejected").isNotNull();
        return exception.errors().stream().map(InventoryError::toString).toList();
    }

    // --- The file as a whole ---

    @Test
    void emptyFileRejected() {
        assertThat(errors("")).containsExactly(
                "accounts.yaml: the file is empty; an inventory is a mapping with an accounts list");
    }

    @Test
    void commentOnlyFileRejected() {
        assertThat(errors("# accounts go here\n\n")).containsExactly(
                "accounts.yaml: the file is empty; an inventory is a mapping with an accounts list");
    }

    @Test
    void yamlSyntaxErrorNamesLine() {
        assertThat(errors("accounts:\n  - id: \"111111111111\"\n    name: [acme\n")).containsExactly(
                "accounts.yaml line 4: not valid YAML: while parsing a flow sequence, expected ',' or ']',"
                        + " but got <stream end>");
    }

    @Test
    void controlCharacterRejected() {
        assertThat(errors(ACCOUNT + "    regions: [eu-west-1]\n    \u0007\n")).containsExactly(
                "accounts.yaml line 6: not valid YAML: the character U+0007 is not allowed in a YAML file");
    }

    @Test
    void binaryFileRejected() throws IOException {
        Path file = directory.resolve("accounts.yaml");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, (byte) 0xff});

        assertThatThrownBy(() -> InventoryParser.load(file))
                .isInstanceOf(InventoryException.class)
                .hasMessage("Inventory accounts.yaml is invalid (1 error):\n"
                        + "accounts.yaml: not a UTF-8 text file; an inventory is a YAML file");
    }

    @Test
    void missingFileNamesFullPath() {
        Path file = directory.resolve("absent.yaml");

        InventoryException exception = catchThrowableOfType(InventoryException.class, () -> InventoryParser.load(file));

        assertThat(exception.errors()).extracting(InventoryError::toString).containsExactly(
                "absent.yaml: cannot read " + file.toAbsolutePath() + ": the file does not exist");
    }

    @Test
    void topLevelListRejected() {
        assertThat(errors("- id: \"111111111111\"\n")).containsExactly(
                "accounts.yaml line 1: the top level is a list; an inventory is a mapping with an accounts list");
    }

    @Test
    void topLevelScalarRejected() {
        assertThat(errors("just some text\n")).containsExactly(
                "accounts.yaml line 1: the top level is a single value; an inventory is a mapping with an accounts list");
    }

    @Test
    void secondDocumentRejected() {
        assertThat(errors(ACCOUNT + "    regions: [eu-west-1]\n---\naccounts: []\n")).containsExactly(
                "accounts.yaml line 6: not valid YAML: expected a single document in the stream,"
                        + " but found another document");
    }

    @Test
    void missingAccountsRejected() {
        assertThat(errors("defaults:\n  regions: [eu-west-1]\n")).containsExactly(
                "accounts.yaml line 1: accounts: required field is missing");
    }

    @Test
    void emptyAccountsListRejected() {
        assertThat(errors("accounts: []\n")).containsExactly(
                "accounts.yaml line 1: accounts: the list is empty; an inventory needs at least one account");
    }

    @Test
    void accountsWithoutValueRejected() {
        assertThat(errors("defaults:\n  regions: [eu-west-1]\naccounts:\n")).containsExactly(
                "accounts.yaml line 3: accounts: must be a list, found an empty value");
    }

    // --- Fields ---

    @Test
    void unknownTopLevelFieldRejected() {
        assertThat(errors("default:\n  regions: [eu-west-1]\n" + ACCOUNT)).containsExactly(
                "accounts.yaml line 1: default: unknown field; did you mean defaults?",
                "accounts.yaml line 4: accounts[0]: no regions to scan; set regions on the account or defaults.regions");
    }

    @Test
    void misspeltAccountFieldGetsSuggestion() {
        assertThat(errors(ACCOUNT + "    regions: [eu-west-1]\n    rolearn: arn:aws:iam::111111111111:role/Scan\n"))
                .containsExactly("accounts.yaml line 6: accounts[0].rolearn: unknown field; did you mean roleArn?");
    }

    @Test
    void unrelatedFieldListsAllowedFields() {
        assertThat(errors(ACCOUNT + "    regions: [eu-west-1]\n    owner: alice\n")).containsExactly(
                "accounts.yaml line 6: accounts[0].owner: unknown field; the fields allowed here are id, name,"
                        + " tenant, roleArn, externalId, externalIdRef, regions, disabledControls");
    }

    @Test
    void missingRequiredFieldsReportedEach() {
        assertThat(errors("defaults:\n  regions: [eu-west-1]\naccounts:\n  - id: \"111111111111\"\n")).containsExactly(
                "accounts.yaml line 4: accounts[0].name: required field is missing",
                "accounts.yaml line 4: accounts[0].tenant: required field is missing");
    }

    @Test
    void numberWhereTextExpectedAsksForQuotes() {
        assertThat(errors("accounts:\n  - id: \"111111111111\"\n    name: 2024\n    tenant: acme\n"
                + "    regions: [eu-west-1]\n")).containsExactly(
                "accounts.yaml line 3: accounts[0].name: must be a string, found a number; put the value in quotes");
    }

    @Test
    void blankTenantRejected() {
        assertThat(errors("accounts:\n  - id: \"111111111111\"\n    name: acme-prod\n    tenant: \"  \"\n"
                + "    regions: [eu-west-1]\n")).containsExactly(
                "accounts.yaml line 4: accounts[0].tenant: must not be blank");
    }

    @Test
    void duplicateKeyRejected() {
        assertThat(errors(ACCOUNT + "    regions: [eu-west-1]\n    name: acme-production\n")).containsExactly(
                "accounts.yaml line 6: accounts[0].name: duplicate key; the same mapping already sets it on line 3");
    }

    @Test
    void accountThatIsNotMappingRejected() {
        assertThat(errors(ACCOUNT + "    regions: [eu-west-1]\n  - \"222222222222\"\n")).containsExactly(
                "accounts.yaml line 6: accounts[1]: must be a mapping, found a string");
    }

    // --- Account ids and role ARNs ---

    @Test
    void shortAccountIdRejected() {
        assertThat(errors("accounts:\n  - id: 1234\n    name: a\n    tenant: t\n    regions: [eu-west-1]\n"))
                .containsExactly("accounts.yaml line 2: accounts[0].id: 1234 is not a 12-digit AWS account id");
    }

    @Test
    void duplicateAccountIdRejected() {
        assertThat(errors(ACCOUNT + "    regions: [eu-west-1]\n  - id: 111111111111\n    name: acme-dev\n"
                + "    tenant: acme\n    regions: [eu-west-1]\n")).containsExactly(
                "accounts.yaml line 6: accounts[1].id: duplicate account id 111111111111;"
                        + " accounts[0].id on line 2 already uses it");
    }

    @Test
    void malformedRoleArnRejected() {
        assertThat(errors(ACCOUNT + "    regions: [eu-west-1]\n    roleArn: arn:aws:iam::111111111111:user/alice\n"))
                .containsExactly("accounts.yaml line 6: accounts[0].roleArn: arn:aws:iam::111111111111:user/alice is"
                        + " not an IAM role ARN such as arn:aws:iam::111111111111:role/SondaScanner");
    }

    @Test
    void roleArnOfOtherAccountRejected() {
        String yaml = """
                # Accounts of the acme tenant.
                defaults:
                  regions: [eu-west-1]
                accounts:
                  - id: "111111111111"
                    name: acme-prod
                    tenant: acme
                    roleArn: arn:aws:iam::111111111111:role/SondaScanner
                  - id: "111111111111"
                    name: acme-dev
                    tenant: acme
                    roleArn: arn:aws:iam::222222222222:role/SondaScanner
                """;

        assertThat(errors(yaml)).containsExactly(
                "accounts.yaml line 9: accounts[1].id: duplicate account id 111111111111;"
                        + " accounts[0].id on line 5 already uses it",
                "accounts.yaml line 12: accounts[1].roleArn: account 222222222222 in the role ARN does not match"
                        + " id 111111111111");
    }

    // --- Regions ---

    @Test
    void malformedRegionRejected() {
        assertThat(errors(ACCOUNT + "    regions: [eu-west-1, EU-Central-1]\n")).containsExactly(
                "accounts.yaml line 5: accounts[0].regions[1]: EU-Central-1 is not an AWS region name such as eu-west-1");
    }

    @Test
    void emptyRegionListRejected() {
        assertThat(errors("defaults:\n  regions: [eu-west-1]\n" + ACCOUNT + "    regions: []\n")).containsExactly(
                "accounts.yaml line 7: accounts[0].regions: the list is empty; list at least one region or leave the"
                        + " field out");
    }

    @Test
    void repeatedRegionRejected() {
        assertThat(errors("defaults:\n  regions: [eu-west-1, us-east-1, eu-west-1]\n" + ACCOUNT)).containsExactly(
                "accounts.yaml line 2: defaults.regions: lists eu-west-1 more than once");
    }

    @Test
    void unknownRegionRejected() {
        assertThat(errors(ACCOUNT + "    regions: [eu-west-1, xx-fake-9]\n")).containsExactly(
                "accounts.yaml line 5: accounts[0].regions[1]: unknown AWS region xx-fake-9; if it is new, update"
                        + " Sonda (its AWS SDK lists the regions it knows)");
    }

    @Test
    void regionOfOtherPartitionRejected() {
        assertThat(errors("defaults:\n  regions: [cn-north-1]\n" + ACCOUNT)).containsExactly(
                "accounts.yaml line 2: defaults.regions[0]: region cn-north-1 is in partition aws-cn; Sonda scans the"
                        + " aws partition only");
    }

    @Test
    void roleArnOfOtherPartitionRejected() {
        assertThat(errors(ACCOUNT + "    regions: [eu-west-1]\n"
                + "    roleArn: arn:aws-us-gov:iam::111111111111:role/SondaScanner\n")).containsExactly(
                "accounts.yaml line 6: accounts[0].roleArn: the role ARN is in partition aws-us-gov; Sonda scans"
                        + " accounts of the aws partition only");
    }

    @Test
    void deviceFileRejected() {
        InventoryException exception = catchThrowableOfType(InventoryException.class,
                () -> InventoryParser.load(Path.of("/dev/zero")));

        assertThat(exception).isNotNull();
        assertThat(exception.getMessage()).contains("/dev/zero is not a regular file");
    }

    @Test
    void accountWithoutRegionsRejected() {
        assertThat(errors(ACCOUNT)).containsExactly(
                "accounts.yaml line 2: accounts[0]: no regions to scan; set regions on the account or defaults.regions");
    }

    // --- External ids ---

    @Test
    void externalIdAndRefTogetherRejected() {
        assertThat(errors(ACCOUNT + """
                    regions: [eu-west-1]
                    roleArn: arn:aws:iam::111111111111:role/SondaScanner
                    externalId: acme-external-id
                    externalIdRef: env:ACME_EXTERNAL_ID
                """)).containsExactly(
                "accounts.yaml line 2: accounts[0]: externalId and externalIdRef are both set; keep one of them");
    }

    @Test
    void externalIdWithoutRoleRejected() {
        assertThat(errors(ACCOUNT + "    regions: [eu-west-1]\n    externalId: acme-external-id\n")).containsExactly(
                "accounts.yaml line 6: accounts[0].externalId: needs roleArn as well, because an external id only"
                        + " applies when Sonda assumes a role");
    }

    @Test
    void invalidExternalIdNotEchoed() {
        String secret = "acme secret!";

        List<String> errors = errors(ACCOUNT + "    regions: [eu-west-1]\n"
                + "    roleArn: arn:aws:iam::111111111111:role/SondaScanner\n    externalId: \"" + secret + "\"\n");

        assertThat(errors).containsExactly(
                "accounts.yaml line 7: accounts[0].externalId: contains a character that AWS does not allow in an"
                        + " external id; use letters, digits and +=,.@:/_-");
        assertThat(String.join("\n", errors)).doesNotContain(secret);
    }

    @Test
    void tooShortExternalIdRejected() {
        assertThat(errors(ACCOUNT + "    regions: [eu-west-1]\n"
                + "    roleArn: arn:aws:iam::111111111111:role/SondaScanner\n    externalId: x\n")).containsExactly(
                "accounts.yaml line 7: accounts[0].externalId: must be 2 to 1224 characters long");
    }

    @Test
    void unknownExternalIdRefSchemeRejected() {
        assertThat(errors(refAccount("vault:secret/acme"))).containsExactly(
                "accounts.yaml line 7: accounts[0].externalIdRef: unknown scheme vault in vault:secret/acme;"
                        + " use env:NAME or file:PATH");
    }

    @Test
    void externalIdRefWithoutSchemeRejected() {
        assertThat(errors(refAccount("ACME_EXTERNAL_ID"))).containsExactly(
                "accounts.yaml line 7: accounts[0].externalIdRef: ACME_EXTERNAL_ID has no scheme;"
                        + " use env:NAME or file:PATH");
    }

    @Test
    void invalidEnvironmentVariableNameRejected() {
        assertThat(errors(refAccount("env:1-ACME"))).containsExactly(
                "accounts.yaml line 7: accounts[0].externalIdRef: env:1-ACME does not name an environment variable;"
                        + " use env:NAME with letters, digits and underscores");
    }

    @Test
    void fileRefWithoutPathRejected() {
        assertThat(errors(refAccount("\"file: \""))).containsExactly(
                "accounts.yaml line 7: accounts[0].externalIdRef: file:  names no file; use file:PATH");
    }

    @Test
    void validExternalIdRefsAccepted() {
        assertThat(InventoryParser.parse(refAccount("file:/run/secrets/acme-external-id"), "accounts.yaml")
                .accounts().get(0).externalIdRef()).isEqualTo("file:/run/secrets/acme-external-id");
        assertThat(InventoryParser.parse(refAccount("env:ACME_EXTERNAL_ID"), "accounts.yaml")
                .accounts().get(0).externalIdRef()).isEqualTo("env:ACME_EXTERNAL_ID");
    }

    private static String refAccount(String ref) {
        return ACCOUNT + "    regions: [eu-west-1]\n    roleArn: arn:aws:iam::111111111111:role/SondaScanner\n"
                + "    externalIdRef: " + ref + "\n";
    }

    // --- Disabled controls ---

    @Test
    void controlWithWrongCaseGetsSuggestion() {
        assertThat(errors(disabled("sqs.1", "Encrypted by the platform."))).containsExactly(
                "accounts.yaml line 7: accounts[0].disabledControls[0].id: unknown control sqs.1; did you mean SQS.1?");
    }

    @Test
    void unknownControlListsSameService() {
        assertThat(errors(disabled("SQS.99", "Not used."))).containsExactly(
                "accounts.yaml line 7: accounts[0].disabledControls[0].id: unknown control SQS.99;"
                        + " the catalog's SQS controls are SQS.1, SQS.2, SQS.3");
    }

    @Test
    void controlOfUnknownServiceListsServices() {
        assertThat(errors(disabled("Foo.1", "Not used."))).containsExactly(
                "accounts.yaml line 7: accounts[0].disabledControls[0].id: unknown control Foo.1;"
                        + " the catalog has controls for " + String.join(", ", catalogServices()));
    }

    @Test
    void controlWithoutReasonRejected() {
        assertThat(errors(ACCOUNT + "    regions: [eu-west-1]\n    disabledControls:\n      - id: SQS.2\n"))
                .containsExactly("accounts.yaml line 7: accounts[0].disabledControls[0].reason: required field is missing");
    }

    @Test
    void blankReasonRejected() {
        assertThat(errors(disabled("SQS.2", "\" \""))).containsExactly(
                "accounts.yaml line 8: accounts[0].disabledControls[0].reason: must not be blank");
    }

    @Test
    void controlDisabledTwiceRejected() {
        assertThat(errors(disabled("SQS.2", "One.") + "      - id: SQS.2\n        reason: Two.\n")).containsExactly(
                "accounts.yaml line 9: accounts[0].disabledControls[1].id: control SQS.2 is disabled twice;"
                        + " accounts[0].disabledControls[0].id on line 7 already disables it");
    }

    private static String disabled(String controlId, String reason) {
        return ACCOUNT + "    regions: [eu-west-1]\n    disabledControls:\n      - id: " + controlId
                + "\n        reason: " + reason + "\n";
    }

    // --- Reporting ---

    @Test
    void everyErrorReportedInFileOrder() {
        String yaml = """
                accounts:
                  - id: "111111111111"
                    name: acme-prod
                    tenant: acme
                    regions: [eu-west-1]
                    disabledControls:
                      - id: SQS.99
                        reason: Not used.
                  - id: "22222222222"
                    name: acme-dev
                  - id: "333333333333"
                    name: globex
                    tenant: globex
                    region: [eu-west-1]
                """;

        assertThat(errors(yaml)).containsExactly(
                "accounts.yaml line 7: accounts[0].disabledControls[0].id: unknown control SQS.99;"
                        + " the catalog's SQS controls are SQS.1, SQS.2, SQS.3",
                "accounts.yaml line 9: accounts[1]: no regions to scan; set regions on the account or defaults.regions",
                "accounts.yaml line 9: accounts[1].id: 22222222222 is not a 12-digit AWS account id",
                "accounts.yaml line 9: accounts[1].tenant: required field is missing",
                "accounts.yaml line 11: accounts[2]: no regions to scan; set regions on the account or defaults.regions",
                "accounts.yaml line 14: accounts[2].region: unknown field; did you mean regions?");
    }

    @Test
    void exceptionMessageListsEveryError() {
        assertThatThrownBy(() -> InventoryParser.parse(ACCOUNT + "    regions: [eu-west-1]\n    owner: a\n    team: b\n",
                "accounts.yaml"))
                .isInstanceOf(InventoryException.class)
                .hasMessageStartingWith("Inventory accounts.yaml is invalid (2 errors):\n"
                        + "accounts.yaml line 6: accounts[0].owner: unknown field;")
                .hasMessageContaining("\naccounts.yaml line 7: accounts[0].team: unknown field;");
    }
}
