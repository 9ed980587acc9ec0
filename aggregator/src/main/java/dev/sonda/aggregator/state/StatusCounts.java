package dev.sonda.aggregator.state;

import dev.sonda.contracts.messages.FindingStatus;

/** Number of findings per {@link FindingStatus}. Immutable; {@link #ZERO} is the identity of {@link #plus}. */
public record StatusCounts(long pass, long fail, long notApplicable, long error, long manual) {

    public static final StatusCounts ZERO = new StatusCounts(0, 0, 0, 0, 0);

    public static StatusCounts of(FindingStatus status) {
        return ZERO.plus(status, 1);
    }

    public StatusCounts plus(FindingStatus status, long count) {
        return switch (status) {
            case PASS -> new StatusCounts(pass + count, fail, notApplicable, error, manual);
            case FAIL -> new StatusCounts(pass, fail + count, notApplicable, error, manual);
            case NOT_APPLICABLE -> new StatusCounts(pass, fail, notApplicable + count, error, manual);
            case ERROR -> new StatusCounts(pass, fail, notApplicable, error + count, manual);
            case MANUAL -> new StatusCounts(pass, fail, notApplicable, error, manual + count);
        };
    }

    public StatusCounts plus(StatusCounts other) {
        return new StatusCounts(pass + other.pass, fail + other.fail, notApplicable + other.notApplicable,
                error + other.error, manual + other.manual);
    }

    public long count(FindingStatus status) {
        return switch (status) {
            case PASS -> pass;
            case FAIL -> fail;
            case NOT_APPLICABLE -> notApplicable;
            case ERROR -> error;
            case MANUAL -> manual;
        };
    }

    public long total() {
        return pass + fail + notApplicable + error + manual;
    }
}
