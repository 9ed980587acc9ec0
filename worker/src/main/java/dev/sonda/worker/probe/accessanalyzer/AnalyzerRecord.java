package dev.sonda.worker.probe.accessanalyzer;

/**
 * One IAM Access Analyzer analyzer as ListAnalyzers returned it.
 *
 * @param type the analyzer type as AWS spells it ({@code ACCOUNT}, {@code ORGANIZATION_UNUSED_ACCESS}, ...)
 * @param status {@code ACTIVE}, {@code CREATING}, {@code DISABLED} or {@code FAILED}
 */
public record AnalyzerRecord(String name, String arn, String type, String status) {

    /** Returns whether the analyzer reports external access, the kind IAM.28 requires. */
    public boolean isExternalAccess() {
        return "ACCOUNT".equals(type) || "ORGANIZATION".equals(type);
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }

    /** {@code name (TYPE, STATUS)}, for evidence and messages. */
    public String describe() {
        return name + " (" + type + ", " + status + ")";
    }
}
