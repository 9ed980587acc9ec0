package dev.sonda.worker.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sonda.contracts.messages.TaskErrorCodes;
import dev.sonda.worker.aws.AwsClients;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorClassifier;
import dev.sonda.worker.aws.AwsService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;

/**
 * Checks with {@code sts:GetCallerIdentity} that a task's credentials belong to the task's
 * account, so that no finding is ever filed under the wrong customer.
 *
 * <p>The verified account is cached per access key id. A refreshed session has a new access key
 * id and is verified again.
 */
@ApplicationScoped
public class AccountVerifier {

    private static final Logger LOG = Logger.getLogger(AccountVerifier.class);

    /** Assumed-role sessions last at most 12 hours, so an older entry belongs to a dead key. */
    private static final Duration CACHE_EXPIRY = Duration.ofHours(12);

    private final AwsClients clients;
    private final Cache<String, String> accountByAccessKey = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(CACHE_EXPIRY)
            .build();

    public AccountVerifier(AwsClients clients) {
        this.clients = clients;
    }

    /**
     * Verifies that the credentials act in {@code expectedAccountId}.
     *
     * @throws CredentialsException with code {@code ACCOUNT_MISMATCH} when they act in another
     *     account, or {@code ACCOUNT_VERIFICATION_FAILED} when GetCallerIdentity fails
     */
    public void verify(TaskCredentials credentials, String expectedAccountId) throws CredentialsException {
        String accessKeyId = credentials.current().accessKeyId();
        String actual = accountByAccessKey.getIfPresent(accessKeyId);
        if (actual == null) {
            actual = callerAccount(credentials, expectedAccountId);
            accountByAccessKey.put(accessKeyId, actual);
        }
        if (!actual.equals(expectedAccountId)) {
            LOG.warnf("Credentials act in another account than the task names [account=%s, actualAccount=%s, "
                    + "credentials=%s]", expectedAccountId, actual, credentials.id());
            throw new CredentialsException(TaskErrorCodes.ACCOUNT_MISMATCH, "GetCallerIdentity",
                    TaskErrorCodes.ACCOUNT_MISMATCH, "The credentials for account " + expectedAccountId
                            + " act in account " + actual + ", so the probe did not run.");
        }
    }

    private String callerAccount(TaskCredentials credentials, String expectedAccountId) throws CredentialsException {
        StsClient sts = clients.client(StsClient.class, AwsService.STS, expectedAccountId, credentials.id(),
                credentials.provider(), clients.globalRegion());
        try {
            // The request pins the exact credentials being verified: the provider could refresh
            // between resolving them and this call.
            return sts.getCallerIdentity(GetCallerIdentityRequest.builder()
                    .overrideConfiguration(o -> o.credentialsProvider(
                            StaticCredentialsProvider.create(credentials.current())))
                    .build()).account();
        } catch (RuntimeException e) {
            AwsError error = AwsErrorClassifier.classify("GetCallerIdentity", e);
            throw new CredentialsException(TaskErrorCodes.ACCOUNT_VERIFICATION_FAILED, "GetCallerIdentity",
                    error.errorCode(), "GetCallerIdentity failed for account " + expectedAccountId + " with "
                            + error.errorCode() + ", so the probe did not run.");
        }
    }
}
