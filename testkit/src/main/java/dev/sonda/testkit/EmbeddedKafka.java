package dev.sonda.testkit;

import dev.sonda.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node), run as a
 * child JVM from Kafka's own jars on this JVM's classpath. No Docker is involved.
 *
 * <p>The broker binds 127.0.0.1 only, on ports picked at the first start. {@link #stop()} and
 * {@link #start()} restart it on the same ports and data directory, so tests can prove that a
 * broker restart loses nothing; {@link #close()} also deletes the data.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private ChildProcess process;

    private EmbeddedKafka(Path directory, String heap) {
        this.directory = directory;
        this.port = FreePorts.pick();
        this.controllerPort = FreePorts.pick();
        this.heap = heap;
    }

    /** Formats storage in a new temporary directory and starts the broker with a 512 MB heap. */
    public static EmbeddedKafka launch(Path parentDirectory) {
        return launch(parentDirectory, "512m");
    }

    public static EmbeddedKafka launch(Path parentDirectory, String heap) {
        try {
            Files.createDirectories(parentDirectory);
            EmbeddedKafka kafka = new EmbeddedKafka(Files.createTempDirectory(parentDirectory, "kafka-"), heap);
            kafka.format();
            kafka.start();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the broker's directory under " + parentDirectory, e);
        }
    }

    /** Starts a broker under the system temporary directory. */
    public static EmbeddedKafka launch() {
        return launch(Path.of(System.getProperty("java.io.tmpdir"), "sonda-kafka"));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return directory.resolve("broker.log");
    }

    /** Starts the broker again after {@link #stop()}, on the same ports and data. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = javaCommand("kafka.Kafka", directory.resolve("server.properties").toString());
        process = ChildProcess.start("Kafka broker", command, directory, logFile());
        process.awaitPort(port, STARTUP_TIMEOUT);
        awaitReady();
        LOG.info("Kafka broker listening on {} (pid {}, data in {})", bootstrapServers(), process.pid(), directory);
    }

    /** Stops the broker gracefully and keeps its data for {@link #start()}. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(30));
            process = null;
        }
    }

    /** Kills the broker process at once, as a crash would, and keeps its data. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    public Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(properties);
    }

    /** Creates Sonda's topics with the given partition count; existing topics are left alone. */
    public void createSondaTopics(int partitions) {
        createTopics(Map.of(
                Topics.TASKS, partitions,
                Topics.SCANS, partitions,
                Topics.RESULTS, partitions,
                Topics.DEAD_LETTER, 1));
    }

    /** Creates topics with replication factor 1; existing topics are left alone. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        try (Admin admin = admin()) {
            List<NewTopic> topics = new ArrayList<>();
            partitionsByTopic.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topics on " + bootstrapServers(), e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Cannot delete the broker's directory {}: {}", directory, e.getMessage());
        }
    }

    private void format() throws IOException {
        Path properties = directory.resolve("server.properties");
        Files.writeString(properties, serverProperties());
        List<String> command = javaCommand("kafka.tools.StorageTool", "format",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", properties.toString(), "--ignore-formatted");
        Process format = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("format.log").toFile())
                .start();
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("Formatting Kafka storage failed; output:\n"
                        + Files.readString(directory.resolve("format.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
        }
    }

    private String serverProperties() {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                // One broker: every internal topic must get by with a single replica.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.flush.interval.messages=1",
                "")
                ;
    }

    private List<String> javaCommand(String mainClass, String... arguments) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Xms128m",
                "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-cp", absoluteClassPath(), mainClass));
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * Returns this JVM's class path with every entry made absolute, because the broker runs in its
     * own working directory. A JVM started with {@code -jar} lists only that jar; its manifest's
     * Class-Path entries are relative to the jar and keep working.
     */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                LOG.debug("Broker ready with {} topics", names.size());
                return;
            } catch (ExecutionException | TimeoutException e) {
                last = new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the broker", e);
            }
        }
        throw new IllegalStateException("Kafka broker did not become ready; output:\n" + process.tail(), last);
    }
}
