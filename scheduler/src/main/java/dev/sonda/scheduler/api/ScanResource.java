package dev.sonda.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sonda.contracts.inventory.InventoryError;
import dev.sonda.contracts.inventory.InventoryException;
import dev.sonda.scheduler.InventoryReader;
import dev.sonda.scheduler.ScanService;
import dev.sonda.scheduler.ScanStarted;
import dev.sonda.scheduler.Trigger;
import dev.sonda.scheduler.planning.InvalidScanRequestException;
import dev.sonda.scheduler.planning.ScanSelection;
import dev.sonda.scheduler.publishing.ScanPublishException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;

/** {@code POST /scans}: starts a scan of the whole inventory or of a selection. */
@Path("/scans")
public class ScanResource {

    private static final Logger LOG = Logger.getLogger(ScanResource.class);

    /** Errors listed in one response at most; a request naming 300,000 unknown ids gets a summary. */
    static final int MAX_LISTED_ERRORS = 100;

    private static final ObjectReader REQUEST_READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .readerFor(ScanRequest.class);

    private final ScanService scans;
    private final InventoryReader inventoryReader;

    public ScanResource(ScanService scans, InventoryReader inventoryReader) {
        this.scans = scans;
        this.inventoryReader = inventoryReader;
    }

    /**
     * Starts a scan. Returns 202 with {@code scanId}, {@code expectedTasks}, {@code accountCount} and
     * {@code deadline} once Kafka has stored the scan announcement; the tasks follow in the
     * background. Returns 400 for an invalid request or inventory and 503 when Kafka does not
     * acknowledge the announcement.
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(String body) {
        ScanRequest request;
        Trigger trigger;
        try {
            request = parse(body);
            trigger = trigger(request.trigger());
        } catch (InvalidScanRequestException e) {
            LOG.warnf("Scan request rejected: %s", e.getMessage());
            return error(Response.Status.BAD_REQUEST, "invalid-request", "The scan request is invalid; no scan was"
                    + " started.", e.errors());
        }
        try {
            ScanStarted started = scans.start(trigger, ScanSelection.of(request.accounts(), request.tenants(),
                    request.probes(), request.regions()));
            return Response.accepted(started).build();
        } catch (InvalidScanRequestException e) {
            LOG.warnf("Scan request rejected: %s", e.getMessage());
            return error(Response.Status.BAD_REQUEST, "invalid-request", "The scan request is invalid; no scan was"
                    + " started.", e.errors());
        } catch (InventoryException e) {
            LOG.warnf("Scan request rejected because the inventory is invalid. %s", e.getMessage());
            return inventoryError(Response.Status.BAD_REQUEST, inventoryReader.fileName(), e,
                    "; no scan was started. Fix the file and send the request again.");
        } catch (ScanPublishException e) {
            LOG.error(e.getMessage());
            return error(Response.Status.SERVICE_UNAVAILABLE, "kafka-unavailable", e.getMessage(), List.of());
        }
    }

    private static ScanRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return new ScanRequest(null, null, null, null, null);
        }
        try {
            ScanRequest request = REQUEST_READER.readValue(body);
            if (request == null) {
                return new ScanRequest(null, null, null, null, null);
            }
            requireNoNulls("accounts", request.accounts());
            requireNoNulls("tenants", request.tenants());
            requireNoNulls("probes", request.probes());
            requireNoNulls("regions", request.regions());
            return request;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidScanRequestException(List.of("unknown field " + e.getPropertyName()
                    + "; the fields are accounts, tenants, probes, regions and trigger"));
        } catch (MismatchedInputException e) {
            throw new InvalidScanRequestException(List.of(mismatchMessage(e)));
        } catch (JsonProcessingException e) {
            throw new InvalidScanRequestException(List.of("the body is not valid JSON: " + e.getOriginalMessage()));
        }
    }

    private static void requireNoNulls(String field, List<String> values) {
        if (values != null && values.stream().anyMatch(value -> value == null || value.isBlank())) {
            throw new InvalidScanRequestException(List.of(field + " must not contain null or empty strings"));
        }
    }

    private static String mismatchMessage(MismatchedInputException e) {
        if (e.getPath().isEmpty()) {
            return "the body must be a JSON object";
        }
        String field = e.getPath().get(0).getFieldName();
        if (field.equals("trigger")) {
            return "trigger must be a string";
        }
        return field + " must be a list of strings";
    }

    private static Trigger trigger(String value) {
        if (value == null || value.equals(Trigger.API.name())) {
            return Trigger.API;
        }
        if (value.equals(Trigger.CLI.name())) {
            return Trigger.CLI;
        }
        throw new InvalidScanRequestException(List.of("trigger " + value + " is not API or CLI"));
    }

    static Response inventoryError(Response.Status status, String fileName, InventoryException e, String consequence) {
        List<String> errors = e.errors().isEmpty()
                ? List.of(e.getMessage())
                : e.errors().stream().map(InventoryError::toString).toList();
        return error(status, "invalid-inventory", "The inventory " + fileName + " is invalid" + consequence, errors);
    }

    static Response error(Response.Status status, String code, String message, List<String> errors) {
        List<String> listed = errors;
        if (errors.size() > MAX_LISTED_ERRORS) {
            listed = new java.util.ArrayList<>(errors.subList(0, MAX_LISTED_ERRORS));
            listed.add("and " + (errors.size() - MAX_LISTED_ERRORS) + " more errors");
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(code, message, listed)).build();
    }
}
