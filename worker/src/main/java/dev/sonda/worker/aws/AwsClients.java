package dev.sonda.worker.aws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import dev.sonda.worker.WorkerConfig;
import dev.sonda.worker.WorkerMetrics;
import java.net.URI;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3control.S3ControlClientBuilder;
import software.amazon.awssdk.services.s3control.endpoints.S3ControlEndpointProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * The worker's AWS SDK clients: one per (account, credentials, region, service), created on first
 * use, reused across tasks, and closed after {@code sonda.worker.aws.client-expire-after-access}
 * without use. All of them share one HTTP client, which this bean closes on shutdown.
 */
@ApplicationScoped
public class AwsClients {

    private static final Logger LOG = Logger.getLogger(AwsClients.class);

    /** The identity of the worker's own credentials, as opposed to an assumed role. */
    public static final String OWN_CREDENTIALS = "own";

    private final WorkerConfig.Aws config;
    private final ApiBudget budget;
    private final WorkerMetrics metrics;
    private final SdkHttpClient httpClient;
    private final Cache<ClientKey, SdkClient> clients;
    private volatile StsClient ownStsClient;
    private volatile AwsCredentialsProvider ownCredentials;

    public AwsClients(WorkerConfig config, WorkerMetrics metrics) {
        this.config = config.aws();
        this.metrics = metrics;
        this.budget = new ApiBudget(config.apiBudget().defaultRate(), config.apiBudget().defaultBurst(),
                config.apiBudget().overrides());
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(this.config.connectionTimeout())
                .socketTimeout(this.config.socketTimeout())
                .build();
        this.clients = Caffeine.newBuilder()
                .expireAfterAccess(this.config.clientExpireAfterAccess())
                .scheduler(Scheduler.systemScheduler())
                // Close evicted entries on the evicting thread, so that close() returns after all are closed.
                .executor(Runnable::run)
                .removalListener(AwsClients::closeEvicted)
                .build();
    }

    /** Identifies one client. {@code credentialsId} is a role ARN with a hash of its external id, or {@link #OWN_CREDENTIALS}. */
    record ClientKey(String accountId, String credentialsId, String region, AwsService service) {
    }

    /**
     * Returns the client of one service for one account and credentials, creating it on first use.
     * Global services always get a client in {@code sonda.worker.aws.global-region}, whatever
     * {@code region} names.
     *
     * <p>The client belongs to this cache: callers never close it. Fetch it again for each call
     * sequence rather than holding it for the length of a long task, so that its idle time restarts.
     */
    public <T extends SdkClient> T client(Class<T> type, AwsService service, String accountId, String credentialsId,
            AwsCredentialsProvider credentials, String region) {
        String clientRegion = service.global() ? config.globalRegion() : region;
        ClientKey key = new ClientKey(accountId, credentialsId, clientRegion, service);
        SdkClient client = clients.get(key, k -> build(k, credentials));
        return type.cast(client);
    }

    /** Returns the region of global services' clients, {@code sonda.worker.aws.global-region}. */
    public String globalRegion() {
        return config.globalRegion();
    }

    /**
     * Returns the STS client that runs with the worker's own credentials and calls AssumeRole. Its
     * calls are logged and counted but charge no customer's API budget.
     */
    public StsClient ownStsClient() {
        StsClient client = ownStsClient;
        if (client == null) {
            synchronized (this) {
                client = ownStsClient;
                if (client == null) {
                    StsClientBuilder builder = StsClient.builder();
                    configure(builder, new ClientKey(OWN_CREDENTIALS, OWN_CREDENTIALS, config.globalRegion(),
                            AwsService.STS), ownCredentials(), null);
                    client = builder.build();
                    ownStsClient = client;
                }
            }
        }
        return client;
    }

    /** Returns the worker's own credentials: the SDK's default chain (environment, profile, container or instance role). */
    public AwsCredentialsProvider ownCredentials() {
        AwsCredentialsProvider provider = ownCredentials;
        if (provider == null) {
            synchronized (this) {
                provider = ownCredentials;
                if (provider == null) {
                    provider = DefaultCredentialsProvider.builder().build();
                    ownCredentials = provider;
                }
            }
        }
        return provider;
    }

    @PreDestroy
    void close() {
        clients.invalidateAll();
        clients.cleanUp();
        StsClient sts = ownStsClient;
        if (sts != null) {
            sts.close();
        }
        httpClient.close();
        LOG.debug("Closed the AWS clients and their HTTP client");
    }

    private SdkClient build(ClientKey key, AwsCredentialsProvider credentials) {
        AwsClientBuilder<?, ?> builder = key.service().newBuilder();
        configure(builder, key, credentials, budget);
        LOG.debugf("Creating %s client [account=%s, region=%s]", key.service().id(), key.accountId(), key.region());
        return (SdkClient) builder.build();
    }

    private void configure(AwsClientBuilder<?, ?> builder, ClientKey key, AwsCredentialsProvider credentials,
            ApiBudget charged) {
        String service = key.service().id();
        builder.region(Region.of(key.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        // STANDARD, not ADAPTIVE: ADAPTIVE keeps its rate state per client and has had
                        // stability bugs, and the API budget already paces the calls. Its retry quota is
                        // off, because the budget also charges every retry.
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(config.maxAttempts())
                                .circuitBreakerEnabled(false)
                                .build())
                        .apiCallTimeout(config.apiCallTimeout())
                        .apiCallAttemptTimeout(config.apiCallAttemptTimeout())
                        .addExecutionInterceptor(new AwsCallInterceptor(key.accountId(), key.region(), service,
                                charged, metrics))
                        .addMetricPublisher(new ThrottledAttemptCounter(service, metrics))
                        .build());
        config.endpointOverride().ifPresent(endpoint -> {
            if (builder instanceof S3ControlClientBuilder s3Control) {
                s3Control.endpointProvider(overriddenS3ControlEndpoint(endpoint));
                return;
            }
            builder.endpointOverride(endpoint);
            if (builder instanceof S3ClientBuilder s3) {
                // An overridden endpoint (moto, the test proxy) serves buckets by path, not by host name.
                s3.forcePathStyle(true);
            }
        });
        ((AwsSyncClientBuilder<?, ?>) builder).httpClient(httpClient);
    }

    /**
     * Returns an S3 Control endpoint provider that sends every request to {@code endpoint}. S3
     * Control's endpoint rules put the account id in front of the host name, even of an overridden
     * endpoint, which gives {@code 123456789012.127.0.0.1} for a local server: the SDK rejects that
     * host. Disabling host prefix injection does not help, because the rules, not the model's host
     * prefix, add the account id (AWS SDK for Java 2.40.2). So this provider resolves the endpoint
     * as for AWS, which keeps the signing properties, and replaces only its URL.
     */
    public static S3ControlEndpointProvider overriddenS3ControlEndpoint(URI endpoint) {
        S3ControlEndpointProvider aws = S3ControlEndpointProvider.defaultProvider();
        return parameters -> aws.resolveEndpoint(parameters.toBuilder().endpoint(null).build())
                .thenApply(resolved -> resolved.toBuilder().url(endpoint).build());
    }

    private static void closeEvicted(ClientKey key, SdkClient client, RemovalCause cause) {
        if (client != null) {
            client.close();
            LOG.debugf("Closed %s client [account=%s, region=%s, cause=%s]", key.service().id(), key.accountId(),
                    key.region(), cause);
        }
    }
}
