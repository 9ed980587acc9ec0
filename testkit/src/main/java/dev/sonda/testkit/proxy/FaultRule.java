package dev.sonda.testkit.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A rule of the {@link FaultProxy}: which requests it matches and what the proxy does with them
 * instead of (or on top of) forwarding them to moto.
 *
 * <p>Build one with {@link #matching()} or {@link #service(String)}, narrow it, and finish with an
 * action:
 *
 * <pre>{@code
 * FaultRule rule = FaultRule.service("sqs").operation("GetQueueAttributes")
 *         .account("333333333333").region("us-east-1")
 *         .maxHits(2)
 *         .throttle();
 * proxy.addRule(rule);
 * // ... run the code under test ...
 * assertThat(rule.hits()).isEqualTo(2);
 * }</pre>
 *
 * <p>A criterion left unset matches any value. A rule with a max hit count stops matching once
 * it has acted that many times, and later rules get the request. A rule is safe to share between
 * threads.
 */
public final class FaultRule {

    /** The action the proxy takes on a request the rule claims. */
    public enum ActionType { LATENCY, THROTTLE, ACCESS_DENIED, SERVER_ERROR, REWRITE, RESPOND }

    private final String service;
    private final String operation;
    private final String account;
    private final String region;
    private final Predicate<AwsRequest> condition;
    private final int maxHits;
    private final int everyNth;
    private final String description;
    private final ActionType actionType;
    private final Duration latency;
    private final int status;
    private final String contentType;
    private final String body;
    private final UnaryOperator<String> rewrite;

    private int matched;
    private int hits;

    private FaultRule(Builder builder, ActionType actionType, Duration latency, int status, String contentType,
            String body, UnaryOperator<String> rewrite) {
        this.service = builder.service;
        this.operation = builder.operation;
        this.account = builder.account;
        this.region = builder.region;
        this.condition = builder.condition;
        this.maxHits = builder.maxHits;
        this.everyNth = builder.everyNth;
        this.actionType = actionType;
        this.latency = latency;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.rewrite = rewrite;
        this.description = builder.description != null ? builder.description : describe(builder, actionType, status);
    }

    /** Starts a rule that matches every request until narrowed. */
    public static Builder matching() {
        return new Builder();
    }

    /** Starts a rule for one service, by its SigV4 signing name ({@code sqs}, {@code iam}, {@code account}). */
    public static Builder service(String service) {
        return new Builder().service(service);
    }

    public String description() {
        return description;
    }

    public ActionType actionType() {
        return actionType;
    }

    /** Returns the number of requests this rule has acted on. */
    public synchronized int hits() {
        return hits;
    }

    /** Returns whether the rule has reached its max hit count and no longer matches. */
    public synchronized boolean exhausted() {
        return maxHits > 0 && hits >= maxHits;
    }

    @Override
    public String toString() {
        return "FaultRule[" + description + ", hits=" + hits() + "]";
    }

    /**
     * Returns whether this rule acts on the request, and counts the hit if so. Called once per
     * request, in rule order, until a rule claims it.
     */
    synchronized boolean claim(AwsRequest request, String requestAccount) {
        if (!matches(request, requestAccount) || exhausted()) {
            return false;
        }
        matched++;
        if (matched % everyNth != 0) {
            return false;
        }
        hits++;
        return true;
    }

    Duration latency() {
        return latency;
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    String body() {
        return body;
    }

    UnaryOperator<String> rewrite() {
        return rewrite;
    }

    private boolean matches(AwsRequest request, String requestAccount) {
        return (service == null || service.equals(request.service()))
                && (operation == null || operation.equals(request.operation()))
                && (account == null || account.equals(requestAccount))
                && (region == null || region.equals(request.region()))
                && (condition == null || condition.test(request));
    }

    private static String describe(Builder builder, ActionType actionType, int status) {
        List<String> parts = new ArrayList<>();
        parts.add(actionType == ActionType.SERVER_ERROR ? "server error " + status : actionType.name().toLowerCase());
        parts.add((builder.service == null ? "*" : builder.service) + ":"
                + (builder.operation == null ? "*" : builder.operation));
        if (builder.account != null) {
            parts.add("account " + builder.account);
        }
        if (builder.region != null) {
            parts.add("region " + builder.region);
        }
        if (builder.condition != null) {
            parts.add("with a condition");
        }
        if (builder.everyNth > 1) {
            parts.add("every " + builder.everyNth + "th match");
        }
        if (builder.maxHits > 0) {
            parts.add("at most " + builder.maxHits + " times");
        }
        return String.join(", ", parts);
    }

    /** Collects a rule's criteria; an action method finishes the rule. */
    public static final class Builder {

        private String service;
        private String operation;
        private String account;
        private String region;
        private Predicate<AwsRequest> condition;
        private int maxHits;
        private int everyNth = 1;
        private String description;

        private Builder() {
        }

        /** Matches the SigV4 signing name, for example {@code sqs} or {@code elasticfilesystem}. */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /** Matches the API operation name, for example {@code GetQueueAttributes}. */
        public Builder operation(String operation) {
            this.operation = operation;
            return this;
        }

        /** Matches the account moto acts in for the request's access key. */
        public Builder account(String account) {
            this.account = account;
            return this;
        }

        /** Matches the region of the SigV4 credential scope ({@code us-east-1} for IAM and other global services). */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Adds a test on the request itself, for example on a queue URL in its body. */
        public Builder when(Predicate<AwsRequest> condition) {
            this.condition = condition;
            return this;
        }

        /** Limits the rule to its first {@code maxHits} hits; after them it no longer matches. */
        public Builder maxHits(int maxHits) {
            if (maxHits < 1) {
                throw new IllegalArgumentException("maxHits must be at least 1, was " + maxHits);
            }
            this.maxHits = maxHits;
            return this;
        }

        /**
         * Acts on every {@code n}th matching request only (the nth, the 2nth, ...) and lets the
         * others through, so a test can fault a fixed share of calls without randomness.
         */
        public Builder everyNth(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("everyNth must be at least 1, was " + n);
            }
            this.everyNth = n;
            return this;
        }

        /** Names the rule in logs and in {@link FaultProxy#requests()}; a summary of the criteria by default. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Waits {@code delay} without blocking a thread, then forwards the request to moto. */
        public FaultRule latency(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative, was " + delay);
            }
            return new FaultRule(this, ActionType.LATENCY, delay, 0, null, null, null);
        }

        /**
         * Responds with the protocol's throttling error, which the SDK reports through
         * {@code AwsServiceException.isThrottlingException()} and retries.
         */
        public FaultRule throttle() {
            return new FaultRule(this, ActionType.THROTTLE, null, 0, null, null, null);
        }

        /**
         * Responds with the protocol's access-denied error: {@code AccessDenied} for Query services,
         * S3 and SQS, {@code AccessDeniedException} for AWS JSON and REST-JSON services, and
         * {@code UnauthorizedOperation} for EC2, as AWS itself does.
         */
        public FaultRule accessDenied() {
            return new FaultRule(this, ActionType.ACCESS_DENIED, null, 0, null, null, null);
        }

        /** Responds with a server error: 503 as {@code ServiceUnavailable}, other 5xx as {@code InternalFailure}. */
        public FaultRule serverError(int status) {
            if (status < 500 || status > 599) {
                throw new IllegalArgumentException("A server error needs an HTTP status from 500 to 599, was " + status);
            }
            return new FaultRule(this, ActionType.SERVER_ERROR, null, status, null, null, null);
        }

        /**
         * Forwards the request and passes moto's response body through {@code rewrite} before the
         * client gets it. Only 2xx responses are rewritten; moto's errors pass unchanged and still
         * count as a hit.
         */
        public FaultRule rewrite(UnaryOperator<String> rewrite) {
            Objects.requireNonNull(rewrite, "rewrite");
            return new FaultRule(this, ActionType.REWRITE, null, 0, null, null, rewrite);
        }

        /** Sends this response to the client without calling moto. */
        public FaultRule respond(int status, String contentType, String body) {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            return new FaultRule(this, ActionType.RESPOND, null, status, contentType, body, null);
        }
    }
}
