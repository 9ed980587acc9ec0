package dev.sonda.cli;

import java.util.List;
import java.util.Map;

/**
 * One account's line in the score table.
 *
 * @param score overall score 0-1, or {@code null} when no control passed or failed
 * @param frameworkScores score 0-1 per framework id; a missing or {@code null} value means none
 */
record AccountRow(
        String accountId,
        String name,
        String tenant,
        Double score,
        Map<String, Double> frameworkScores,
        Double coverage,
        List<String> failingControls) {
}
