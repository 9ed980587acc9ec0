package dev.sonda.worker.probe.iam;

import dev.sonda.worker.probe.Collected;
import java.util.Map;

/** @param accountSummary the SummaryMap of GetAccountSummary */
public record IamInventory(Collected<Map<String, Integer>> accountSummary) {
}
