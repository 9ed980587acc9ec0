package dev.sonda.aggregator.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An account's score over all its controls and per framework.
 *
 * @param frameworks one entry per framework of the catalog, keyed by framework id, also when none
 *     of its controls has a finding
 */
public record Scores(ScoreBreakdown overall, Map<String, ScoreBreakdown> frameworks) {

    public Scores {
        frameworks = frameworks == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(frameworks));
    }
}
