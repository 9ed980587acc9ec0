package dev.sonda.testkit.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.DemoEstate;
import dev.sonda.testkit.MotoServer;
import dev.sonda.testkit.proxy.FaultProxy;
import dev.sonda.testkit.proxy.FaultRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;

class IamDemoTest {

    private static MotoServer moto;

    @BeforeAll
    static void createTwice() {
        moto = MotoServer.start();
        new IamDemo().create(moto.endpoint());
        new IamDemo().create(moto.endpoint());
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    private static IamClient iam(FaultProxy proxy, String account) {
        return AwsTestClients.client(IamClient.builder(), proxy.endpoint(), account, Region.US_EAST_1);
    }

    @Test
    void secondCreateAddsNothing() {
        try (FaultProxy proxy = FaultProxy.start(moto.endpoint());
                IamClient acmeDev = iam(proxy, DemoEstate.ACME_DEV.id());
                IamClient acmeProd = iam(proxy, DemoEstate.ACME_PROD.id())) {
            assertThat(acmeDev.listAccessKeys(request -> request.userName("dev-sam")).accessKeyMetadata()).hasSize(2);
            assertThat(acmeProd.getGroup(request -> request.groupName("operators")).users()).hasSize(1);
            assertThat(acmeProd.listMFADevices(request -> request.userName("alice")).mfaDevices()).hasSize(1);
            assertThat(acmeProd.listSAMLProviders().samlProviderList()).hasSize(1);
            assertThat(acmeProd.listServerCertificates().serverCertificateMetadataList()).hasSize(1);
        }
    }

    @Test
    void everyFixtureApplies() {
        List<FaultRule> fixtures = new IamDemo().fixtures();
        try (FaultProxy proxy = FaultProxy.start(moto.endpoint())) {
            proxy.addRules(fixtures);
            for (var account : DemoEstate.ACCOUNTS) {
                try (IamClient iam = iam(proxy, account.id());
                        AccountClient contact = AwsTestClients.client(AccountClient.builder(), proxy.endpoint(),
                                account.id(), Region.US_EAST_1)) {
                    iam.generateCredentialReport();
                    iam.generateCredentialReport();
                    String report = iam.getCredentialReport().content().asString(StandardCharsets.UTF_8);
                    assertThat(report).contains("<root_account>");
                    iam.getAccountAuthorizationDetails();
                    iam.listPolicies(request -> request.scope(PolicyScopeType.AWS).onlyAttached(true)).policies()
                            .forEach(policy -> iam.getPolicyVersion(request -> request.policyArn(policy.arn())
                                    .versionId(policy.defaultVersionId())));
                    iam.listServerCertificates();
                    try {
                        contact.getContactInformation(request -> { });
                    } catch (AwsServiceException e) {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    }
                }
            }
            List<FaultRule> certificateRules = fixtures.stream()
                    .filter(rule -> rule.description().startsWith("MotoGaps.serverCertificateExpiration")).toList();
            assertThat(certificateRules).hasSize(1);
            assertThat(fixtures).allSatisfy(rule -> assertThat(rule.hits()).as(rule.description()).isPositive());
        }
    }

    @Test
    void acmeDevCertificateIsExpiredInMoto() {
        try (FaultProxy proxy = FaultProxy.start(moto.endpoint());
                IamClient iam = iam(proxy, DemoEstate.ACME_DEV.id())) {
            assertThatThrownBy(() -> iam.getAccountPasswordPolicy())
                    .isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity"));
            assertThat(iam.listServerCertificates().serverCertificateMetadataList()).singleElement()
                    .satisfies(certificate -> assertThat(certificate.expiration()).isBefore(java.time.Instant.now()));
        }
    }
}
