package dev.sonda.testkit;

import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Builds AWS SDK v2 sync clients that act in a chosen account of a moto server, directly or
 * through a {@code FaultProxy}, the way Sonda's worker does: STS AssumeRole into
 * {@code arn:aws:iam::<account>:role/<role>} with fixed dummy base credentials.
 *
 * <p>No client built here reads the default credential chain, so a test can never pick up real
 * credentials of the machine. The endpoint must be a local server; these helpers do not check it.
 *
 * <pre>{@code
 * try (SqsClient sqs = AwsTestClients.client(SqsClient.builder(), proxy.endpoint(), "111111111111", Region.EU_WEST_1)) {
 *     sqs.listQueues();
 * }
 * }</pre>
 */
public final class AwsTestClients {

    /** The access key id of the base credentials; moto acts in its default account for it. */
    public static final String BASE_ACCESS_KEY_ID = "sonda-test";
    /** The secret of the base credentials; moto does not check signatures. */
    public static final String BASE_SECRET_ACCESS_KEY = "sonda-test-secret";
    /** The role the demo estate and most tests assume. */
    public static final String DEFAULT_ROLE = "SondaScanner";

    private AwsTestClients() {
    }

    /** The dummy base credentials every client here starts from. */
    public static AwsCredentialsProvider baseCredentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(BASE_ACCESS_KEY_ID, BASE_SECRET_ACCESS_KEY));
    }

    /**
     * Calls STS AssumeRole on {@code endpoint} with the base credentials and returns the issued
     * session credentials. moto does not check that the role exists or trusts the caller.
     *
     * @param externalId the external id to send, or {@code null} for none
     */
    public static AwsSessionCredentials assumeRole(
            URI endpoint, String accountId, String roleName, String externalId, Region region) {
        try (StsClient sts = configure(StsClient.builder(), endpoint, region, baseCredentials()).build()) {
            AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                    .roleArn("arn:aws:iam::" + accountId + ":role/" + roleName)
                    .roleSessionName("sonda-testkit-" + UUID.randomUUID().toString().substring(0, 8));
            if (externalId != null) {
                request.externalId(externalId);
            }
            Credentials credentials = sts.assumeRole(request.build()).credentials();
            return AwsSessionCredentials.create(
                    credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
        }
    }

    /** Builds a client acting in {@code accountId} through role {@value #DEFAULT_ROLE}. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, URI endpoint, String accountId, Region region) {
        return client(builder, endpoint, accountId, DEFAULT_ROLE, region);
    }

    /**
     * Builds a client acting in {@code accountId} through {@code roleName}. The role is assumed
     * once, now, through STS on {@code endpoint}; the client keeps those session credentials and
     * owns its own {@code UrlConnectionHttpClient}, which {@code close()} releases.
     *
     * <p>Options already set on {@code builder} stay (retry strategy, timeouts); endpoint, region,
     * credentials and HTTP client are replaced. S3 also needs {@code forcePathStyle(true)} on the
     * builder.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, URI endpoint, String accountId, String roleName, Region region) {
        AwsSessionCredentials credentials = assumeRole(endpoint, accountId, roleName, null, region);
        return configure(builder, endpoint, region, StaticCredentialsProvider.create(credentials)).build();
    }

    /**
     * Builds a client with the base credentials, acting in moto's default account
     * {@code 123456789012} without calling STS.
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C baseClient(
            B builder, URI endpoint, Region region) {
        return configure(builder, endpoint, region, baseCredentials()).build();
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return builder
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }
}
