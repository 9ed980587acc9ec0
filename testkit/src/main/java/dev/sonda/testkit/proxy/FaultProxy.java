package dev.sonda.testkit.proxy;

import dev.sonda.testkit.proxy.AwsErrorResponses.CannedResponse;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP proxy between the AWS SDK and a moto server that injects faults, latency and rewritten
 * responses by rule. Point a client at it with {@code endpointOverride(proxy.endpoint())}.
 *
 * <p>Every request is forwarded unchanged (method, path, query, headers, body) to moto, and
 * moto's response is returned unchanged, unless a {@link FaultRule} claims it. Rules are tried in
 * the order they were added; the first that matches and is not exhausted acts.
 *
 * <p>moto picks the account from the access key. The proxy learns the same mapping by reading
 * every STS response that passes through it ({@code AssumeRole} and the other credential
 * operations), so rules can match on the account; keys it has not seen map to moto's default
 * account {@value #DEFAULT_ACCOUNT}. The proxy also keeps every credential STS issued, for tests
 * that prove no secret reaches a message or a log.
 *
 * <p>The proxy binds 127.0.0.1 on a free port, forwards only to a loopback address, buffers
 * bodies in memory (AWS API bodies are small), and serves requests concurrently on two Vert.x
 * event loops. Rule conditions and rewrite functions run on those event loops, so they must not
 * block. {@link #close()} stops it and releases its threads.
 */
public final class FaultProxy implements AutoCloseable {

    /** The account moto acts in for access keys it did not issue through STS. */
    public static final String DEFAULT_ACCOUNT = "123456789012";

    /** How many recent exchanges {@link #requests()} keeps. */
    public static final int REQUEST_LOG_CAPACITY = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration UPSTREAM_IDLE_TIMEOUT = Duration.ofSeconds(60);
    // Connection-level headers belong to one hop; the proxy's own connections set their own.
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
            "content-length", "expect");

    private final URI target;
    private final Vertx vertx;
    private final HttpClient client;
    private final HttpServer server;
    private final URI endpoint;

    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, String> accountByAccessKey = new ConcurrentHashMap<>();
    private final List<IssuedCredentials> issued = new CopyOnWriteArrayList<>();
    private final Map<CountKey, LongAdder> counts = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<ProxiedExchange> recent = new ConcurrentLinkedDeque<>();
    private final AtomicInteger recentSize = new AtomicInteger();
    private volatile boolean closed;

    private record CountKey(String service, String operation, String account) {
    }

    private record Upstream(int status, String statusMessage, MultiMap headers, Buffer body) {
    }

    private FaultProxy(URI target) {
        this.target = target;
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(2)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                // No .vertx cache directory in the working directory; the proxy serves no files.
                .setFileSystemOptions(new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        this.client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setDefaultHost(target.getHost())
                        .setDefaultPort(target.getPort())
                        .setConnectTimeout(5_000)
                        .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(32));
        this.server = vertx.createHttpServer(new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(0)
                .setHandle100ContinueAutomatically(true)
                .setMaxHeaderSize(32 * 1024));
        server.requestHandler(this::handle);
        try {
            await(server.listen(), "binding 127.0.0.1");
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
        this.endpoint = URI.create("http://127.0.0.1:" + server.actualPort());
    }

    /**
     * Starts a proxy in front of a moto server.
     *
     * @param target moto's endpoint, such as {@code MotoServer.endpoint()}; must be an
     *     {@code http} URI on a loopback address
     * @throws IllegalArgumentException when the target is not a loopback {@code http} endpoint
     */
    public static FaultProxy start(URI target) {
        requireLoopback(target);
        FaultProxy proxy = new FaultProxy(target);
        LOG.info("FaultProxy listening on {}, forwarding to {}", proxy.endpoint, target);
        return proxy;
    }

    /** Returns the proxy's own endpoint, {@code http://127.0.0.1:<port>}, for {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Returns the moto endpoint that requests are forwarded to. */
    public URI target() {
        return target;
    }

    /** Adds a rule after the existing ones and returns it, so the caller can read its hits later. */
    public FaultRule addRule(FaultRule rule) {
        rules.add(Objects.requireNonNull(rule, "rule"));
        LOG.debug("FaultProxy rule added: {}", rule.description());
        return rule;
    }

    /** Adds rules after the existing ones, in order. */
    public void addRules(Collection<FaultRule> newRules) {
        newRules.forEach(this::addRule);
    }

    public boolean removeRule(FaultRule rule) {
        return rules.remove(rule);
    }

    /** Returns the rules in the order they are tried. */
    public List<FaultRule> rules() {
        return List.copyOf(rules);
    }

    public void clearRules() {
        rules.clear();
    }

    /**
     * Returns every set of temporary credentials STS returned through the proxy, in order. These are
     * secrets: compare against them, never print them.
     */
    public List<IssuedCredentials> issuedCredentials() {
        return List.copyOf(issued);
    }

    /** Returns the account moto acts in for an access key, as learned from the STS responses it proxied. */
    public String accountOf(String accessKeyId) {
        if (accessKeyId == null) {
            return DEFAULT_ACCOUNT;
        }
        return accountByAccessKey.getOrDefault(accessKeyId, DEFAULT_ACCOUNT);
    }

    /**
     * Forgets which account each issued access key belongs to. Call it together with
     * {@code MotoServer.reset()}, after which moto no longer recognizes those keys either.
     * {@link #issuedCredentials()} keeps them, because tests still check that they never leak.
     */
    public void clearAccountMapping() {
        accountByAccessKey.clear();
    }

    /**
     * Counts the requests that went through the proxy, forwarded or handled by a rule.
     *
     * @param service SigV4 signing name, or {@code null} for any
     * @param operation operation name, or {@code null} for any
     * @param account account, or {@code null} for any
     */
    public long requestCount(String service, String operation, String account) {
        long total = 0;
        for (var entry : counts.entrySet()) {
            CountKey key = entry.getKey();
            if ((service == null || service.equals(key.service()))
                    && (operation == null || operation.equals(key.operation()))
                    && (account == null || account.equals(key.account()))) {
                total += entry.getValue().sum();
            }
        }
        return total;
    }

    /** Returns the most recent exchanges, oldest first, at most {@value #REQUEST_LOG_CAPACITY}. */
    public List<ProxiedExchange> requests() {
        return List.copyOf(recent);
    }

    /** Clears {@link #requests()} and the counters of {@link #requestCount}. */
    public void clearRequests() {
        counts.clear();
        recent.clear();
        recentSize.set(0);
    }

    /** Stops the server, closes the connections to moto and stops the proxy's threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            LOG.info("FaultProxy on {} stopped", endpoint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while stopping FaultProxy on {}", endpoint);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("FaultProxy on {} did not stop cleanly: {}", endpoint, e.toString());
        }
    }

    private void handle(HttpServerRequest request) {
        request.body()
                .onSuccess(body -> dispatch(request, body))
                .onFailure(error -> {
                    LOG.warn("FaultProxy could not read a request body for {} {}: {}",
                            request.method(), request.path(), error.toString());
                    if (!request.response().closed()) {
                        request.response().setStatusCode(400).end();
                    }
                });
    }

    private void dispatch(HttpServerRequest request, Buffer body) {
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach(header -> headers.putIfAbsent(header.getKey(), header.getValue()));
        AwsRequest aws = AwsRequest.parse(request.method().name(), request.uri(), headers,
                body.toString(StandardCharsets.UTF_8));
        String account = accountOf(aws.accessKeyId());
        FaultRule rule = claimRule(aws, account);
        if (rule == null) {
            forward(request, body, aws, account, null);
            return;
        }
        LOG.debug("FaultProxy rule '{}' acts on {} in account {}", rule.description(), aws, account);
        String message = "Injected by Sonda's FaultProxy rule: " + rule.description();
        switch (rule.actionType()) {
            case LATENCY -> {
                long millis = rule.latency().toMillis();
                if (millis < 1) {
                    forward(request, body, aws, account, rule);
                } else {
                    vertx.setTimer(millis, timer -> forward(request, body, aws, account, rule));
                }
            }
            case THROTTLE -> sendCanned(request, aws, account, rule, AwsErrorResponses.throttling(aws, message));
            case ACCESS_DENIED -> sendCanned(request, aws, account, rule, AwsErrorResponses.accessDenied(aws, message));
            case SERVER_ERROR ->
                    sendCanned(request, aws, account, rule, AwsErrorResponses.serverError(aws, rule.status(), message));
            case REWRITE -> forward(request, body, aws, account, rule);
            case RESPOND -> sendCanned(request, aws, account, rule,
                    new CannedResponse(rule.status(), Map.of("Content-Type", rule.contentType()), rule.body()));
        }
    }

    private FaultRule claimRule(AwsRequest aws, String account) {
        for (FaultRule rule : rules) {
            try {
                if (rule.claim(aws, account)) {
                    return rule;
                }
            } catch (RuntimeException e) {
                LOG.warn("FaultProxy rule '{}' failed to evaluate {} and is skipped: {}",
                        rule.description(), aws, e.toString());
            }
        }
        return null;
    }

    private void forward(HttpServerRequest request, Buffer body, AwsRequest aws, String account, FaultRule rule) {
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(target.getHost())
                .setPort(target.getPort())
                .setURI(request.uri())
                .setIdleTimeout(UPSTREAM_IDLE_TIMEOUT.toMillis());
        request.headers().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                options.addHeader(header.getKey(), header.getValue());
            }
        });
        client.request(options)
                .compose(upstreamRequest -> upstreamRequest.send(body))
                .compose(response -> response.body().map(responseBody -> new Upstream(
                        response.statusCode(), response.statusMessage(), response.headers(), responseBody)))
                .onSuccess(upstream -> sendUpstream(request, aws, account, rule, upstream))
                .onFailure(error -> {
                    LOG.warn("FaultProxy could not forward {} (account {}) to moto at {}: {}",
                            aws, account, target, error.toString());
                    sendText(request, aws, account, rule, 502,
                            "FaultProxy could not reach moto at " + target + ": " + error.getMessage());
                });
    }

    private void sendUpstream(HttpServerRequest request, AwsRequest aws, String account, FaultRule rule,
            Upstream upstream) {
        Buffer body = upstream.body();
        boolean success = upstream.status() >= 200 && upstream.status() < 300;
        if (rule != null && rule.actionType() == FaultRule.ActionType.REWRITE && success) {
            // NOTE: the body is rewritten as UTF-8 text. moto 5.2.1 sends uncompressed bodies; a
            // Content-Encoding such as gzip would need decoding first, which the proxy does not do.
            try {
                String rewritten = rule.rewrite().apply(body.toString(StandardCharsets.UTF_8));
                body = Buffer.buffer(rewritten, "UTF-8");
            } catch (RuntimeException e) {
                LOG.warn("FaultProxy rule '{}' failed to rewrite the response to {}: {}",
                        rule.description(), aws, e.toString());
                sendText(request, aws, account, rule, 500,
                        "FaultProxy rewrite rule '" + rule.description() + "' failed: " + e);
                return;
            }
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        upstream.headers().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        send(request, aws, account, rule, upstream.status(), upstream.statusMessage(), headers, body);
    }

    private void sendCanned(HttpServerRequest request, AwsRequest aws, String account, FaultRule rule,
            CannedResponse canned) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(canned.headers());
        send(request, aws, account, rule, canned.status(), null, headers, Buffer.buffer(canned.body(), "UTF-8"));
    }

    private void sendText(HttpServerRequest request, AwsRequest aws, String account, FaultRule rule, int status,
            String text) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/plain; charset=UTF-8");
        send(request, aws, account, rule, status, null, headers, Buffer.buffer(text, "UTF-8"));
    }

    private void send(HttpServerRequest request, AwsRequest aws, String account, FaultRule rule, int status,
            String statusMessage, MultiMap headers, Buffer body) {
        // Learn and record before responding, so that a caller holding the response can already
        // read its effects (the account of new keys, the request counters).
        if (status == 200 && "sts".equals(aws.service())
                && StsCredentialsParser.CREDENTIAL_OPERATIONS.contains(aws.operation())) {
            learnCredentials(aws, account, body);
        }
        record(new ProxiedExchange(aws, account, status, rule == null ? null : rule.description()));

        HttpServerResponse response = request.response();
        if (response.closed()) {
            LOG.debug("FaultProxy client closed the connection before the response to {}", aws);
            return;
        }
        response.setStatusCode(status);
        if (statusMessage != null) {
            response.setStatusMessage(statusMessage);
        }
        response.headers().addAll(headers);
        response.end(body);
    }

    private void learnCredentials(AwsRequest aws, String callerAccount, Buffer body) {
        try {
            StsCredentialsParser.parse(body.toString(StandardCharsets.UTF_8), callerAccount).ifPresent(credentials -> {
                accountByAccessKey.put(credentials.accessKeyId(), credentials.account());
                issued.add(credentials);
                LOG.debug("FaultProxy saw sts:{} issue credentials for account {}", aws.operation(),
                        credentials.account());
            });
        } catch (IllegalArgumentException e) {
            LOG.warn("FaultProxy could not read the credentials of an sts:{} response: {}",
                    aws.operation(), e.getMessage());
        }
    }

    private void record(ProxiedExchange exchange) {
        counts.computeIfAbsent(new CountKey(exchange.service(), exchange.operation(), exchange.account()),
                key -> new LongAdder()).increment();
        recent.addLast(exchange);
        if (recentSize.incrementAndGet() > REQUEST_LOG_CAPACITY && recent.pollFirst() != null) {
            recentSize.decrementAndGet();
        }
    }

    private static void requireLoopback(URI target) {
        Objects.requireNonNull(target, "target");
        if (!"http".equals(target.getScheme()) || target.getHost() == null || target.getPort() < 1) {
            throw new IllegalArgumentException("FaultProxy target must be http://127.0.0.1:<port>, was " + target);
        }
        // Checked on the literal, without a DNS lookup: the proxy must never reach another host.
        String host = target.getHost();
        boolean loopback = host.equals("localhost") || host.equals("[::1]") || LOOPBACK_IPV4.matcher(host).matches();
        if (!loopback) {
            throw new IllegalArgumentException("FaultProxy forwards only to a server on the loopback interface,"
                    + " such as a MotoServer; " + target + " is not on it");
        }
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture()
                    .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what + " for FaultProxy", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("FaultProxy failed " + what + ": " + e.getMessage(), e);
        }
    }
}
