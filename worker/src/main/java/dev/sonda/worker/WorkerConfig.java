package dev.sonda.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The worker's configuration, under {@code sonda.worker}. */
@ConfigMapping(prefix = "sonda.worker")
public interface WorkerConfig {

    /**
     * Tasks processed at once by this worker. {@code application.properties} maps it onto the
     * virtual-thread concurrency of the {@code tasks} channel; more tasks in flight means more
     * accounts scanned in parallel, each still bound by its own API budget.
     */
    @WithDefault("64")
    int maxTasksInFlight();

    /** Byte limit of one result record on {@code sonda.results}; keep it well under the producer's 1 MB limit. */
    @WithDefault("262144")
    int resultChunkBytes();

    /** How long to wait for the broker to acknowledge every chunk of one result before giving up on the task. */
    @WithDefault("2m")
    Duration publishTimeout();

    /** Entries kept in one result's execution log; the rest are only counted. */
    @WithDefault("1000")
    int executionLogMaxEntries();

    /**
     * The accounts inventory file that {@code inventory:<accountId>} external id references read.
     * Unset means such references cannot be resolved.
     */
    Optional<Path> inventory();

    Credentials credentials();

    ExternalIds externalIds();

    Aws aws();

    ApiBudget apiBudget();

    CredentialReport credentialReport();

    /**
     * Limits on the sources that {@code env:} and {@code file:} external id references may read.
     * Tasks are untrusted, so a reference outside these cannot make the worker send another secret
     * to STS.
     */
    interface ExternalIds {

        /** Environment variables that may hold external ids start with this prefix. */
        @WithDefault("SONDA_EXTERNAL_ID_")
        String environmentPrefix();

        /** Files that may hold external ids lie in this directory (for example a mounted Secret). */
        @WithDefault("/etc/sonda/external-ids")
        Path directory();
    }

    /** Settings of the credentials the worker uses in target accounts. */
    interface Credentials {

        /** Role session name of every AssumeRole call; it shows in the customer's CloudTrail. */
        @WithDefault("sonda-scanner")
        String roleSessionName();

        /** Requested lifetime of assumed-role sessions; the role's maximum session duration caps it. */
        @WithDefault("1h")
        Duration sessionDuration();

        /** Assumed-role credentials are refreshed this long before they expire. */
        @WithDefault("5m")
        Duration refreshBeforeExpiry();

        /** How long a credentials provider of an unused (role, external id) pair is kept. */
        @WithDefault("2h")
        Duration providerExpireAfterAccess();
    }

    /** AWS SDK client settings. */
    interface Aws {

        /**
         * Endpoint every AWS client uses instead of the public AWS endpoints, STS included. Tests and
         * the local demo point it at a moto server or a test proxy on 127.0.0.1.
         */
        Optional<URI> endpointOverride();

        /** Region of the clients of global services (IAM, Organizations, Account Management, STS). */
        @WithDefault("us-east-1")
        String globalRegion();

        /** HTTP attempts per API call, first attempt included (SDK STANDARD retry mode). */
        @WithDefault("8")
        int maxAttempts();

        /** Time limit of one API call, all retries, backoff and API budget waits included. */
        @WithDefault("5m")
        Duration apiCallTimeout();

        /** Time limit of one HTTP attempt, its API budget wait included. */
        @WithDefault("60s")
        Duration apiCallAttemptTimeout();

        /** Time limit to open a connection. */
        @WithDefault("10s")
        Duration connectionTimeout();

        /** Time limit to wait for data on an open connection. */
        @WithDefault("30s")
        Duration socketTimeout();

        /** An SDK client unused this long is closed and dropped from the client cache. */
        @WithDefault("30m")
        Duration clientExpireAfterAccess();
    }

    /**
     * Polling schedule of the {@code iam} probe, which calls GenerateCredentialReport until the
     * credential report is ready.
     */
    interface CredentialReport {

        /** Pause after the first GenerateCredentialReport that finds the report not ready. Each later pause doubles. */
        @WithDefault("1s")
        Duration firstPollInterval();

        /** Maximum pause between two polls, where the doubling stops. */
        @WithDefault("10s")
        Duration maxPollInterval();

        /**
         * Sum of the pauses after which the probe stops polling and reports the controls that read
         * the report as ERROR with the error code {@code CredentialReportNotReady}.
         */
        @WithDefault("60s")
        Duration maxWait();
    }

    /**
     * Token buckets that cap the request rate per account, region, service and operation, because
     * the customer's own workloads share AWS's rate limits with the scanner.
     */
    interface ApiBudget {

        /** Requests per second of each (account, region, service, operation) bucket. */
        @WithDefault("2")
        double defaultRate();

        /** Bucket capacity: requests that may be sent at once after a quiet period. */
        @WithDefault("2")
        int defaultBurst();

        /**
         * Requests per second by service ({@code iam}) or by service and operation
         * ({@code sqs:GetQueueAttributes}); the operation entry wins. The burst of an overridden
         * bucket is its rate rounded up, at least 1.
         */
        Map<String, Double> overrides();
    }
}
