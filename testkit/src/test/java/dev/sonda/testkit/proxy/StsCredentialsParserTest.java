package dev.sonda.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StsCredentialsParserTest {

    // The shape moto 5.2.1 returns for sts:AssumeRole, with shortened values.
    private static final String ASSUME_ROLE = """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>\
            <Credentials><AccessKeyId>ASIAEXAMPLE1</AccessKeyId><SecretAccessKey>secret/1+</SecretAccessKey>\
            <SessionToken>token1=</SessionToken><Expiration>2026-12-04T22:13:14.871395Z</Expiration></Credentials>\
            <AssumedRoleUser><AssumedRoleId>AROA3X42LBCDIR7NEXW3Z:x</AssumedRoleId>\
            <Arn>arn:aws:sts::111111111111:assumed-role/SondaScanner/x</Arn></AssumedRoleUser>\
            <PackedPolicySize>6</PackedPolicySize></AssumeRoleResult></AssumeRoleResponse>""";

    @Test
    void assumeRoleGivesRoleAccount() {
        IssuedCredentials credentials = StsCredentialsParser.parse(ASSUME_ROLE, "123456789012").orElseThrow();

        assertThat(credentials.accessKeyId()).isEqualTo("ASIAEXAMPLE1");
        assertThat(credentials.secretAccessKey()).isEqualTo("secret/1+");
        assertThat(credentials.sessionToken()).isEqualTo("token1=");
        assertThat(credentials.account()).isEqualTo("111111111111");
    }

    @Test
    void sessionTokenKeepsCallerAccount() {
        String body = """
                <GetSessionTokenResponse><GetSessionTokenResult><Credentials>\
                <AccessKeyId>ASIAEXAMPLE2</AccessKeyId><SecretAccessKey>s</SecretAccessKey>\
                <SessionToken>t</SessionToken></Credentials></GetSessionTokenResult></GetSessionTokenResponse>""";

        assertThat(StsCredentialsParser.parse(body, "222222222222").orElseThrow().account())
                .isEqualTo("222222222222");
    }

    @Test
    void responseWithoutCredentialsIsEmpty() {
        String body = "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>1</Account>"
                + "</GetCallerIdentityResult></GetCallerIdentityResponse>";

        assertThat(StsCredentialsParser.parse(body, "123456789012")).isEmpty();
    }

    @Test
    void malformedXmlRejected() {
        assertThatThrownBy(() -> StsCredentialsParser.parse("{not xml", "123456789012"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not well-formed XML");
    }

    @Test
    void toStringHidesSecrets() {
        IssuedCredentials credentials = StsCredentialsParser.parse(ASSUME_ROLE, "123456789012").orElseThrow();

        assertThat(credentials.toString())
                .doesNotContain("ASIAEXAMPLE1")
                .doesNotContain("secret/1+")
                .doesNotContain("token1=");
    }
}
