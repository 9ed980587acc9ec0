package dev.sonda.aggregator.state;

import dev.sonda.contracts.messages.Severity;

/**
 * Findings of one control in one result or one account.
 *
 * @param severity the severity the findings carry; the catalog's severity wins where the control is known
 */
public record ControlTally(Severity severity, StatusCounts counts) {

    public ControlTally plus(ControlTally other) {
        Severity merged = severity != null ? severity : other.severity;
        return new ControlTally(merged, counts.plus(other.counts));
    }
}
