package dev.sonda.cli;

import dev.sonda.testkit.ChildProcess;
import dev.sonda.testkit.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One of Sonda's Quarkus services, run as a child JVM from its build output. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final ChildProcess process;

    private ServiceProcess(String name, int port, ChildProcess process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts {@code <home>/<module>/target/quarkus-app/quarkus-run.jar} with the given configuration
     * as system properties, its HTTP server on a free port of 127.0.0.1.
     *
     * @throws IllegalStateException if the service was not built
     */
    static ServiceProcess start(String name, Path home, String module, Map<String, String> config,
            Map<String, String> environment, Path logDirectory) {
        Path jar = home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build Sonda first with ./mvnw -DskipTests install"
                    + " (./sonda scan does this on its first run)");
        }
        int port = FreePorts.pick();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx384m", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        ChildProcess process = ChildProcess.start(name, command, logDirectory,
                logDirectory.resolve(name + ".log"), environment);
        return new ServiceProcess(name, port, process);
    }

    String name() {
        return name;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Path logFile() {
        return process.logFile();
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        int lastStatus = -1;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The " + name + " service exited during startup; the end of "
                        + logFile() + ":\n" + process.tail());
            }
            try {
                lastStatus = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException notReady) {
                lastStatus = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the " + name + " service", e);
            }
            sleep(250);
        }
        throw new IllegalStateException("The " + name + " service was not ready within " + timeout
                + " (last health status " + lastStatus + "); the end of " + logFile() + ":\n" + process.tail());
    }

    /** Fails with the end of the service's log when its process has exited. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("The " + name + " service exited; the end of " + logFile() + ":\n"
                    + process.tail());
        }
    }

    @Override
    public String toString() {
        return "the " + name + " service";
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
