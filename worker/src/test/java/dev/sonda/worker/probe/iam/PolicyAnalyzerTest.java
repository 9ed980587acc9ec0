package dev.sonda.worker.probe.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PolicyAnalyzerTest {

    private static PolicyDocument policy(String statements) {
        return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}");
    }

    @Test
    void starOnStarIsFullAdmin() {
        PolicyDocument document = policy("[{\"Sid\":\"Admin\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]");

        assertThat(PolicyAnalyzer.fullAdminStatements(document)).containsExactly("Admin");
    }

    @Test
    void starColonStarInListIsFullAdmin() {
        PolicyDocument document = policy("{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"*:*\"],"
                + "\"Resource\":[\"*\"]}");

        assertThat(PolicyAnalyzer.fullAdminStatements(document)).containsExactly("#1");
    }

    @Test
    void fullAdminIgnoresConditions() {
        PolicyDocument document = policy("[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]");

        assertThat(PolicyAnalyzer.fullAdminStatements(document)).containsExactly("#1");
    }

    @Test
    void starOnOneResourceIsNotFullAdmin() {
        PolicyDocument document = policy("[{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"arn:aws:s3:::bucket/*\"}]");

        assertThat(PolicyAnalyzer.fullAdminStatements(document)).isEmpty();
    }

    @Test
    void denyAndNotActionAreNotFullAdmin() {
        PolicyDocument document = policy("[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}]");

        assertThat(PolicyAnalyzer.fullAdminStatements(document)).isEmpty();
    }

    @Test
    void serviceWildcardsFoundInActionAndNotAction() {
        PolicyDocument document = policy("[{\"Sid\":\"S3\",\"Effect\":\"Allow\",\"Action\":[\"s3:*\","
                + "\"ec2:Describe*\"],\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\","
                + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]");

        assertThat(PolicyAnalyzer.serviceWildcards(document)).containsExactly("S3: Action s3:*",
                "#2: NotAction iam:*");
    }

    @Test
    void prefixWildcardIsNotServiceWildcard() {
        PolicyDocument document = policy("[{\"Effect\":\"Allow\",\"Action\":[\"ec2:Describe*\",\"*\"],"
                + "\"Resource\":\"*\"}]");

        assertThat(PolicyAnalyzer.serviceWildcards(document)).isEmpty();
    }

    @Test
    void kmsDecryptThroughWildcards() {
        for (String action : new String[] {"kms:Decrypt", "kms:*", "kms:Decrypt*", "kms:ReEncrypt*", "*",
                "KMS:decrypt", "kms:ReEncryptFrom"}) {
            PolicyDocument document = policy("[{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"*\"}]");

            assertThat(PolicyAnalyzer.kmsDecryptOnAllKeys(document)).as(action).containsExactly("#1");
        }
    }

    @Test
    void kmsEncryptOnlyPasses() {
        PolicyDocument document = policy("[{\"Effect\":\"Allow\",\"Action\":[\"kms:Encrypt\",\"kms:ReEncryptTo\","
                + "\"kms:GenerateDataKey*\"],\"Resource\":\"*\"}]");

        assertThat(PolicyAnalyzer.kmsDecryptOnAllKeys(document)).isEmpty();
    }

    @Test
    void kmsDecryptOnOneKeyPasses() {
        PolicyDocument document = policy("[{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":"
                + "\"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\"}]");

        assertThat(PolicyAnalyzer.kmsDecryptOnAllKeys(document)).isEmpty();
    }

    @Test
    void kmsKeyArnWildcardCoversAllKeys() {
        PolicyDocument document = policy("[{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":"
                + "[\"arn:aws:kms:*:123456789012:key/*\"]}]");

        assertThat(PolicyAnalyzer.kmsDecryptOnAllKeys(document)).containsExactly("#1");
    }

    @Test
    void kmsNotActionThatKeepsDecryptFails() {
        PolicyDocument allowsDecrypt = policy("[{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}]");
        PolicyDocument excludesKms = policy("[{\"Effect\":\"Allow\",\"NotAction\":[\"kms:*\"],\"Resource\":\"*\"}]");

        assertThat(PolicyAnalyzer.kmsDecryptOnAllKeys(allowsDecrypt)).containsExactly("#1");
        assertThat(PolicyAnalyzer.kmsDecryptOnAllKeys(excludesKms)).isEmpty();
    }

    @Test
    void kmsDecryptIgnoresConditions() {
        PolicyDocument document = policy("[{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"kms:ViaService\":\"s3.eu-west-1.amazonaws.com\"}}}]");

        assertThat(PolicyAnalyzer.kmsDecryptOnAllKeys(document)).containsExactly("#1");
    }

    @Test
    void urlEncodedDocumentDecodes() {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"aws:userid\":\"A+B*\"}}}]}";
        String encoded = URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");

        PolicyDocument document = PolicyDocument.parse(encoded);

        assertThat(document.valid()).isTrue();
        assertThat(PolicyAnalyzer.fullAdminStatements(document)).containsExactly("#1");
        assertThat(PolicyDocument.decode("%7B%22a%22%3A%22x+y%22%7D")).isEqualTo("{\"a\":\"x+y\"}");
    }

    @Test
    void invalidDocumentHasReason() {
        assertThat(PolicyDocument.parse("%7Bnot json").invalidReason()).startsWith("the policy document is not valid JSON");
        assertThat(PolicyDocument.parse("{\"Version\":\"2012-10-17\"}").invalidReason())
                .isEqualTo("the policy document has no Statement");
        assertThat(PolicyDocument.parse("").valid()).isFalse();
    }

    @Test
    void actionPatternsMatchCaseInsensitively() {
        assertThat(PolicyAnalyzer.matches("kms:Re?ncrypt*", "kms:ReEncryptFrom")).isTrue();
        assertThat(PolicyAnalyzer.matches("kms:Decrypt", "kms:DecryptX")).isFalse();
        assertThat(PolicyAnalyzer.matches("kms:De.rypt", "kms:Decrypt")).isFalse();
    }
}
