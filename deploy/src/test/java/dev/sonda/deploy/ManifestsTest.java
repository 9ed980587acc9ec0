package dev.sonda.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validates the Kubernetes manifests under deploy/kubernetes offline, without a cluster. */
class ManifestsTest {

    /** Custom resource kinds and the schema file each is checked against. */
    private static final Map<String, String> SCHEMAS = Map.ofEntries(
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", "kafka.strimzi.io/kafkatopic_v1.json"),
            Map.entry("keda.sh/v1alpha1/ScaledObject", "keda.sh/scaledobject_v1alpha1.json"),
            Map.entry("keda.sh/v1alpha1/TriggerAuthentication", "keda.sh/triggerauthentication_v1alpha1.json"),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", "kafka.strimzi.io/kafkauser_v1.json"),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", "monitoring.coreos.com/servicemonitor_v1.json"),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", "monitoring.coreos.com/prometheusrule_v1.json"),
            Map.entry("grafana.integreatly.org/v1beta1/GrafanaDashboard", "grafana.integreatly.org/grafanadashboard_v1beta1.json"));

    private static final Path DEPLOY = Path.of(System.getProperty("sonda.deploy.dir", "."));
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static List<Manifest> manifests;

    record Manifest(Path file, JsonNode document) {
        String kind() {
            return document.path("kind").asText();
        }

        String name() {
            return document.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return file.getFileName() + ": " + kind() + " " + name();
        }
    }

    @BeforeAll
    static void readManifests() throws IOException {
        manifests = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                try (var parser = new YAMLFactory().createParser(file.toFile())) {
                    for (var iterator = yaml.readValues(parser, JsonNode.class); iterator.hasNext(); ) {
                        JsonNode document = iterator.next();
                        if (document != null && !document.isEmpty()) {
                            manifests.add(new Manifest(file, document));
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyManifestHasKindNameAndNamespace() {
        assertThat(manifests).hasSizeGreaterThan(10);
        for (Manifest manifest : manifests) {
            assertThat(manifest.document().path("apiVersion").asText()).as(manifest + " apiVersion").isNotBlank();
            assertThat(manifest.kind()).as(manifest + " kind").isNotBlank();
            assertThat(manifest.name()).as(manifest + " name").isNotBlank();
            if (!manifest.kind().equals("Namespace")) {
                assertThat(manifest.document().path("metadata").path("namespace").asText())
                        .as(manifest + " namespace").isEqualTo("sonda");
            }
        }
    }

    @Test
    void customResourcesMatchTheirSchemas() throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        int validated = 0;
        for (Manifest manifest : manifests) {
            String key = manifest.document().path("apiVersion").asText() + "/" + manifest.kind();
            String schemaFile = SCHEMAS.get(key);
            if (schemaFile == null) {
                assertThat(key).as(manifest + " is a custom resource without a schema here")
                        .matches("(v1|apps/v1)/.*");
                continue;
            }
            Schema schema;
            try (InputStream in = ManifestsTest.class.getResourceAsStream("/crd-schemas/" + schemaFile)) {
                schema = registry.getSchema(JSON.readTree(in));
            }
            List<Error> errors = schema.validate(manifest.document());
            assertThat(errors).as(manifest + " against " + schemaFile).isEmpty();
            validated++;
        }
        assertThat(validated).isGreaterThanOrEqualTo(13);
    }

    @Test
    void workloadsSelectTheirPodsAndProbeHealth() {
        for (Manifest manifest : workloads()) {
            JsonNode spec = manifest.document().path("spec");
            JsonNode selector = spec.path("selector").path("matchLabels");
            JsonNode podLabels = spec.path("template").path("metadata").path("labels");
            selector.fields().forEachRemaining(label -> assertThat(podLabels.path(label.getKey()).asText())
                    .as(manifest + " pod label " + label.getKey()).isEqualTo(label.getValue().asText()));
            for (JsonNode container : spec.path("template").path("spec").path("containers")) {
                assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                        .as(manifest + " readiness probe").isEqualTo("/q/health/ready");
                assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                        .as(manifest + " liveness probe").isEqualTo("/q/health/live");
                assertThat(container.path("resources").path("requests").path("memory").asText())
                        .as(manifest + " memory request").isNotBlank();
                assertThat(container.path("resources").path("limits").path("memory").asText())
                        .as(manifest + " memory limit").isNotBlank();
            }
        }
    }

    @Test
    void servicesSelectExistingPods() {
        for (Manifest service : ofKind("Service")) {
            JsonNode selector = service.document().path("spec").path("selector");
            boolean matched = workloads().stream().anyMatch(workload -> matches(selector,
                    workload.document().path("spec").path("template").path("metadata").path("labels")));
            assertThat(matched).as(service + " selects no workload's pods").isTrue();
        }
    }

    @Test
    void scalerTargetsWorkerDeployment() {
        List<Manifest> scalers = ofKind("ScaledObject");
        assertThat(scalers).hasSize(1);
        String target = scalers.get(0).document().path("spec").path("scaleTargetRef").path("name").asText();
        assertThat(ofKind("Deployment")).extracting(Manifest::name).contains(target);
        JsonNode trigger = scalers.get(0).document().path("spec").path("triggers").get(0).path("metadata");
        assertThat(trigger.path("topic").asText()).isEqualTo("sonda.tasks");
        assertThat(trigger.path("consumerGroup").asText()).isEqualTo("sonda-worker");
    }

    @Test
    void scaledWorkersStayWithinTaskPartitions() {
        int partitions = ofKind("KafkaTopic").stream().filter(topic -> topic.name().equals("sonda.tasks"))
                .findFirst().orElseThrow().document().path("spec").path("partitions").asInt();
        int maxReplicas = ofKind("ScaledObject").get(0).document().path("spec").path("maxReplicaCount").asInt();

        assertThat(maxReplicas).isLessThanOrEqualTo(partitions);
    }

    @Test
    void everyServiceAuthenticatesToKafka() {
        for (Manifest workload : workloads()) {
            String user = workload.name();
            JsonNode environment = workload.document().path("spec").path("template").path("spec")
                    .path("containers").get(0).path("env");
            boolean jaas = false;
            for (JsonNode variable : environment) {
                if (variable.path("name").asText().endsWith("SASL_JAAS_CONFIG")) {
                    jaas = variable.path("valueFrom").path("secretKeyRef").path("name").asText().equals(user);
                }
            }
            assertThat(jaas).as(workload + " reads its SASL config from the Secret of KafkaUser " + user).isTrue();
            assertThat(ofKind("KafkaUser")).extracting(Manifest::name).as("KafkaUser of " + workload).contains(user);
        }
    }

    @Test
    void serviceMonitorScrapesQuarkusMetrics() {
        JsonNode endpoint = ofKind("ServiceMonitor").get(0).document().path("spec").path("endpoints").get(0);

        assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
        assertThat(endpoint.path("port").asText()).isEqualTo("http");
    }

    @Test
    void dashboardsAndAlertsUseDocumentedMetrics() throws IOException {
        Path root = Path.of(System.getProperty("sonda.root.dir", ".."));
        java.util.Set<String> documented = new java.util.TreeSet<>();
        for (String readme : List.of("aggregator/README.md", "worker/README.md", "scheduler/README.md")) {
            documented.addAll(metricNames(Files.readString(root.resolve(readme))));
        }
        String used = Files.readString(DEPLOY.resolve("grafana/sonda-overview.json"))
                + Files.readString(DEPLOY.resolve("kubernetes/80-prometheus-rules.yaml"));

        for (String metric : metricNames(used)) {
            String base = metric.replaceAll("_(bucket|count|sum|max)$", "");
            assertThat(documented).as("metric " + metric + " is not documented in a service README")
                    .containsAnyOf(metric, base);
        }
    }

    private static java.util.Set<String> metricNames(String text) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\bsonda_[a-z0-9_]+").matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    private static List<Manifest> workloads() {
        return manifests.stream().filter(m -> m.kind().equals("Deployment") || m.kind().equals("StatefulSet"))
                .toList();
    }

    private static List<Manifest> ofKind(String kind) {
        return manifests.stream().filter(manifest -> manifest.kind().equals(kind)).toList();
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (!(selector instanceof ObjectNode) || selector.isEmpty()) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var label = fields.next();
            if (!labels.path(label.getKey()).asText().equals(label.getValue().asText())) {
                return false;
            }
        }
        return true;
    }
}
