package dev.sonda.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A moto server, the open-source AWS emulator, started as {@code python3 -m moto.server} on a free
 * port of 127.0.0.1. moto picks the account from the access key: keys returned by
 * {@code sts:AssumeRole} into another account's role act in that account.
 */
public final class MotoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MotoServer.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final String PYTHON = System.getProperty("sonda.python", "python3");

    private final int port;
    private final ChildProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MotoServer(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    /**
     * Starts a moto server and waits until it answers.
     *
     * @param logDirectory where the server's output goes ({@code moto-PORT.log})
     * @throws IllegalStateException if python3 or moto's server mode is missing, with the command
     *     that installs it
     */
    public static MotoServer start(Path logDirectory) {
        requireMoto();
        int port = FreePorts.pick();
        Path log = logDirectory.resolve("moto-" + port + ".log");
        ChildProcess process = ChildProcess.start("moto server",
                List.of(PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port)),
                logDirectory, log);
        process.awaitPort(port, STARTUP_TIMEOUT);
        MotoServer server = new MotoServer(port, process);
        LOG.info("moto server listening on {} (pid {})", server.endpoint(), process.pid());
        return server;
    }

    public static MotoServer start() {
        try {
            return start(Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "sonda-moto")));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a directory for moto's log", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Deletes every resource in every account, through moto's reset API. */
    public void reset() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto reset failed with HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while resetting moto", e);
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(5));
    }

    private static void requireMoto() {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import moto.server, flask")
                    .redirectErrorStream(true).start();
            boolean finished = check.waitFor(60, TimeUnit.SECONDS);
            if (!finished || check.exitValue() != 0) {
                check.destroyForcibly();
                throw new IllegalStateException("moto's server mode is not installed for " + PYTHON
                        + ". Install it with: pip install 'moto[server]'");
            }
        } catch (IOException e) {
            throw new IllegalStateException(PYTHON + " was not found; the AWS emulator moto needs it. "
                    + "Install Python 3, then: pip install 'moto[server]'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking for moto", e);
        }
    }
}
