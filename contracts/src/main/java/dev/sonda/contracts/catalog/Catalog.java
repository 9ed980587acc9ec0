package dev.sonda.contracts.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sonda.contracts.messages.ProbeScope;
import dev.sonda.contracts.messages.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The probes, their controls and the frameworks that map requirements to controls, loaded from the
 * YAML files under {@code /catalog} on the classpath.
 *
 * <p>Loading fails when a probe, control, framework or requirement id repeats, or a requirement
 * lacks a title or section. It records, in {@link #problems()}, a requirement that names an unknown
 * control and a control that counts in no framework, so that a catalog under construction still
 * loads.
 */
public final class Catalog {

    private static final String INDEX = "/catalog/index.yaml";
    private static volatile Catalog defaultCatalog;

    private final Map<String, ProbeDefinition> probes;
    private final Map<String, ControlDefinition> controls;
    private final Map<String, Framework> frameworks;
    private final Map<String, List<FrameworkMapping>> mappingsByControl;
    private final List<String> problems;

    Catalog(List<ProbeDefinition> probeList, List<Framework> frameworkList) {
        Map<String, ProbeDefinition> probeMap = new LinkedHashMap<>();
        Map<String, ControlDefinition> controlMap = new LinkedHashMap<>();
        for (ProbeDefinition probe : probeList) {
            if (probeMap.put(probe.name(), probe) != null) {
                throw new IllegalStateException("Probe " + probe.name() + " is defined twice in the catalog");
            }
            for (ControlDefinition control : probe.controls()) {
                if (controlMap.put(control.id(), control) != null) {
                    throw new IllegalStateException("Control " + control.id() + " is defined twice in the catalog");
                }
            }
        }
        Map<String, Framework> frameworkMap = new LinkedHashMap<>();
        Map<String, List<FrameworkMapping>> mappings = new LinkedHashMap<>();
        List<String> found = new ArrayList<>();
        for (Framework framework : frameworkList) {
            validate(framework);
            if (frameworkMap.put(framework.id(), framework) != null) {
                throw new IllegalStateException("Framework " + framework.id() + " is defined twice in the catalog");
            }
            for (Requirement requirement : framework.requirements()) {
                Set<String> named = new HashSet<>();
                for (String controlId : requirement.controls()) {
                    if (!named.add(controlId)) {
                        found.add("Framework " + framework.id() + " requirement " + requirement.id()
                                + " names control " + controlId + " twice");
                        continue;
                    }
                    if (!controlMap.containsKey(controlId)) {
                        found.add("Framework " + framework.id() + " requirement " + requirement.id()
                                + " names control " + controlId + ", which does not exist");
                        continue;
                    }
                    mappings.computeIfAbsent(controlId, id -> new ArrayList<>())
                            .add(new FrameworkMapping(framework.id(), requirement.id(), requirement.section(),
                                    requirement.assessment()));
                }
            }
        }
        for (String controlId : controlMap.keySet()) {
            if (!mappings.containsKey(controlId)) {
                found.add("Control " + controlId + " has no framework mapping");
            }
        }
        this.probes = Collections.unmodifiableMap(probeMap);
        this.controls = Collections.unmodifiableMap(controlMap);
        this.frameworks = Collections.unmodifiableMap(frameworkMap);
        mappings.replaceAll((id, list) -> List.copyOf(list));
        this.mappingsByControl = Collections.unmodifiableMap(mappings);
        this.problems = List.copyOf(found);
    }

    /**
     * Rejects a framework whose requirements could not be shown or scored: a requirement without
     * id, title or section, a repeated requirement id, or a level below 1.
     */
    private static void validate(Framework framework) {
        if (isBlank(framework.id()) || isBlank(framework.name()) || isBlank(framework.shortName())) {
            throw new IllegalStateException("Framework " + framework.id() + " needs an id, a name and a shortName");
        }
        Set<String> ids = new HashSet<>();
        for (Requirement requirement : framework.requirements()) {
            if (isBlank(requirement.id())) {
                throw new IllegalStateException("Framework " + framework.id() + " has a requirement without an id");
            }
            String where = "Framework " + framework.id() + " requirement " + requirement.id();
            if (!ids.add(requirement.id())) {
                throw new IllegalStateException(where + " is defined twice");
            }
            if (isBlank(requirement.title()) || isBlank(requirement.section())) {
                throw new IllegalStateException(where + " needs a title and a section");
            }
            if (requirement.level() != null && requirement.level() < 1) {
                throw new IllegalStateException(where + " has level " + requirement.level() + ", but levels start at 1");
            }
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * Builds a catalog from definitions in memory, with the same checks as the bundled one. Tests
     * use it when they need a catalog independent of the bundled files.
     */
    public static Catalog of(List<ProbeDefinition> probes, List<Framework> frameworks) {
        return new Catalog(probes, frameworks);
    }

    /** Returns the catalog bundled with this build, loaded once. */
    public static Catalog load() {
        Catalog catalog = defaultCatalog;
        if (catalog == null) {
            synchronized (Catalog.class) {
                catalog = defaultCatalog;
                if (catalog == null) {
                    catalog = loadFromClasspath();
                    defaultCatalog = catalog;
                }
            }
        }
        return catalog;
    }

    public Map<String, ProbeDefinition> probes() {
        return probes;
    }

    public Optional<ProbeDefinition> probe(String name) {
        return Optional.ofNullable(probes.get(name));
    }

    public Map<String, ControlDefinition> controls() {
        return controls;
    }

    public Optional<ControlDefinition> control(String id) {
        return Optional.ofNullable(controls.get(id));
    }

    public Map<String, Framework> frameworks() {
        return frameworks;
    }

    /**
     * Returns the catalog's integrity problems: a requirement that names a control which does not
     * exist or names one control twice (the extra mapping is ignored), or a control that counts in no
     * framework. The bundled catalog has none; a test keeps it that way.
     */
    public List<String> problems() {
        return problems;
    }

    /** Returns the framework requirements a control evaluates, or an empty list for unknown ids. */
    public List<FrameworkMapping> mappings(String controlId) {
        return mappingsByControl.getOrDefault(controlId, List.of());
    }

    private static Catalog loadFromClasspath() {
        ObjectMapper yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        JsonNode index = read(yaml, INDEX);
        List<ProbeDefinition> probeList = new ArrayList<>();
        for (JsonNode file : index.path("probes")) {
            probeList.add(readProbe(yaml, "/catalog/" + file.asText()));
        }
        List<Framework> frameworkList = new ArrayList<>();
        for (JsonNode file : index.path("frameworks")) {
            String resource = "/catalog/" + file.asText();
            try {
                frameworkList.add(yaml.treeToValue(read(yaml, resource), Framework.class));
            } catch (IOException e) {
                throw new UncheckedIOException("Invalid framework file " + resource, e);
            }
        }
        return new Catalog(probeList, frameworkList);
    }

    private static ProbeDefinition readProbe(ObjectMapper yaml, String resource) {
        JsonNode node = read(yaml, resource);
        String probe = node.path("probe").asText();
        List<ControlDefinition> controlList = new ArrayList<>();
        for (JsonNode control : node.path("controls")) {
            List<String> actions = new ArrayList<>();
            control.path("iamActions").forEach(action -> actions.add(action.asText()));
            controlList.add(new ControlDefinition(
                    text(control, "id", resource),
                    probe,
                    text(control, "title", resource),
                    Severity.valueOf(text(control, "severity", resource)),
                    text(control, "resourceType", resource),
                    control.path("description").asText(""),
                    text(control, "remediation", resource),
                    actions));
        }
        return new ProbeDefinition(probe, node.path("service").asText(probe),
                ProbeScope.valueOf(text(node, "scope", resource)), controlList);
    }

    private static String text(JsonNode node, String field, String resource) {
        JsonNode value = node.get(field);
        if (value == null || value.asText().isBlank()) {
            throw new IllegalStateException("Catalog file " + resource + " has an entry without " + field);
        }
        return value.asText().strip();
    }

    private static JsonNode read(ObjectMapper yaml, String resource) {
        try (InputStream in = Catalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Catalog file " + resource + " is missing from the classpath");
            }
            return yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read catalog file " + resource, e);
        }
    }
}
