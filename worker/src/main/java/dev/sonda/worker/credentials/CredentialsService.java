package dev.sonda.worker.credentials;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import dev.sonda.contracts.messages.TaskAccount;
import dev.sonda.contracts.messages.TaskErrorCodes;
import dev.sonda.worker.WorkerConfig;
import dev.sonda.worker.aws.AwsClients;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.aws.AwsErrorClassifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Obtains the credentials of a task: the assumed role of the task's account, or the worker's own
 * credentials when the task names no role.
 *
 * <p>Assumed-role providers are cached per (role ARN, external id) and shared by every task of that
 * role, so STS is called once per session and again shortly before the session expires, never
 * once per task.
 */
@ApplicationScoped
public class CredentialsService {

    private static final Logger LOG = Logger.getLogger(CredentialsService.class);
    private static final String FINGERPRINT_ALGORITHM = "HmacSHA256";
    private static final SecretKeySpec FINGERPRINT_KEY = randomKey();

    private final WorkerConfig.Credentials config;
    private final AwsClients clients;
    private final ExternalIdResolver externalIds;
    private final Cache<String, StsAssumeRoleCredentialsProvider> providers;

    public CredentialsService(WorkerConfig config, AwsClients clients, ExternalIdResolver externalIds) {
        this.config = config.credentials();
        this.clients = clients;
        this.externalIds = externalIds;
        if (this.config.refreshBeforeExpiry().compareTo(this.config.sessionDuration()) >= 0) {
            throw new IllegalArgumentException("sonda.worker.credentials.refresh-before-expiry ("
                    + this.config.refreshBeforeExpiry() + ") must be shorter than session-duration ("
                    + this.config.sessionDuration() + ")");
        }
        this.providers = Caffeine.newBuilder()
                .expireAfterAccess(this.config.providerExpireAfterAccess())
                .scheduler(Scheduler.systemScheduler())
                // Close evicted entries on the evicting thread, so that close() returns after all are closed.
                .executor(Runnable::run)
                .removalListener(CredentialsService::closeEvicted)
                .build();
    }

    /**
     * Returns credentials for the task's account, resolving them now so that failures surface
     * before any probe call.
     *
     * @throws CredentialsException with code {@code TASK_REJECTED}, {@code EXTERNAL_ID_UNRESOLVED},
     *     {@code ASSUME_ROLE_FAILED} or {@code CREDENTIALS_UNAVAILABLE}
     */
    public TaskCredentials credentialsFor(TaskAccount account) throws CredentialsException {
        String externalId = externalIds.externalIdFor(account);
        if (account.roleArn() == null || account.roleArn().isBlank()) {
            return resolve(AwsClients.OWN_CREDENTIALS, clients.ownCredentials(), account,
                    TaskErrorCodes.CREDENTIALS_UNAVAILABLE, "LoadCredentials");
        }
        String id = account.roleArn() + "#" + fingerprint(externalId);
        StsAssumeRoleCredentialsProvider provider = providers.get(id, key -> newProvider(account.roleArn(), externalId));
        return resolve(id, provider, account, TaskErrorCodes.ASSUME_ROLE_FAILED, "AssumeRole");
    }

    private TaskCredentials resolve(String id, AwsCredentialsProvider provider, TaskAccount account, String code,
            String operation) throws CredentialsException {
        AwsCredentials current;
        try {
            current = provider.resolveCredentials();
        } catch (RuntimeException e) {
            AwsError error = AwsErrorClassifier.classify(operation, e);
            String role = account.roleArn() == null ? "the worker's own credentials" : "role " + account.roleArn();
            String detail = error.message() == null ? "" : " (" + error.message() + ")";
            LOG.warnf("Cannot obtain credentials [account=%s, credentials=%s, errorCode=%s]", account.id(), id,
                    error.errorCode());
            throw new CredentialsException(code, operation, error.errorCode(), operation + " failed for " + role
                    + " of account " + account.id() + " with " + error.errorCode() + detail + ".");
        }
        return new TaskCredentials(id, provider, current);
    }

    private StsAssumeRoleCredentialsProvider newProvider(String roleArn, String externalId) {
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                .roleArn(roleArn)
                .roleSessionName(config.roleSessionName())
                .durationSeconds(Math.toIntExact(config.sessionDuration().toSeconds()));
        if (externalId != null) {
            request.externalId(externalId);
        }
        Duration prefetch = config.refreshBeforeExpiry();
        // Within the stale time every caller waits for the refresh; before it, one caller refreshes
        // and the others keep the still-valid credentials.
        Duration stale = prefetch.compareTo(Duration.ofMinutes(1)) < 0 ? prefetch : Duration.ofMinutes(1);
        LOG.debugf("Creating the credentials provider of role %s", roleArn);
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(clients.ownStsClient())
                .refreshRequest(request.build())
                .prefetchTime(prefetch)
                .staleTime(stale)
                .build();
    }

    /**
     * Keys the external id with an HMAC under a random key of this process, so that cache keys and
     * log lines never carry it and a guessable external id cannot be recovered from a log by hashing
     * candidates.
     */
    static String fingerprint(String externalId) {
        if (externalId == null) {
            return "none";
        }
        try {
            Mac mac = Mac.getInstance(FINGERPRINT_ALGORITHM);
            mac.init(FINGERPRINT_KEY);
            byte[] digest = mac.doFinal(externalId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(FINGERPRINT_ALGORITHM + " is missing from this JVM", e);
        }
    }

    private static SecretKeySpec randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, FINGERPRINT_ALGORITHM);
    }

    @PreDestroy
    void close() {
        providers.invalidateAll();
        providers.cleanUp();
    }

    private static void closeEvicted(String id, SdkAutoCloseable provider, RemovalCause cause) {
        if (provider != null) {
            provider.close();
        }
    }
}
