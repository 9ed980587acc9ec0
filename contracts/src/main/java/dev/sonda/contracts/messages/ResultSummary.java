package dev.sonda.contracts.messages;

import java.util.Collection;

/**
 * Finding counts of one probe result.
 *
 * @param compliancePercent {@code 100 * pass / (pass + fail)}, or {@code null} when no finding
 *     passed or failed
 */
public record ResultSummary(
        int total,
        int pass,
        int fail,
        int notApplicable,
        int error,
        int manual,
        Double compliancePercent) {

    public static ResultSummary of(Collection<Finding> findings) {
        int pass = 0;
        int fail = 0;
        int notApplicable = 0;
        int error = 0;
        int manual = 0;
        for (Finding finding : findings) {
            switch (finding.status()) {
                case PASS -> pass++;
                case FAIL -> fail++;
                case NOT_APPLICABLE -> notApplicable++;
                case ERROR -> error++;
                case MANUAL -> manual++;
            }
        }
        Double percent = pass + fail == 0 ? null : 100.0 * pass / (pass + fail);
        return new ResultSummary(findings.size(), pass, fail, notApplicable, error, manual, percent);
    }
}
