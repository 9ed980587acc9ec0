package dev.sonda.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Encodes Sonda's messages as JSON and decodes them only after checking them against their JSON
 * Schema. Every consumer decodes through this class, so a malformed, hostile or foreign message
 * fails here with a reason fit for the dead-letter topic, and never halfway through processing.
 *
 * <p>Fields unknown to the schema are accepted and ignored, so that a producer may add optional
 * fields within one schema version. Any incompatible change raises {@link #SCHEMA_VERSION}.
 *
 * <p>Instances are thread-safe.
 */
public final class MessageCodec {

    /** The schema version this build writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Schema versions this build reads. */
    public static final List<Integer> SUPPORTED_SCHEMA_VERSIONS = List.of(1);

    private static final int MAX_REPORTED_ERRORS = 5;

    private final ObjectMapper mapper;
    private final Map<MessageType, Schema> schemas = new EnumMap<>(MessageType.class);

    public MessageCodec() {
        this.mapper = newObjectMapper();
        // Draft 2020-12 treats "format" as an annotation; Sonda asserts it so that a bad timestamp
        // is reported against its field instead of failing later in the JSON mapper.
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));
        for (MessageType type : MessageType.values()) {
            schemas.put(type, loadSchema(registry, type.schemaResource(SCHEMA_VERSION)));
        }
    }

    /** Builds the JSON mapper every Sonda component uses: ISO-8601 instants, no null fields. */
    public static ObjectMapper newObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public byte[] encode(Object message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public String encodeToString(Object message) {
        return new String(encode(message), StandardCharsets.UTF_8);
    }

    /**
     * Decodes and validates one message.
     *
     * @throws InvalidMessageException if the payload is empty, not JSON, of an unsupported schema
     *     version, or breaks the schema
     */
    public <T> T decode(byte[] payload, MessageType type) {
        JsonNode tree = parse(payload);
        checkSchemaVersion(tree);
        List<Error> errors = schemas.get(type).validate(tree);
        if (!errors.isEmpty()) {
            throw new InvalidMessageException("Message does not match schema " + type.schemaResource(SCHEMA_VERSION)
                    + ": " + describe(errors));
        }
        try {
            @SuppressWarnings("unchecked")
            T value = (T) mapper.treeToValue(tree, type.javaType());
            return value;
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("Message matches its schema but cannot be mapped to "
                    + type.javaType().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public <T> T decode(String payload, MessageType type) {
        return decode(payload == null ? null : payload.getBytes(StandardCharsets.UTF_8), type);
    }

    /** Returns the encoded size of a value in bytes, as it would travel in a record. */
    public int encodedSize(Object value) {
        return encode(value).length;
    }

    private JsonNode parse(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new InvalidMessageException("Message is empty");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(payload);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw new InvalidMessageException("Message is not valid JSON: " + detail, e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidMessageException("Message is not a JSON object");
        }
        return tree;
    }

    private static void checkSchemaVersion(JsonNode tree) {
        JsonNode version = tree.get("schemaVersion");
        if (version == null) {
            throw new InvalidMessageException("Message has no schemaVersion field");
        }
        if (!version.canConvertToExactIntegral() || !SUPPORTED_SCHEMA_VERSIONS.contains(version.asInt())) {
            throw new InvalidMessageException("Unsupported schemaVersion " + version
                    + "; this build reads " + SUPPORTED_SCHEMA_VERSIONS);
        }
    }

    private static String describe(List<Error> errors) {
        String listed = errors.stream()
                .limit(MAX_REPORTED_ERRORS)
                .map(error -> error.getInstanceLocation() + " " + error.getMessage())
                .collect(Collectors.joining("; "));
        int more = errors.size() - MAX_REPORTED_ERRORS;
        return more > 0 ? listed + "; and " + more + " more" : listed;
    }

    private Schema loadSchema(SchemaRegistry registry, String resource) {
        try (InputStream in = MessageCodec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Schema " + resource + " is missing from the classpath");
            }
            return registry.getSchema(mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema " + resource, e);
        }
    }
}
