package dev.sonda.aggregator.api;

import dev.sonda.aggregator.state.StatusCounts;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.Severity;

/**
 * One control of an account.
 *
 * @param title from the catalog; {@code null} for a control the catalog does not know
 */
public record ControlView(String controlId, String title, Severity severity, FindingStatus status,
        StatusCounts counts) {
}
