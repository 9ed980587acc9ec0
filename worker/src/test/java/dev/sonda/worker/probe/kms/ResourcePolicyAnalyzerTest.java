package dev.sonda.worker.probe.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcePolicyAnalyzerTest {

    private static String policy(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    private static boolean isPublic(String statement) {
        ResourcePolicyAnalyzer.Verdict verdict = ResourcePolicyAnalyzer.analyze(policy(statement),
                ResourcePolicyAnalyzer.KMS_PINNING_KEYS);
        assertThat(verdict.valid()).as(verdict.invalidReason()).isTrue();
        return verdict.isPublic();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wildcard string principal | {"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"} | true
            wildcard AWS principal | {"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*"} | true
            wildcard in principal list | {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","*"]},"Action":"kms:Decrypt","Resource":"*"} | true
            account principal | {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"} | false
            service principal | {"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*"} | false
            deny with wildcard | {"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*"} | false
            allow with NotPrincipal | {"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:Decrypt","Resource":"*"} | true
            pinned by kms:CallerAccount | {"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"111122223333"}}} | false
            pinned by aws:PrincipalOrgID | {"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":["o-abc123"]}}} | false
            pinned key in other case | {"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"KMS:CALLERACCOUNT":"111122223333"}}} | false
            pinned with ForAnyValue | {"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:SourceAccount":"111122223333"}}} | false
            wildcard condition value | {"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringLike":{"kms:CallerAccount":"*"}}} | true
            policy variable value | {"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"${aws:username}"}}} | true
            negated operator | {"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringNotEquals":{"kms:CallerAccount":"111122223333"}}} | true
            IfExists operator | {"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEqualsIfExists":{"kms:CallerAccount":"111122223333"}}} | true
            ForAllValues operator | {"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:SourceAccount":"111122223333"}}} | true
            non-pinning condition | {"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}} | true
            kms:ViaService alone | {"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.eu-west-1.amazonaws.com"}}} | true
            """)
    void statementVerdicts(String name, String statement, boolean expected) {
        assertThat(isPublic(statement)).isEqualTo(expected);
    }

    @Test
    void callerAccountPinsOnlyForKms() {
        String statement = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"kms:CallerAccount\":\"111122223333\"}}}";

        assertThat(ResourcePolicyAnalyzer.analyze(policy(statement), ResourcePolicyAnalyzer.GLOBAL_PINNING_KEYS)
                .isPublic()).isTrue();
        assertThat(ResourcePolicyAnalyzer.analyze(policy(statement), ResourcePolicyAnalyzer.KMS_PINNING_KEYS)
                .isPublic()).isFalse();
    }

    @Test
    void publicStatementsNamedBySidOrIndex() {
        String document = "{\"Statement\":[{\"Sid\":\"Owner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"Everyone\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}";

        ResourcePolicyAnalyzer.Verdict verdict = ResourcePolicyAnalyzer.analyze(document,
                ResourcePolicyAnalyzer.KMS_PINNING_KEYS);

        assertThat(verdict.isPublic()).isTrue();
        assertThat(verdict.publicStatements()).isEqualTo(List.of("Everyone", "#2"));
    }

    @Test
    void singleStatementObjectAccepted() {
        String document = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\"}}";

        assertThat(ResourcePolicyAnalyzer.analyze(document, ResourcePolicyAnalyzer.KMS_PINNING_KEYS).isPublic())
                .isTrue();
    }

    @Test
    void missingPolicyIsNotPublic() {
        ResourcePolicyAnalyzer.Verdict verdict = ResourcePolicyAnalyzer.analyze(null,
                ResourcePolicyAnalyzer.KMS_PINNING_KEYS);

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.isPublic()).isFalse();
    }

    @Test
    void invalidPoliciesReported() {
        assertThat(ResourcePolicyAnalyzer.analyze("{not json", ResourcePolicyAnalyzer.KMS_PINNING_KEYS)
                .invalidReason()).isEqualTo("the policy is not valid JSON");
        assertThat(ResourcePolicyAnalyzer.analyze("[1]", ResourcePolicyAnalyzer.KMS_PINNING_KEYS)
                .invalidReason()).isEqualTo("the policy is not a JSON object");
        assertThat(ResourcePolicyAnalyzer.analyze("{\"Statement\":\"x\"}", ResourcePolicyAnalyzer.KMS_PINNING_KEYS)
                .invalidReason()).isEqualTo("Statement is neither an object nor an array");
    }
}
