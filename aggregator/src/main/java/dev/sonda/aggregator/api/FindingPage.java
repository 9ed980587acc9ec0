package dev.sonda.aggregator.api;

import java.util.List;

/**
 * Findings that match a query, up to a limit.
 *
 * @param total findings that match, including those past the limit
 */
public record FindingPage(int total, List<FindingView> findings) {
}
