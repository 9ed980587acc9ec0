package dev.sonda.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sonda.contracts.MessageCodec;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.catalog.Framework;
import dev.sonda.contracts.inventory.InventoryException;
import dev.sonda.contracts.inventory.InventoryParser;
import dev.sonda.testkit.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * One local run of {@code sonda scan}: starts every part, scans once, reports, and stops them all
 * again unless asked to keep running.
 */
final class LocalRun implements AutoCloseable {

    private static final Duration SERVICE_STARTUP = Duration.ofMinutes(2);
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Duration MINIMUM_TIMEOUT = Duration.ofSeconds(30);
    private static final int TOPIC_PARTITIONS = 3;
    private static final DateTimeFormatter RUN_NAME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ScanCommand options;
    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper mapper = MessageCodec.newObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    /** Stops every child process when the JVM is stopped (Ctrl-C, SIGTERM) in the middle of a run. */
    private final Thread shutdownHook = new Thread(this::close, "sonda-shutdown");
    private boolean closed;

    LocalRun(ScanCommand options) {
        this.options = options;
        this.out = options.out;
        this.err = options.err;
    }

    int execute() {
        Optional<String> cron;
        try {
            String schedule = cronFor(options.every);
            cron = options.keepRunning ? Optional.of(schedule) : Optional.empty();
            checkTimeout(options.timeout);
            checkProbes(options.probes);
            checkReportPath(options.report);
            if (options.inventory != null) {
                InventoryParser.load(options.inventory);
            }
        } catch (IllegalArgumentException | InventoryException e) {
            err.println("Error: " + e.getMessage());
            return ScanCommand.EXIT_INVALID_INPUT;
        }

        Path runDirectory;
        SondaApi api;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            runDirectory = createRunDirectory();
            out.println("Run directory: " + runDirectory + " (logs in " + runDirectory.resolve("logs") + ")");
            EmbeddedKafka kafka = startBroker(runDirectory);
            Target target = options.inventory == null ? startDemo(runDirectory) : realAccounts(options.inventory);
            api = startServices(runDirectory, kafka, target, cron);
        } catch (IllegalStateException | IOException | UncheckedIOException e) {
            return failed(e, "Stopped before Sonda had started.");
        }

