package dev.sonda.worker.probe.accessanalyzer;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.aws.AwsError;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The pure check IAM.28 over the analyzers of one region. */
public final class AccessAnalyzerChecks {

    public static final String IAM_28 = "IAM.28";

    private AccessAnalyzerChecks() {
    }

    /**
     * Evaluates IAM.28 if it is enabled.
     *
     * @param analyzers ListAnalyzers of the task's region, or its error
     */
    public static List<Finding> evaluate(Collected<List<AnalyzerRecord>> analyzers, Set<String> enabled,
            FindingFactory findings) {
        if (!enabled.contains(IAM_28)) {
            return List.of();
        }
        return List.of(externalAccessAnalyzer(analyzers, findings));
    }

    static Finding externalAccessAnalyzer(Collected<List<AnalyzerRecord>> analyzers, FindingFactory findings) {
        String where = "Region " + findings.region() + " of account " + findings.accountId();
        if (!analyzers.isOk()) {
            AwsError error = analyzers.error();
            return findings.error(IAM_28, findings.accountResource(), where
                    + " could not be checked for an IAM Access Analyzer analyzer: ListAnalyzers failed with "
                    + error.errorCode() + ".", error);
        }
        List<AnalyzerRecord> all = analyzers.value();
        List<AnalyzerRecord> qualifying = all.stream()
                .filter(analyzer -> analyzer.isExternalAccess() && analyzer.isActive())
                .toList();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("analyzers", all.stream().map(AnalyzerRecord::describe).toList());
        if (!qualifying.isEmpty()) {
            AnalyzerRecord first = qualifying.get(0);
            evidence.put("activeExternalAccessAnalyzers", qualifying.stream().map(AnalyzerRecord::arn).toList());
            return findings.finding(IAM_28, FindingStatus.PASS, findings.accountResource(), where
                    + " has an active IAM Access Analyzer external access analyzer, " + first.name() + " (type "
                    + first.type() + ").", evidence);
        }
        String message = all.isEmpty()
                ? where + " has no IAM Access Analyzer analyzer."
                : where + " has no active IAM Access Analyzer external access analyzer (type ACCOUNT or "
                        + "ORGANIZATION); it has " + String.join(", ", all.stream().map(AnalyzerRecord::describe)
                                .toList()) + ".";
        return findings.finding(IAM_28, FindingStatus.FAIL, findings.accountResource(), message, evidence);
    }
}
