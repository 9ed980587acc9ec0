package dev.sonda.aggregator.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the API's exceptions into JSON error responses. */
public class ApiExceptionMappers {

    /** Seconds a client should wait before asking again while the streams are not running. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return json(e.status(), e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response streamsUnavailable(StreamsUnavailableException e) {
        return json(503, e.getMessage()).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static Response.ResponseBuilder json(int status, String message) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String error = known != null ? known.getReasonPhrase() : "Error";
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(status, error, message));
    }
}