        try {
            return scan(api, runDirectory, cron);
        } catch (IllegalStateException | UncheckedIOException e) {
            return failed(e, "Stopped before the scan finished.");
        }
    }

    /** Reports a failure, unless it only follows from a stop the user asked for. */
    private int failed(Exception e, String stoppedMessage) {
        if (isClosed()) {
            err.println(stoppedMessage);
            return ScanCommand.EXIT_INTERRUPTED;
        }
        err.println("Error: " + e.getMessage());
        return ScanCommand.EXIT_STARTUP_FAILED;
    }

    private int scan(SondaApi api, Path runDirectory, Optional<String> cron) {
        ObjectNode request = mapper.createObjectNode();
        request.put("trigger", "CLI");
        if (options.probes != null && !options.probes.isEmpty()) {
            ArrayNode probes = request.putArray("probes");
            options.probes.forEach(probes::add);
        }
        JsonNode started;
        try {
            started = api.startScan(request);
        } catch (ScanRejectedException e) {
            err.println("Error: " + e.getMessage());
            return ScanCommand.EXIT_INVALID_INPUT;
        }
        String scanId = started.path("scanId").asText();
        out.printf("Scan %s started: %d tasks over %d accounts%n", scanId, started.path("expectedTasks").asInt(),
                started.path("accountCount").asInt());

        JsonNode scan = awaitScan(api, scanId);
        boolean finished = "COMPLETED".equals(scan.path("state").asText());
        List<JsonNode> accounts = accountDetails(api);
        out.println();
        out.print(ScoreTable.render(rows(accounts), frameworks()));
        if (!writeReport(scan, accounts, finished)) {
            return ScanCommand.EXIT_STARTUP_FAILED;
        }

        if (!finished) {
            err.printf("The scan did not finish: %s with %d of %d tasks done. See the logs under %s.%n",
                    scan.path("state").asText("no progress reported"), scan.path("completedTasks").asInt(),
                    scan.path("expectedTasks").asInt(), runDirectory.resolve("logs"));
        }
        if (options.keepRunning) {
            keepRunning(api, cron.orElseThrow());
        }
        return finished ? ScanCommand.EXIT_OK : ScanCommand.EXIT_SCAN_INCOMPLETE;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!resources.isEmpty()) {
            out.println("Stopping Sonda...");
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already shutting down and runs the hook itself.
            }
        }
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                err.println("Warning: could not stop " + resource + ": " + e.getMessage());
            }
        }
    }

    private Path createRunDirectory() throws IOException {
        if (options.runDirectory != null) {
            Path directory = options.runDirectory.toAbsolutePath();
            Files.createDirectories(directory.resolve("logs"));
            return directory;
        }
        Path runs = Files.createDirectories(options.home.resolve(".sonda/runs")).toAbsolutePath();
        String name = RUN_NAME.format(Instant.now());
        for (int attempt = 1; ; attempt++) {
            Path directory = runs.resolve(attempt == 1 ? name : name + "-" + attempt);
            try {
                // createDirectory fails when the directory exists, so two runs never share one.
                Files.createDirectory(directory);
                Files.createDirectories(directory.resolve("logs"));
                return directory;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // Another run started in the same second; take the next name.
            }
        }
    }

    private EmbeddedKafka startBroker(Path runDirectory) {
        out.println("Starting the Kafka broker...");
        EmbeddedKafka kafka = EmbeddedKafka.launch(runDirectory.resolve("kafka"));
        resources.push(kafka);
        kafka.createSondaTopics(TOPIC_PARTITIONS);
        out.println("Kafka broker ready at " + kafka.bootstrapServers());
        return kafka;
    }

    private Target startDemo(Path runDirectory) {
        out.println("Starting moto and creating the demo estate...");
        DemoEnvironment demo = DemoEnvironment.start(runDirectory);
        resources.push(demo);
        out.println("Demo estate ready: " + demo.accountCount() + " accounts in moto at " + demo.motoEndpoint()
                + "; the worker reaches it through the fault proxy at " + demo.awsEndpoint());
        return new Target(demo.inventory(), Optional.of(demo.awsEndpoint()), demo.workerEnvironment());
    }

    private Target realAccounts(Path inventory) {
        out.println("Scanning the accounts of " + inventory + " with the default AWS credential chain.");
        return new Target(inventory.toAbsolutePath(), Optional.empty(), Map.of());
    }

    private SondaApi startServices(Path runDirectory, EmbeddedKafka kafka, Target target, Optional<String> cron) {
        out.println("Starting the aggregator, worker and scheduler...");
        Path logs = runDirectory.resolve("logs");
        String bootstrap = kafka.bootstrapServers();

        Map<String, String> aggregatorConfig = new LinkedHashMap<>();
        aggregatorConfig.put("kafka.bootstrap.servers", bootstrap);
        aggregatorConfig.put("quarkus.kafka-streams.bootstrap-servers", bootstrap);
        aggregatorConfig.put("kafka-streams.state.dir", runDirectory.resolve("aggregator-state").toString());
        aggregatorConfig.put("sonda.aggregator.inventory", target.inventory().toString());
        ServiceProcess aggregator = start("aggregator", aggregatorConfig, Map.of(), logs);

        Map<String, String> workerConfig = new LinkedHashMap<>();
        workerConfig.put("kafka.bootstrap.servers", bootstrap);
        workerConfig.put("sonda.worker.inventory", target.inventory().toString());
        target.awsEndpoint().ifPresent(endpoint ->
                workerConfig.put("sonda.worker.aws.endpoint-override", endpoint.toString()));
        ServiceProcess worker = start("worker", workerConfig, target.workerEnvironment(), logs);

        Map<String, String> schedulerConfig = new LinkedHashMap<>();
        schedulerConfig.put("kafka.bootstrap.servers", bootstrap);
        schedulerConfig.put("sonda.scheduler.inventory", target.inventory().toString());
        schedulerConfig.put("sonda.scheduler.cron", cron.orElse("off"));
        ServiceProcess scheduler = start("scheduler", schedulerConfig, Map.of(), logs);

        for (ServiceProcess service : services) {
            service.awaitReady(SERVICE_STARTUP);
            out.println("  " + service.name() + " ready at " + service.baseUri());
        }
        return new SondaApi(scheduler.baseUri(), aggregator.baseUri());
    }

    private ServiceProcess start(String module, Map<String, String> config, Map<String, String> environment,
            Path logs) {
        ServiceProcess service = ServiceProcess.start(module, options.home, module, config, environment, logs);
        resources.push(service);
        services.add(service);
        return service;
    }

    private JsonNode awaitScan(SondaApi api, String scanId) {
        Instant started = Instant.now();
        Instant deadline = started.plus(options.timeout);
        Instant lastPrinted = Instant.EPOCH;
        String lastLine = "";
        JsonNode scan = mapper.createObjectNode();
        while (Instant.now().isBefore(deadline)) {
            requireServicesAlive();
            Optional<JsonNode> current = api.scan(scanId);
            if (current.isPresent()) {
                scan = current.get();
                String state = scan.path("state").asText();
                String line = String.format("%d/%d tasks done, %d failed to run (%s)",
                        scan.path("completedTasks").asInt(), scan.path("expectedTasks").asInt(),
                        scan.path("erroredTasks").asInt(), state);
                Instant now = Instant.now();
                if (!line.equals(lastLine) || Duration.between(lastPrinted, now).compareTo(HEARTBEAT) >= 0) {
                    out.printf("[%4ds] %s%n", Duration.between(started, now).toSeconds(), line);
                    lastLine = line;
                    lastPrinted = now;
                }
                if ("COMPLETED".equals(state) || "DEADLINE_EXCEEDED".equals(state)) {
                    return scan;
                }
            }
            sleep(POLL_INTERVAL);
        }
        err.println("Timed out after " + options.timeout + " waiting for scan " + scanId
                + "; raise --timeout for large inventories.");
        return scan;
    }

    private void requireServicesAlive() {
        for (ServiceProcess service : services) {
            service.requireAlive();
        }
    }

    private List<JsonNode> accountDetails(SondaApi api) {
        List<JsonNode> details = new ArrayList<>();
        for (JsonNode account : api.accountsWhenReady(Duration.ofMinutes(1))) {
            details.add(api.account(account.path("accountId").asText()));
        }
        details.sort(java.util.Comparator.comparing((JsonNode account) -> account.path("tenant").asText())
                .thenComparing(account -> account.path("name").asText())
                .thenComparing(account -> account.path("accountId").asText()));
        return details;
    }

    private List<AccountRow> rows(List<JsonNode> accounts) {
        List<AccountRow> rows = new ArrayList<>();
        for (JsonNode account : accounts) {
            JsonNode score = account.path("score");
            Map<String, Double> frameworkScores = new HashMap<>();
            score.path("frameworks").fields().forEachRemaining(entry ->
                    frameworkScores.put(entry.getKey(), ratio(entry.getValue().path("score"))));
            // Most severe first, so that the table's short list shows what matters most.
            List<JsonNode> failingControls = new ArrayList<>();
            for (JsonNode control : account.path("controls")) {
                if ("FAIL".equals(control.path("status").asText())) {
                    failingControls.add(control);
                }
            }
            failingControls.sort(java.util.Comparator
                    .comparingInt((JsonNode control) -> -severityRank(control.path("severity").asText()))
                    .thenComparing(control -> control.path("controlId").asText(), ControlIds.NATURAL_ORDER));
            List<String> failing = failingControls.stream().map(control -> control.path("controlId").asText())
                    .toList();
            rows.add(new AccountRow(account.path("accountId").asText(), account.path("name").asText(null),
                    account.path("tenant").asText(null), ratio(score.path("overall").path("score")),
                    frameworkScores, ratio(account.path("coverage")), failing));
        }
        return rows;
    }

    private static int severityRank(String severity) {
        return switch (severity) {
            case "CRITICAL" -> 4;
            case "HIGH" -> 3;
            case "MEDIUM" -> 2;
            case "LOW" -> 1;
            default -> 0;
        };
    }

    private List<Framework> frameworks() {
        return List.copyOf(Catalog.load().frameworks().values());
    }

    private boolean writeReport(JsonNode scan, List<JsonNode> accounts, boolean finished) {
        ObjectNode report = mapper.createObjectNode();
        report.put("generatedAt", Instant.now().toString());
        report.put("source", options.inventory == null ? "demo" : options.inventory.toAbsolutePath().toString());
        report.put("finished", finished);
        report.set("scan", scan);
        ArrayNode list = report.putArray("accounts");
        accounts.forEach(list::add);
        try {
            Path file = options.report.toAbsolutePath();
            Files.createDirectories(file.getParent());
            mapper.writeValue(file.toFile(), report);
            out.println("Report written to " + file);
            return true;
        } catch (IOException e) {
            err.println("Error: cannot write the report to " + options.report + ": " + e.getMessage());
            return false;
        }
    }

    private void keepRunning(SondaApi api, String cron) {
        out.println();
        out.println("Services keep running; scans repeat on the cron schedule '" + cron + "'. Stop with Ctrl-C.");
        for (ServiceProcess service : services) {
            out.println("  " + service.name() + ": " + service.baseUri());
        }
        ServiceProcess aggregator = services.get(0);
        out.println("  scores: " + aggregator.baseUri().resolve("/accounts") + "  metrics: "
                + aggregator.baseUri().resolve("/q/metrics"));
        try {
            // Runs until the JVM is stopped; the shutdown hook then stops every child process.
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Turns a period into a cron schedule with equal gaps: a number of minutes that divides an hour,
     * or of hours that divides a day. A period such as 45 minutes would give gaps of 45 and 15.
     */
    static String cronFor(Duration every) {
        long minutes = every.toMinutes();
        if (every.isNegative() || every.isZero() || every.toSeconds() % 60 != 0) {
            throw new IllegalArgumentException("--every must be a positive number of whole minutes, was "
                    + every.toMinutes() + "m" + every.toSecondsPart() + "s");
        }
        if (minutes < 60 && 60 % minutes == 0) {
            return "0 */" + minutes + " * * * ?";
        }
        if (minutes % 60 == 0 && minutes / 60 <= 24 && 24 % (minutes / 60) == 0) {
            return minutes == 24 * 60 ? "0 0 0 * * ?" : "0 0 */" + minutes / 60 + " * * ?";
        }
        throw new IllegalArgumentException("--every must divide an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30"
                + " minutes) or a day (1, 2, 3, 4, 6, 8, 12 or 24 hours) so that scans are evenly spaced, was "
                + minutes + " minutes");
    }

    static void checkTimeout(Duration timeout) {
        if (timeout.compareTo(MINIMUM_TIMEOUT) < 0) {
            throw new IllegalArgumentException("--timeout must be at least " + MINIMUM_TIMEOUT.toSeconds()
                    + " seconds, because starting the services alone takes that long; was " + timeout.toSeconds()
                    + " seconds");
        }
    }

    static void checkProbes(List<String> probes) {
        if (probes == null) {
            return;
        }
        Catalog catalog = Catalog.load();
        for (String probe : probes) {
            if (probe.isBlank()) {
                throw new IllegalArgumentException("--probes has an empty name; separate probe names with single"
                        + " commas, such as sqs,iam");
            }
            if (catalog.probe(probe).isEmpty()) {
                throw new IllegalArgumentException("--probes names unknown probe '" + probe + "'; the probes are "
                        + String.join(", ", catalog.probes().keySet()));
            }
        }
    }

    static void checkReportPath(Path report) {
        Path file = report.toAbsolutePath();
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--report " + report + " is a directory; give a file name");
        }
        Path parent = file.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("--report " + report + ": the directory " + parent + " does not exist");
        }
        if (!Files.isWritable(parent) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new IllegalArgumentException("--report " + report + " cannot be written: no write permission");
        }
    }

    private static Double ratio(JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull() ? null : value.asDouble();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the scan", e);
        }
    }

    /** The scan target: an inventory, and for the demo an AWS endpoint and dummy keys. */
    private record Target(Path inventory, Optional<URI> awsEndpoint, Map<String, String> workerEnvironment) {
    }
}
