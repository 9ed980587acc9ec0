package dev.sonda.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.sonda.testkit.AwsTestClients;
import dev.sonda.testkit.FreePorts;
import dev.sonda.testkit.ProxiedMotoTestBase;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.model.AlternateContactType;
import software.amazon.awssdk.services.account.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;

/** Drives the proxy with real SDK clients against a real moto server. */
class FaultProxyTest extends ProxiedMotoTestBase {

    private static final String ACME = "111111111111";
    private static final String GLOBEX = "333333333333";
    /**
     * The code SDK 2.40.2 reports for moto's missing-queue error: it reads the Query-era code from
     * the x-amzn-query-error header and does not map it to QueueDoesNotExistException.
     */
    private static final String NON_EXISTENT_QUEUE = "AWS.SimpleQueueService.NonExistentQueue";
    /** RetryMode.STANDARD makes three attempts. */
    private static final int STANDARD_ATTEMPTS = 3;

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, String account, Region region) {
        builder.overrideConfiguration(config -> config.retryStrategy(RetryMode.STANDARD));
        return AwsTestClients.client(builder, proxy.endpoint(), account, region);
    }

    private static AwsServiceException serviceFailure(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(AwsServiceException.class);
        return (AwsServiceException) thrown;
    }

    @Test
    void forwardsRequestsUnchanged() {
        try (SqsClient sqs = client(SqsClient.builder(), ACME, Region.EU_WEST_1)) {
            String url = sqs.createQueue(r -> r.queueName("forwarded").tags(Map.of("owner", "qa")))
                    .queueUrl();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("héllo & <xml> \"json\"")
                    .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String").stringValue("test").build())));
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(1)
                    .messageAttributeNames("All")).messages();

            // moto builds queue URLs from the Host header, which the proxy forwards unchanged.
            assertThat(url).isEqualTo(proxy.endpoint() + "/" + ACME + "/forwarded");
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0).body()).isEqualTo("héllo & <xml> \"json\"");
            assertThat(messages.get(0).messageAttributes().get("kind").stringValue()).isEqualTo("test");
            assertThat(sqs.listQueueTags(r -> r.queueUrl(url)).tags()).containsEntry("owner", "qa");
            String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            assertThat(arn).isEqualTo("arn:aws:sqs:eu-west-1:" + ACME + ":forwarded");
        }
        assertThat(proxy.requestCount("sqs", "CreateQueue", ACME)).isEqualTo(1);
        assertThat(proxy.requestCount("sqs", null, ACME)).isEqualTo(5);
        assertThat(proxy.requestCount("sts", "AssumeRole", FaultProxy.DEFAULT_ACCOUNT)).isEqualTo(1);
    }

    @Test
    void assumeRoleTeachesAccount() {
        AwsSessionCredentials credentials =
                AwsTestClients.assumeRole(proxy.endpoint(), GLOBEX, "SondaScanner", "sonda-demo-x", Region.US_EAST_1);

        assertThat(proxy.accountOf(credentials.accessKeyId())).isEqualTo(GLOBEX);
        assertThat(proxy.issuedCredentials()).anySatisfy(issued -> {
            assertThat(issued.accessKeyId()).isEqualTo(credentials.accessKeyId());
            assertThat(issued.secretAccessKey()).isEqualTo(credentials.secretAccessKey());
            assertThat(issued.sessionToken()).isEqualTo(credentials.sessionToken());
            assertThat(issued.account()).isEqualTo(GLOBEX);
        });
        try (StsClient sts = client(StsClient.builder(), GLOBEX, Region.US_EAST_1)) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo(GLOBEX);
        }
        assertThat(proxy.requestCount("sts", "GetCallerIdentity", GLOBEX)).isEqualTo(1);
    }

    @Test
    void unknownKeyMapsToDefaultAccount() {
        try (StsClient sts = AwsTestClients.baseClient(StsClient.builder(), proxy.endpoint(), Region.US_EAST_1)) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo(FaultProxy.DEFAULT_ACCOUNT);
        }
        assertThat(proxy.accountOf("never-issued")).isEqualTo(FaultProxy.DEFAULT_ACCOUNT);
        assertThat(proxy.requestCount("sts", "GetCallerIdentity", FaultProxy.DEFAULT_ACCOUNT)).isEqualTo(1);
    }

    @Test
    void throttleSqsAfterAllRetries() {
        try (SqsClient sqs = client(SqsClient.builder(), ACME, Region.EU_WEST_1)) {
            FaultRule rule = proxy.addRule(FaultRule.service("sqs").operation("ListQueues").throttle());

            AwsServiceException error = serviceFailure(sqs::listQueues);

            assertThat(error.isThrottlingException()).isTrue();
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("RequestThrottled");
            assertThat(error.statusCode()).isEqualTo(400);
            assertThat(rule.hits()).isEqualTo(STANDARD_ATTEMPTS);
        }
    }

    @Test
    void throttleBelowAttemptsRecovers() {
        try (SqsClient sqs = client(SqsClient.builder(), ACME, Region.EU_WEST_1)) {
            String url = sqs.createQueue(r -> r.queueName("recovers")).queueUrl();
            FaultRule rule = proxy.addRule(FaultRule.service("sqs").operation("GetQueueAttributes")
                    .maxHits(STANDARD_ATTEMPTS - 1).throttle());

            var attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL));

            assertThat(attributes.attributes()).containsKey(QueueAttributeName.QUEUE_ARN);
            assertThat(rule.hits()).isEqualTo(STANDARD_ATTEMPTS - 1);
            assertThat(rule.exhausted()).isTrue();
            assertThat(proxy.requestCount("sqs", "GetQueueAttributes", ACME)).isEqualTo(STANDARD_ATTEMPTS);
        }
    }

    @Test
    void throttleIamQuery() {
        try (IamClient iam = client(IamClient.builder(), ACME, Region.US_EAST_1)) {
            proxy.addRule(FaultRule.service("iam").throttle());

            AwsServiceException error = serviceFailure(iam::getAccountSummary);

            assertThat(error.isThrottlingException()).isTrue();
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("Throttling");
            assertThat(error.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void throttleStsQuery() {
        try (StsClient sts = client(StsClient.builder(), ACME, Region.US_EAST_1)) {
            proxy.addRule(FaultRule.service("sts").operation("GetCallerIdentity").throttle());

            AwsServiceException error = serviceFailure(sts::getCallerIdentity);

            assertThat(error.isThrottlingException()).isTrue();
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("Throttling");
        }
    }

    @Test
    void throttleAccountRestJson() {
        try (AccountClient account = client(AccountClient.builder(), ACME, Region.US_EAST_1)) {
            proxy.addRule(FaultRule.service("account").operation("GetAlternateContact").throttle());

            AwsServiceException error = serviceFailure(() ->
                    account.getAlternateContact(r -> r.alternateContactType(AlternateContactType.SECURITY)));

            assertThat(error.isThrottlingException()).isTrue();
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
            assertThat(error.statusCode()).isEqualTo(429);
        }
    }

    @Test
    void throttleOrganizationsJson() {
        try (OrganizationsClient organizations = client(OrganizationsClient.builder(), ACME, Region.US_EAST_1)) {
            proxy.addRule(FaultRule.service("organizations").operation("DescribeOrganization").throttle());

            AwsServiceException error = serviceFailure(organizations::describeOrganization);

            assertThat(error.isThrottlingException()).isTrue();
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
        }
    }

    @Test
    void throttleEc2Dialect() {
        try (Ec2Client ec2 = client(Ec2Client.builder(), ACME, Region.EU_WEST_1)) {
            proxy.addRule(FaultRule.service("ec2").operation("DescribeVpcs").throttle());

            AwsServiceException error = serviceFailure(ec2::describeVpcs);

            assertThat(error.isThrottlingException()).isTrue();
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
        }
    }

    @Test
    void accessDeniedPerProtocol() {
        proxy.addRule(FaultRule.matching().when(request -> !"sts".equals(request.service())).accessDenied());

        try (SqsClient sqs = client(SqsClient.builder(), ACME, Region.EU_WEST_1);
                IamClient iam = client(IamClient.builder(), ACME, Region.US_EAST_1);
                AccountClient account = client(AccountClient.builder(), ACME, Region.US_EAST_1);
                OrganizationsClient organizations = client(OrganizationsClient.builder(), ACME, Region.US_EAST_1);
                Ec2Client ec2 = client(Ec2Client.builder(), ACME, Region.EU_WEST_1)) {
            AwsServiceException sqsError = serviceFailure(sqs::listQueues);
            assertThat(sqsError.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(sqsError.statusCode()).isEqualTo(403);

            AwsServiceException iamError = serviceFailure(iam::getAccountSummary);
            assertThat(iamError.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(iamError.statusCode()).isEqualTo(403);

            AwsServiceException accountError = serviceFailure(() ->
                    account.getAlternateContact(r -> r.alternateContactType(AlternateContactType.SECURITY)));
            assertThat(accountError.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(accountError.statusCode()).isEqualTo(403);

            AwsServiceException organizationsError = serviceFailure(organizations::describeOrganization);
            assertThat(organizationsError.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");

            AwsServiceException ec2Error = serviceFailure(ec2::describeVpcs);
            assertThat(ec2Error.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            assertThat(ec2Error.statusCode()).isEqualTo(403);

            for (AwsServiceException error : List.of(sqsError, iamError, accountError, organizationsError, ec2Error)) {
                assertThat(error.isThrottlingException()).isFalse();
            }
        }
        // Access denied is not retried: one request per call.
        assertThat(proxy.rules().get(0).hits()).isEqualTo(5);
    }

    @Test
    void accessDeniedOnAssumeRole() {
        proxy.addRule(FaultRule.service("sts").operation("AssumeRole").accessDenied());

        AwsServiceException error = serviceFailure(() ->
                AwsTestClients.assumeRole(proxy.endpoint(), ACME, "SondaScanner", null, Region.US_EAST_1));

        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    }

    @Test
    void serverErrorsAreRetriedThenReported() {
        try (IamClient iam = client(IamClient.builder(), ACME, Region.US_EAST_1);
                SqsClient sqs = client(SqsClient.builder(), ACME, Region.EU_WEST_1);
                AccountClient account = client(AccountClient.builder(), ACME, Region.US_EAST_1)) {
            FaultRule iamRule = proxy.addRule(FaultRule.service("iam").serverError(500));
            FaultRule sqsRule = proxy.addRule(FaultRule.service("sqs").serverError(503));
            FaultRule accountRule = proxy.addRule(FaultRule.service("account").serverError(500));

            AwsServiceException iamError = serviceFailure(iam::getAccountSummary);
            AwsServiceException sqsError = serviceFailure(sqs::listQueues);
            AwsServiceException accountError = serviceFailure(() ->
                    account.getAlternateContact(r -> r.alternateContactType(AlternateContactType.SECURITY)));

            assertThat(iamError.statusCode()).isEqualTo(500);
            assertThat(iamError.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
            assertThat(sqsError.statusCode()).isEqualTo(503);
            assertThat(sqsError.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
            assertThat(accountError.statusCode()).isEqualTo(500);
            assertThat(accountError.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
            assertThat(iamRule.hits()).isEqualTo(STANDARD_ATTEMPTS);
            assertThat(sqsRule.hits()).isEqualTo(STANDARD_ATTEMPTS);
            assertThat(accountRule.hits()).isEqualTo(STANDARD_ATTEMPTS);
        }
    }

    @Test
    void rewriteChangesMotoAnswer() {
        try (SqsClient sqs = client(SqsClient.builder(), ACME, Region.EU_WEST_1)) {
            String url = sqs.createQueue(r -> r.queueName("rewritten")).queueUrl();
            proxy.addRule(FaultRule.service("sqs").operation("GetQueueAttributes")
                    .rewrite(body -> body.replace("\"SqsManagedSseEnabled\": \"true\"",
                            "\"SqsManagedSseEnabled\": \"false\"")));

            var attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                    .attributes();

            assertThat(attributes).containsEntry(QueueAttributeName.SQS_MANAGED_SSE_ENABLED, "false");
        }
    }

    @Test
    void rewriteLeavesMotoErrorsAlone() {
        try (SqsClient sqs = client(SqsClient.builder(), ACME, Region.EU_WEST_1)) {
            FaultRule rule = proxy.addRule(FaultRule.service("sqs").operation("GetQueueUrl")
                    .rewrite(body -> "{\"QueueUrl\":\"rewritten\"}"));

            AwsServiceException error = serviceFailure(() -> sqs.getQueueUrl(r -> r.queueName("missing")));

            assertThat(error.awsErrorDetails().errorCode()).isEqualTo(NON_EXISTENT_QUEUE);
            assertThat(rule.hits()).isEqualTo(1);
        }
    }

    @Test
    void respondAnswersWithoutMoto() {
        try (OrganizationsClient organizations = client(OrganizationsClient.builder(), ACME, Region.US_EAST_1)) {
            proxy.addRule(FaultRule.service("organizations").operation("DescribeOrganization")
                    .respond(200, "application/x-amz-json-1.1",
                            "{\"Organization\":{\"Id\":\"o-canned1234\",\"FeatureSet\":\"ALL\"}}"));

            assertThat(organizations.describeOrganization().organization().id()).isEqualTo("o-canned1234");
        }
    }

    @Test
    void latencyThenForward() {
        try (SqsClient sqs = client(SqsClient.builder(), ACME, Region.EU_WEST_1)) {
            FaultRule rule = proxy.addRule(FaultRule.service("sqs").operation("ListQueues")
                    .latency(Duration.ofMillis(300)));

            sqs.listQueues();

            assertThat(rule.hits()).isEqualTo(1);
            assertThat(proxy.requests()).anySatisfy(exchange -> {
                assertThat(exchange.operation()).isEqualTo("ListQueues");
                assertThat(exchange.status()).isEqualTo(200);
                assertThat(exchange.rule()).isEqualTo(rule.description());
            });
        }
    }

    @Test
    void ruleMatchesAccountAndRegion() {
        FaultRule rule = proxy.addRule(FaultRule.service("sqs").operation("GetQueueAttributes")
                .account(GLOBEX).region("us-east-1").accessDenied());

        try (SqsClient globexEast = client(SqsClient.builder(), GLOBEX, Region.US_EAST_1);
                SqsClient globexWest = client(SqsClient.builder(), GLOBEX, Region.EU_WEST_1);
                SqsClient acmeEast = client(SqsClient.builder(), ACME, Region.US_EAST_1)) {
            String eastUrl = globexEast.createQueue(r -> r.queueName("matched")).queueUrl();
            String westUrl = globexWest.createQueue(r -> r.queueName("matched")).queueUrl();
            String acmeUrl = acmeEast.createQueue(r -> r.queueName("matched")).queueUrl();

            AwsServiceException denied = serviceFailure(() -> globexEast.getQueueAttributes(r -> r.queueUrl(eastUrl)));
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(globexWest.getQueueAttributes(r -> r.queueUrl(westUrl)).attributes()).isNotNull();
            assertThat(acmeEast.getQueueAttributes(r -> r.queueUrl(acmeUrl)).attributes()).isNotNull();
        }
        assertThat(rule.hits()).isEqualTo(1);
    }

    @Test
    void everyNthFaultsShareOfCalls() {
        try (SqsClient sqs = client(SqsClient.builder(), ACME, Region.EU_WEST_1)) {
            FaultRule rule = proxy.addRule(FaultRule.service("sqs").operation("ListQueues").everyNth(2).throttle());

            for (int call = 0; call < 4; call++) {
                sqs.listQueues();
            }

            // Requests 2, 4 and 6 are throttled; each retry is the next odd request and passes.
            assertThat(rule.hits()).isEqualTo(3);
            assertThat(proxy.requestCount("sqs", "ListQueues", ACME)).isEqualTo(7);
        }
    }

    @Test
    void exhaustedRuleFallsThrough() {
        try (IamClient iam = client(IamClient.builder(), ACME, Region.US_EAST_1)) {
            FaultRule first = proxy.addRule(FaultRule.service("iam").maxHits(1).throttle());
            FaultRule second = proxy.addRule(FaultRule.service("iam").accessDenied());

            AwsServiceException error = serviceFailure(iam::listUsers);

            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(first.hits()).isEqualTo(1);
            assertThat(second.hits()).isEqualTo(1);
        }
    }

    @Test
    void motoErrorsPassThrough() {
        try (SqsClient proxied = client(SqsClient.builder(), ACME, Region.EU_WEST_1);
                SqsClient direct = AwsTestClients.client(SqsClient.builder(), moto.endpoint(), ACME, Region.EU_WEST_1);
                AccountClient account = client(AccountClient.builder(), "444444444444", Region.US_EAST_1)) {
            AwsServiceException directError = serviceFailure(() -> direct.getQueueUrl(r -> r.queueName("absent")));
            AwsServiceException proxiedError = serviceFailure(() -> proxied.getQueueUrl(r -> r.queueName("absent")));

            assertThat(proxiedError.getClass()).isEqualTo(directError.getClass());
            assertThat(proxiedError.statusCode()).isEqualTo(directError.statusCode());
            assertThat(proxiedError.awsErrorDetails().errorCode()).isEqualTo(directError.awsErrorDetails().errorCode());
            assertThat(proxiedError.awsErrorDetails().errorMessage())
                    .isEqualTo(directError.awsErrorDetails().errorMessage());
            assertThatThrownBy(() ->
                    account.getAlternateContact(r -> r.alternateContactType(AlternateContactType.SECURITY)))
                    .isInstanceOf(ResourceNotFoundException.class);

            assertThat(proxied.createQueue(r -> r.queueName("after-errors")).queueUrl()).endsWith("/after-errors");
        }
    }

    @Test
    void concurrentRequestsAllAnswered() throws Exception {
        int threads = 8;
        int callsPerThread = 10;
        proxy.addRule(FaultRule.service("sqs").operation("ListQueues").latency(Duration.ofMillis(50)));
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try (SqsClient sqs = client(SqsClient.builder(), ACME, Region.EU_WEST_1)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int id = thread;
                results.add(executor.submit(() -> {
                    int answered = 0;
                    for (int call = 0; call < callsPerThread; call++) {
                        if (call % 2 == 0) {
                            sqs.createQueue(r -> r.queueName("concurrent-" + id));
                        } else {
                            sqs.listQueues();
                        }
                        answered++;
                    }
                    return answered;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(120, TimeUnit.SECONDS)).isEqualTo(callsPerThread);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(proxy.requestCount("sqs", null, ACME)).isEqualTo(threads * callsPerThread);
    }

    @Test
    void unreachableMotoGives502() throws Exception {
        try (FaultProxy orphan = FaultProxy.start(URI.create("http://127.0.0.1:" + FreePorts.pick()))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(orphan.endpoint().resolve("/")).POST(HttpRequest.BodyPublishers.ofString(
                            "Action=ListUsers")).header("Content-Type", "application/x-www-form-urlencoded").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("could not reach moto");
            assertThat(orphan.requests()).singleElement().satisfies(exchange ->
                    assertThat(exchange.status()).isEqualTo(502));
        }
    }

    private static long vertxThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> thread.getName().startsWith("vert.x-")
                        || thread.getName().startsWith("vertx-blocked-thread-checker"))
                .count();
    }

    @Test
    void closeReleasesPortAndThreads() {
        long threadsBefore = vertxThreads();
        FaultProxy closing = FaultProxy.start(moto.endpoint());
        int port = closing.endpoint().getPort();
        try (SqsClient sqs = AwsTestClients.client(SqsClient.builder(), closing.endpoint(), ACME, Region.EU_WEST_1)) {
            sqs.listQueues();
        }
        assertThat(vertxThreads()).isGreaterThan(threadsBefore);

        closing.close();

        await().atMost(Duration.ofSeconds(30)).until(() -> vertxThreads() <= threadsBefore);

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    @Test
    void targetMustBeLoopback() {
        assertThatThrownBy(() -> FaultProxy.start(URI.create("http://10.0.0.1:4566")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> FaultProxy.start(URI.create("http://sqs.eu-west-1.amazonaws.com:80")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> FaultProxy.start(URI.create("https://127.0.0.1:443")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void proxyBindsLoopback() {
        assertThat(proxy.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(proxy.endpoint().getPort()).isPositive();
        assertThat(proxy.target()).isEqualTo(moto.endpoint());
    }
}
