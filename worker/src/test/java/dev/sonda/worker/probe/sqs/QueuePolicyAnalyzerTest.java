package dev.sonda.worker.probe.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QueuePolicyAnalyzerTest {

    private static final String ARN = "arn:aws:sqs:us-east-1:123456789012:orders";

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
        QueuePolicyAnalyzer.Verdict verdict = QueuePolicyAnalyzer.analyze(policy("[" + allow(principal, condition) + "]"));

        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.isPublic()).as(description).isEqualTo(expectedPublic);
    }

    @Test
    void denyWithWildcardIsNotPublic() {
        String deny = "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sqs:*\",\"Resource\":\"" + ARN + "\"}";

        assertThat(QueuePolicyAnalyzer.analyze(policy("[" + deny + "]")).isPublic()).isFalse();
    }

    @Test
    void statementAsObject() {
        QueuePolicyAnalyzer.Verdict verdict = QueuePolicyAnalyzer.analyze(policy(allow("\"*\"", null)));

        assertThat(verdict.isPublic()).isTrue();
        assertThat(verdict.publicStatements()).containsExactly("S1");
    }

    @Test
    void statementWithoutSidNamedByIndex() {
        String named = "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"sqs:*\"}";
        String open = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:*\"}";

        QueuePolicyAnalyzer.Verdict verdict = QueuePolicyAnalyzer.analyze(policy("[" + named + "," + open + "]"));

        assertThat(verdict.publicStatements()).containsExactly("#1");
    }

    @Test
    void noPolicyIsNotPublic() {
        assertThat(QueuePolicyAnalyzer.analyze(null).isPublic()).isFalse();
        assertThat(QueuePolicyAnalyzer.analyze(" ").valid()).isTrue();
    }

    @Test
    void malformedPolicyIsInvalid() {
        QueuePolicyAnalyzer.Verdict verdict = QueuePolicyAnalyzer.analyze("{\"Statement\": [");

        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.invalidReason()).isEqualTo("the policy is not valid JSON");
    }

    @Test
    void statementOfWrongTypeIsInvalid() {
        assertThat(QueuePolicyAnalyzer.analyze(policy("\"oops\"")).valid()).isFalse();
    }
}
