package dev.sonda.aggregator.state;

import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.contracts.messages.Severity;

/** Status of one control in one account, over all its findings in the account's newest results. */
public record ControlResult(String controlId, Severity severity, FindingStatus status, StatusCounts counts) {
}
