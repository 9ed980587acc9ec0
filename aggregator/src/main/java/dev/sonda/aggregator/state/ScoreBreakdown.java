package dev.sonda.aggregator.state;

/**
 * Controls counted by status, and the score they give.
 *
 * @param score {@code passed / (passed + failed)} in 0..1, or {@code null} when no control passed or
 *     failed
 */
public record ScoreBreakdown(Double score, int passed, int failed, int error, int notApplicable, int manual) {

    public static final ScoreBreakdown EMPTY = new ScoreBreakdown(null, 0, 0, 0, 0, 0);
}
