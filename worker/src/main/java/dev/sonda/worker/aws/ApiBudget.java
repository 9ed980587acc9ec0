package dev.sonda.worker.aws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;

/**
 * Token buckets that cap the request rate per (account, region, service, operation). AWS meters
 * its rate limits per account and region, and the customer's own workloads spend the same
 * buckets, so the scanner keeps to a small share of them.
 *
 * <p>Waiting parks the calling thread. Tasks run on virtual threads, so a wait holds no platform
 * thread.
 */
public final class ApiBudget {

    /** Buckets unused this long are dropped; a new bucket starts full, which is what an idle API has. */
    private static final Duration BUCKET_EXPIRY = Duration.ofHours(1);

    private final double defaultRate;
    private final int defaultBurst;
    private final Map<String, Double> overrides;
    private final Cache<Key, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(BUCKET_EXPIRY).build();

    /**
     * @param overrides requests per second keyed by service ({@code iam}) or by service and
     *     operation ({@code sqs:GetQueueAttributes})
     */
    public ApiBudget(double defaultRate, int defaultBurst, Map<String, Double> overrides) {
        requirePositive("sonda.worker.api-budget.default-rate", defaultRate);
        if (defaultBurst < 1) {
            throw new IllegalArgumentException("sonda.worker.api-budget.default-burst must be at least 1, was "
                    + defaultBurst);
        }
        overrides.forEach((key, rate) -> requirePositive("sonda.worker.api-budget.overrides.\"" + key + "\"", rate));
        this.defaultRate = defaultRate;
        this.defaultBurst = defaultBurst;
        this.overrides = Map.copyOf(overrides);
    }

    /** One bucket's identity. Service names are the worker's own lowercase ids ({@code sqs}, {@code iam}). */
    public record Key(String accountId, String region, String service, String operation) {
    }

    /**
     * Takes one token for a request, waiting for it if the bucket is empty.
     *
     * @return how long the caller waited, in nanoseconds
     * @throws InterruptedException if the thread is interrupted while waiting, for example by the
     *     SDK's attempt timeout
     */
    public long acquire(Key key) throws InterruptedException {
        Bucket bucket = buckets.get(key, this::newBucket);
        if (bucket.tryConsume(1)) {
            return 0;
        }
        long start = System.nanoTime();
        bucket.asBlocking().consume(1);
        return System.nanoTime() - start;
    }

    /** Returns the rate in requests per second that applies to a key. */
    public double rate(Key key) {
        Double operationRate = overrides.get(key.service() + ":" + key.operation());
        if (operationRate != null) {
            return operationRate;
        }
        return overrides.getOrDefault(key.service(), defaultRate);
    }

    private Bucket newBucket(Key key) {
        double rate = rate(key);
        boolean overridden = overrides.containsKey(key.service() + ":" + key.operation())
                || overrides.containsKey(key.service());
        long burst = overridden ? Math.max(1, (long) Math.ceil(rate)) : defaultBurst;
        // One token per 1/rate seconds supports fractional rates such as 0.5 per second.
        Duration refillPeriod = Duration.ofNanos(Math.max(1, Math.round(1_000_000_000d / rate)));
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(1, refillPeriod).build())
                .build();
    }

    private static void requirePositive(String name, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(name + " must be a positive number of requests per second, was " + rate);
        }
    }
}
