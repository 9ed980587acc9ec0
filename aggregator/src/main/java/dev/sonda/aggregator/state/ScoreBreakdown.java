package dev.sonda.aggregator.state;

/**
 * Controls counted by status, and the score they give.
 *
 * @param score {@code passed / (passed + failed)} in 0..1, or {@code null} when no control passed or
 *     failed
 */
public record ScoreBreakdown(Double score, int passed, int failed, int error, int notApplicable, int manual) {

    public static final ScoreBreakdown EMPTY = new ScoreBreakdown(null, 0, 0, 0, 0, 0);

    /** Builds a breakdown from its counts, computing the score. */
    public static ScoreBreakdown of(int passed, int failed, int error, int notApplicable, int manual) {
        Double score = passed + failed == 0 ? null : (double) passed / (passed + failed);
        return new ScoreBreakdown(score, passed, failed, error, notApplicable, manual);
    }

    /**
     * Adds the counts of another breakdown and recomputes the score from the sums. Pooling accounts
     * this way weighs each account by its number of passed and failed controls, which is what
     * {@code Σ passed / Σ (passed + failed)} means.
     */
    public ScoreBreakdown plus(ScoreBreakdown other) {
        return of(passed + other.passed, failed + other.failed, error + other.error,
                notApplicable + other.notApplicable, manual + other.manual);
    }
}
