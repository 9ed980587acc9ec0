package dev.sonda.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sonda.contracts.MessageCodec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Calls the scheduler's and the aggregator's REST APIs. */
final class SondaApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = MessageCodec.newObjectMapper();
    private final URI scheduler;
    private final URI aggregator;

    SondaApi(URI scheduler, URI aggregator) {
        this.scheduler = scheduler;
        this.aggregator = aggregator;
    }

    /** Starts a scan through {@code POST /scans} and returns the scheduler's response. */
    JsonNode startScan(JsonNode request) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(scheduler.resolve("/scans"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())));
        if (response.statusCode() >= 400 && response.statusCode() < 500) {
            throw new ScanRejectedException("The scheduler rejected the scan (HTTP " + response.statusCode() + "): "
                    + response.body());
        }
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw new IllegalStateException("The scheduler failed to start the scan (HTTP " + response.statusCode()
                    + "): " + response.body());
        }
        return read(response);
    }

    /** Returns the aggregator's view of a scan, or empty while it has no record of it yet. */
    Optional<JsonNode> scan(String scanId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                aggregator.resolve("/scans/" + URLEncoder.encode(scanId, StandardCharsets.UTF_8))).GET());
        if (response.statusCode() == 404 || response.statusCode() == 503) {
            return Optional.empty();
        }
        requireOk(response, "scan " + scanId);
        return Optional.of(read(response));
    }

    /**
     * Returns {@code GET /accounts}, waiting while the aggregator responds 503 because its streams are
     * still starting or rebalancing.
     */
    JsonNode accountsWhenReady(Duration patience) {
        java.time.Instant deadline = java.time.Instant.now().plus(patience);
        while (true) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(aggregator.resolve("/accounts")).GET());
            if (response.statusCode() != 503 || java.time.Instant.now().isAfter(deadline)) {
                requireOk(response, "accounts");
                return read(response);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the aggregator", e);
            }
        }
    }

    JsonNode accounts() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(aggregator.resolve("/accounts")).GET());
        requireOk(response, "accounts");
        return read(response);
    }

    JsonNode account(String accountId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                aggregator.resolve("/accounts/" + URLEncoder.encode(accountId, StandardCharsets.UTF_8))).GET());
        requireOk(response, "account " + accountId);
        return read(response);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Request to a Sonda service failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling a Sonda service", e);
        }
    }

    private static void requireOk(HttpResponse<String> response, String resource) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The aggregator could not return " + resource + " (HTTP "
                    + response.statusCode() + "): " + response.body());
        }
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("A Sonda service returned invalid JSON: " + e.getMessage(), e);
        }
    }
}
