package dev.sonda.worker.probe.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcePolicyAnalyzerTest {

    @Test
    void notPrincipalIsPublicOnlyWhereConfigured() {
        String statement = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotPrincipal\":"
                + "{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"*\",\"Resource\":\"*\"}]}";

        assertThat(ResourcePolicyAnalyzer.KMS_KEY_POLICY.analyze(statement).isPublic()).isTrue();
        assertThat(ResourcePolicyAnalyzer.S3_BUCKET_POLICY.analyze(statement).isPublic()).isTrue();
        assertThat(ResourcePolicyAnalyzer.SQS_QUEUE_POLICY.analyze(statement).isPublic()).isFalse();
    }

    /** SQS.3 with {@link ResourcePolicyAnalyzer#SQS_QUEUE_POLICY}. */
    @Nested
    class SqsQueuePolicy {

        private static final String ARN = "arn:aws:sqs:us-east-1:123456789012:orders";

        private static ResourcePolicyAnalyzer.Verdict analyze(String policy) {
            return ResourcePolicyAnalyzer.SQS_QUEUE_POLICY.analyze(policy);
        }

        private static String policy(String statements) {
            return "{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}";
        }

        private static String allow(String principal, String condition) {
            return "{\"Sid\":\"S1\",\"Effect\":\"Allow\",\"Principal\":" + principal
                    + ",\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + ARN + "\""
                    + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @CsvSource(delimiter = '|', value = {
            // case | principal | condition | public
            "star string | \"*\" | | true",
            "AWS star | {\"AWS\":\"*\"} | | true",
            "AWS list with star | {\"AWS\":[\"arn:aws:iam::111111111111:root\",\"*\"]} | | true",
            "named account | {\"AWS\":\"arn:aws:iam::111111111111:root\"} | | false",
            "service principal | {\"Service\":\"sns.amazonaws.com\"} | | false",
            "SourceArn pinned | \"*\" | {\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:123456789012:t\"}} | false",
            "SourceAccount pinned | \"*\" | {\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}} | false",
            "SourceOwner pinned | \"*\" | {\"StringEquals\":{\"aws:SourceOwner\":\"123456789012\"}} | false",
            "PrincipalOrgID pinned | \"*\" | {\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc123\"}} | false",
            "PrincipalAccount pinned | \"*\" | {\"StringEquals\":{\"aws:PrincipalAccount\":[\"123456789012\"]}} | false",
            "SourceVpc pinned | \"*\" | {\"StringEquals\":{\"aws:SourceVpc\":\"vpc-1\"}} | false",
            "SourceVpce pinned | \"*\" | {\"StringEquals\":{\"aws:SourceVpce\":\"vpce-1\"}} | false",
            "key case ignored | \"*\" | {\"StringEquals\":{\"AWS:SOURCEACCOUNT\":\"123456789012\"}} | false",
            "ArnLike fixed value | \"*\" | {\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:123456789012:t\"}} | false",
            "wildcard value | \"*\" | {\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:123456789012:t\"}} | true",
            "question mark value | \"*\" | {\"StringLike\":{\"aws:SourceAccount\":\"12345678901?\"}} | true",
            "policy variable value | \"*\" | {\"StringEquals\":{\"aws:SourceAccount\":\"${aws:PrincipalAccount}\"}} | true",
            "one of several values wildcard | \"*\" | {\"StringEquals\":{\"aws:SourceAccount\":[\"123456789012\",\"*\"]}} | true",
            "non-pinning key | \"*\" | {\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}} | true",
            "negated operator | \"*\" | {\"StringNotEquals\":{\"aws:SourceAccount\":\"123456789012\"}} | true",
            "IfExists operator | \"*\" | {\"StringEqualsIfExists\":{\"aws:SourceAccount\":\"123456789012\"}} | true",
            "ForAllValues operator | \"*\" | {\"ForAllValues:StringEquals\":{\"aws:SourceVpce\":[\"vpce-1\"]}} | true",
            "ForAnyValue operator | \"*\" | {\"ForAnyValue:StringEquals\":{\"aws:SourceVpce\":[\"vpce-1\"]}} | false",
            "empty value list | \"*\" | {\"StringEquals\":{\"aws:SourceAccount\":[]}} | true",
        })
        void allowStatement(String description, String principal, String condition, boolean expectedPublic) {
            ResourcePolicyAnalyzer.Verdict verdict = analyze(policy("[" + allow(principal, condition) + "]"));

            assertThat(verdict.valid()).isTrue();
            assertThat(verdict.isPublic()).as(description).isEqualTo(expectedPublic);
        }

        @Test
        void denyWithWildcardIsNotPublic() {
            String deny = "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sqs:*\",\"Resource\":\"" + ARN + "\"}";

            assertThat(analyze(policy("[" + deny + "]")).isPublic()).isFalse();
        }

        @Test
        void statementAsObject() {
            ResourcePolicyAnalyzer.Verdict verdict = analyze(policy(allow("\"*\"", null)));

            assertThat(verdict.isPublic()).isTrue();
            assertThat(verdict.publicStatements()).containsExactly("S1");
        }

        @Test
        void statementWithoutSidNamedByIndex() {
            String named = "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"sqs:*\"}";
            String open = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:*\"}";

            ResourcePolicyAnalyzer.Verdict verdict = analyze(policy("[" + named + "," + open + "]"));

            assertThat(verdict.publicStatements()).containsExactly("#1");
        }

        @Test
        void noPolicyIsNotPublic() {
            assertThat(analyze(null).isPublic()).isFalse();
            assertThat(analyze(" ").valid()).isTrue();
        }

        @Test
        void malformedPolicyIsInvalid() {
            ResourcePolicyAnalyzer.Verdict verdict = analyze("{\"Statement\": [");

            assertThat(verdict.valid()).isFalse();
            assertThat(verdict.invalidReason()).isEqualTo("the policy is not valid JSON");
        }

        @Test
        void statementOfWrongTypeIsInvalid() {
            assertThat(analyze(policy("\"oops\"")).valid()).isFalse();
        }
    }

    /** KMS.5 with {@link ResourcePolicyAnalyzer#KMS_KEY_POLICY}. */
    @Nested
    class KmsKeyPolicy {

        private static ResourcePolicyAnalyzer.Verdict analyze(String policy) {
            return ResourcePolicyAnalyzer.KMS_KEY_POLICY.analyze(policy);
        }

        private static String policy(String statement) {
            return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
        }

        private static boolean isPublic(String statement) {
            ResourcePolicyAnalyzer.Verdict verdict = analyze(policy(statement));
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

            assertThat(ResourcePolicyAnalyzer.S3_BUCKET_POLICY.analyze(policy(statement)).isPublic()).isTrue();
            assertThat(ResourcePolicyAnalyzer.KMS_KEY_POLICY.analyze(policy(statement)).isPublic()).isFalse();
        }

        @Test
        void publicStatementsNamedBySidOrIndex() {
            String document = "{\"Statement\":[{\"Sid\":\"Owner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                    + "\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                    + "{\"Sid\":\"Everyone\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                    + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}";

            ResourcePolicyAnalyzer.Verdict verdict = analyze(document);

            assertThat(verdict.isPublic()).isTrue();
            assertThat(verdict.publicStatements()).isEqualTo(List.of("Everyone", "#2"));
        }

        @Test
        void singleStatementObjectAccepted() {
            String document = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\"}}";

            assertThat(analyze(document).isPublic()).isTrue();
        }

        @Test
        void missingPolicyIsNotPublic() {
            ResourcePolicyAnalyzer.Verdict verdict = analyze(null);

            assertThat(verdict.valid()).isTrue();
            assertThat(verdict.isPublic()).isFalse();
        }

        @Test
        void invalidPoliciesReported() {
            assertThat(analyze("{not json").invalidReason()).isEqualTo("the policy is not valid JSON");
            assertThat(analyze("[1]").invalidReason()).isEqualTo("the policy is not a JSON object");
            assertThat(analyze("{\"Statement\":\"x\"}").invalidReason())
                    .isEqualTo("Statement is neither an object nor an array");
        }
    }

    /** CloudTrail.6 with {@link ResourcePolicyAnalyzer#S3_BUCKET_POLICY}. */
    @Nested
    class S3BucketPolicy {

        private static boolean isPublic(String condition) {
            String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\","
                    + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::trail-logs/*\""
                    + (condition.isEmpty() ? "" : ",\"Condition\":" + condition) + "}]}";
            ResourcePolicyAnalyzer.Verdict verdict = ResourcePolicyAnalyzer.S3_BUCKET_POLICY.analyze(policy);
            assertThat(verdict.valid()).as(verdict.invalidReason()).isTrue();
            return verdict.isPublic();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                no condition | | true
                one IPv4 CIDR | {"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}} | false
                CIDR list | {"IpAddress":{"aws:SourceIp":["203.0.113.0/24","198.51.100.7"]}} | false
                IPv6 CIDR | {"IpAddress":{"aws:SourceIp":"2001:db8::/32"}} | false
                key in other case | {"IpAddress":{"AWS:SOURCEIP":"203.0.113.0/24"}} | false
                whole IPv4 internet | {"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}} | true
                whole IPv6 internet | {"IpAddress":{"aws:SourceIp":"::/0"}} | true
                list with whole internet | {"IpAddress":{"aws:SourceIp":["203.0.113.0/24","0.0.0.0/0"]}} | true
                negated IP operator | {"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}} | true
                IP operator IfExists | {"IpAddressIfExists":{"aws:SourceIp":"203.0.113.0/24"}} | true
                policy variable as IP | {"IpAddress":{"aws:SourceIp":"${aws:SourceIp}"}} | true
                IP operator on other key | {"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/8"}} | true
                fixed aws:userid | {"StringEquals":{"aws:userid":"AIDAEXAMPLEUSERID"}} | false
                role session aws:userid | {"StringLike":{"aws:userid":"AROAEXAMPLEROLEID:*"}} | true
                fixed KMS key id | {"StringEquals":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}} | false
                fixed SourceAccount | {"StringEquals":{"aws:SourceAccount":"111122223333"}} | false
                """)
        void statementVerdicts(String name, String condition, boolean expected) {
            assertThat(isPublic(condition == null ? "" : condition)).isEqualTo(expected);
        }

        @Test
        void sourceIpPinsOnlyForS3() {
            String policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\","
                    + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}}]}";

            assertThat(ResourcePolicyAnalyzer.S3_BUCKET_POLICY.analyze(policy).isPublic()).isFalse();
            assertThat(ResourcePolicyAnalyzer.SQS_QUEUE_POLICY.analyze(policy).isPublic()).isTrue();
            assertThat(ResourcePolicyAnalyzer.KMS_KEY_POLICY.analyze(policy).isPublic()).isTrue();
        }
    }
}
