package dev.sonda.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.messages.DisabledControl;
import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.ProbeResult;
import dev.sonda.contracts.messages.ScanTask;
import dev.sonda.contracts.messages.TaskAccount;
import dev.sonda.testkit.proxy.FaultProxy;
import dev.sonda.testkit.proxy.ProxiedExchange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/** Tasks and assertions for the tests of the accessanalyzer, config, cloudtrail and kms probes. */
final class TrailsTestSupport {

    private TrailsTestSupport() {
    }

    /** Builds a global task that lists {@code regions} as the account's regions, as the scheduler does. */
    static ScanTask globalTask(String accountId, String probe, List<String> regions, DisabledControl... disabled) {
        TaskAccount account = new TaskAccount(accountId, "test-" + accountId, "tests", TestTasks.roleArn(accountId),
                null);
        return new ScanTask(MessageCodec.SCHEMA_VERSION, "task-" + UUID.randomUUID(), "scan-worker-tests",
                Instant.now(), Instant.now().plus(Duration.ofHours(1)), account, ScanTask.GLOBAL_REGION, probe,
                List.of(disabled), regions);
    }

    /** Sends a task and returns its result. */
    static ProbeResult run(ScanTask task) {
        KafkaTestClient.send(task);
        return KafkaTestClient.awaitResult(task.taskId());
    }

    static List<Finding> findings(ProbeResult result, String controlId) {
        return result.findings().stream().filter(finding -> finding.controlId().equals(controlId)).toList();
    }

    /** Returns the only finding of a control in a result, failing when there are more or none. */
    static Finding only(ProbeResult result, String controlId) {
        List<Finding> found = findings(result, controlId);
        assertThat(found).as(controlId + " findings in " + result.findings()).hasSize(1);
        return found.get(0);
    }

    static Finding finding(ProbeResult result, String controlId, String resourceId, String region) {
        return result.findings().stream()
                .filter(finding -> finding.controlId().equals(controlId) && finding.resourceId().equals(resourceId)
                        && finding.region().equals(region))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + controlId + " finding for " + resourceId + " in "
                        + region + " in " + result.findings()));
    }

    /**
     * Asserts that every AWS request the proxy saw in an account is an IAM action the catalog
     * declares for the probe. Unlike {@link WorkerTestSupport#assertOnlyCatalogActions}, it names
     * S3 requests by their IAM action, because the proxy gives REST-XML requests no operation.
     */
    static void assertOnlyCatalogActions(FaultProxy proxy, String accountId, String probe) {
        Set<String> declared = new TreeSet<>();
        Catalog.load().probe(probe).orElseThrow().controls().forEach(control -> declared.addAll(control.iamActions()));
        declared.add("sts:GetCallerIdentity");
        Set<String> called = proxy.requests().stream()
                .filter(exchange -> accountId.equals(exchange.account()))
                .map(TrailsTestSupport::action)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(called).isNotEmpty();
        assertThat(declared).as("IAM actions the catalog declares for probe " + probe).containsAll(called);
    }

    /** Returns the IAM action of a request, naming S3 bucket sub-resources by their query parameter. */
    static String action(ProxiedExchange exchange) {
        if (!"s3".equals(exchange.service())) {
            return exchange.service() + ":" + exchange.operation();
        }
        String uri = exchange.request().uri();
        String query = uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "";
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        String method = exchange.request().method();
        if (method.equals("GET") && (path.equals("/") || path.isEmpty())) {
            return "s3:ListAllMyBuckets";
        }
        for (String parameter : query.split("&")) {
            String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
            switch (name) {
                case "acl" -> {
                    return "s3:GetBucketAcl";
                }
                case "policy" -> {
                    return "s3:GetBucketPolicy";
                }
                case "publicAccessBlock" -> {
                    return "s3:GetBucketPublicAccessBlock";
                }
                case "logging" -> {
                    return "s3:GetBucketLogging";
                }
                case "location" -> {
                    return "s3:GetBucketLocation";
                }
                default -> {
                }
            }
        }
        return "s3:" + method + " " + uri;
    }
}
