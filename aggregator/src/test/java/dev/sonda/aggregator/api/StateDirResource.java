package dev.sonda.aggregator.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gives the Quarkus application under test a fresh Kafka Streams state directory. The shared test
 * broker is new in every JVM, so local state left by an earlier run would not match its changelogs.
 */
public class StateDirResource implements QuarkusTestResourceLifecycleManager {

    private Path directory;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory(Path.of("target"), "kafka-streams-state-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Kafka Streams state directory under target/", e);
        }
        return Map.of("kafka-streams.state.dir", directory.toAbsolutePath().toString());
    }

    @Override
    public void stop() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Left under target/, which the next clean removes.
        }
    }
}
