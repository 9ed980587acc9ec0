package dev.sonda.aggregator.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ApiExceptionMappersTest {

    private final ApiExceptionMappers mappers = new ApiExceptionMappers();

    @Test
    void streamsNotRunningIsServiceUnavailable() {
        Response response = mappers.streamsUnavailable(
                new StreamsUnavailableException("The aggregator's Kafka Streams state is REBALANCING"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(response.getEntity()).isEqualTo(new ApiError(503, "Service Unavailable",
                "The aggregator's Kafka Streams state is REBALANCING"));
    }

    @Test
    void apiExceptionKeepsStatusAndMessage() {
        Response response = mappers.apiException(ApiException.notFound("Scan s-1 is unknown."));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getEntity()).isEqualTo(new ApiError(404, "Not Found", "Scan s-1 is unknown."));
    }
}
