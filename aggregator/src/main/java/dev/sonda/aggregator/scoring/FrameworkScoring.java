package dev.sonda.aggregator.scoring;

import dev.sonda.aggregator.state.AccountScore;
import dev.sonda.aggregator.state.ControlResult;
import dev.sonda.aggregator.state.ScoreBreakdown;
import dev.sonda.contracts.catalog.Assessment;
import dev.sonda.contracts.catalog.Catalog;
import dev.sonda.contracts.catalog.Framework;
import dev.sonda.contracts.catalog.Requirement;
import dev.sonda.contracts.messages.FindingStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores per framework section and statuses per requirement, as pure functions of an account's
 * control statuses and the catalog. {@code aggregator/README.md} states the same rules.
 *
 * <ul>
 *   <li>A control counts in a framework's score, and in a section's, through the requirements that
 *       the framework does not mark MANUAL. A control reached only through MANUAL requirements
 *       (CIS's manual recommendations) counts as MANUAL there, whatever its own status.
 *   <li>A section's score counts the controls mapped to at least one requirement of the section,
 *       each once, exactly as a framework's score counts the controls mapped to the framework:
 *       passed / (passed + failed). MANUAL, ERROR and NOT_APPLICABLE controls have their own counts
 *       and stay out of the score. A requirement without controls adds nothing.
 *   <li>A requirement's verdict is its controls' statuses combined with the control-status
 *       precedence (FAIL, ERROR, PASS, MANUAL, NOT_APPLICABLE), over the controls that have
 *       findings; NOT_CHECKED when none has. A requirement's status is its verdict, except that a
 *       MANUAL requirement with findings has status MANUAL and reports the verdict beside it.
 *   <li>Pooled over accounts, breakdowns are added up, so the score is Σ passed / Σ (passed + failed).
 * </ul>
 *
 * <p>The results are computed when they are read, not stored, so they always follow the catalog of
 * the running build. Instances are immutable and thread-safe.
 */
public final class FrameworkScoring {

    private final List<Framework> frameworks;
    /** Per framework id, per section: the known controls mapped to a requirement of the section. */
    private final Map<String, Map<String, Members>> sectionControls;
    /** Per framework id: the known controls mapped to any of its requirements. */
    private final Map<String, Members> frameworkControls;

    public FrameworkScoring(Catalog catalog) {
        this.frameworks = List.copyOf(catalog.frameworks().values());
        Map<String, Map<String, Members>> bySection = new LinkedHashMap<>();
        Map<String, Members> byFramework = new LinkedHashMap<>();
        for (Framework framework : frameworks) {
            Map<String, Members.Builder> sections = new LinkedHashMap<>();
            Members.Builder all = new Members.Builder();
            framework.sections().forEach(section -> sections.put(section, new Members.Builder()));
            for (Requirement requirement : framework.requirements()) {
                boolean scored = requirement.assessment() != Assessment.MANUAL;
                for (String controlId : requirement.controls()) {
                    // Controls the catalog lacks are a catalog problem; they count nowhere, as in Scoring.
                    if (catalog.control(controlId).isPresent()) {
                        sections.get(requirement.section()).add(controlId, scored);
                        all.add(controlId, scored);
                    }
                }
            }
            Map<String, Members> built = new LinkedHashMap<>();
            sections.forEach((section, members) -> built.put(section, members.build()));
            bySection.put(framework.id(), Collections.unmodifiableMap(built));
            byFramework.put(framework.id(), all.build());
        }
        this.sectionControls = Collections.unmodifiableMap(bySection);
        this.frameworkControls = Collections.unmodifiableMap(byFramework);
    }

    /**
     * Combines the statuses of a requirement's controls that have findings into the requirement's
     * verdict; NOT_CHECKED when there are none.
     */
    public static RequirementStatus requirementStatus(Collection<FindingStatus> controlStatuses) {
        if (controlStatuses.isEmpty()) {
            return RequirementStatus.NOT_CHECKED;
        }
        if (controlStatuses.contains(FindingStatus.FAIL)) {
            return RequirementStatus.FAIL;
        }
        if (controlStatuses.contains(FindingStatus.ERROR)) {
            return RequirementStatus.ERROR;
        }
        if (controlStatuses.contains(FindingStatus.PASS)) {
            return RequirementStatus.PASS;
        }
        if (controlStatuses.contains(FindingStatus.MANUAL)) {
            return RequirementStatus.MANUAL;
        }
        return RequirementStatus.NOT_APPLICABLE;
    }

    /** Returns the status of each control with findings, by control id. */
    public static Map<String, FindingStatus> statuses(List<ControlResult> controls) {
        Map<String, FindingStatus> statuses = new LinkedHashMap<>();
        controls.forEach(control -> statuses.put(control.controlId(), control.status()));
        return statuses;
    }

    /**
     * Scores every section of every framework for one account.
     *
     * @param controlStatuses the status of each control with findings in the account
     * @return per framework id, per section in the framework's order, the section's breakdown
     */
    public Map<String, Map<String, ScoreBreakdown>> sectionScores(Map<String, FindingStatus> controlStatuses) {
        Map<String, Map<String, ScoreBreakdown>> scores = new LinkedHashMap<>();
        sectionControls.forEach((frameworkId, sections) -> {
            Map<String, ScoreBreakdown> bySection = new LinkedHashMap<>();
            sections.forEach((section, members) -> bySection.put(section, members.breakdown(controlStatuses)));
            scores.put(frameworkId, bySection);
        });
        return scores;
    }

    /** Returns one account's result for every framework: score, section scores and requirement statuses. */
    public List<FrameworkResult> results(List<ControlResult> controls) {
        Map<String, FindingStatus> statuses = statuses(controls);
        Map<String, Map<String, ScoreBreakdown>> sectionScores = sectionScores(statuses);
        List<FrameworkResult> results = new ArrayList<>(frameworks.size());
        for (Framework framework : frameworks) {
            List<RequirementResult> requirements = new ArrayList<>(framework.requirements().size());
            Map<String, Map<RequirementStatus, Integer>> requirementCounts = new LinkedHashMap<>();
            framework.sections().forEach(section -> requirementCounts.put(section, zeroCounts()));
            for (Requirement requirement : framework.requirements()) {
                List<FindingStatus> found = requirement.controls().stream()
                        .filter(statuses::containsKey)
                        .map(statuses::get)
                        .toList();
                RequirementStatus verdict = requirementStatus(found);
                // A MANUAL requirement never reports PASS or FAIL, because only a person can confirm it.
                boolean manual = requirement.assessment() == Assessment.MANUAL
                        && verdict != RequirementStatus.NOT_CHECKED;
                RequirementStatus status = manual ? RequirementStatus.MANUAL : verdict;
                requirementCounts.get(requirement.section()).merge(status, 1, Integer::sum);
                requirements.add(new RequirementResult(requirement.id(), requirement.title(), requirement.section(),
                        requirement.subsection(), requirement.level(), requirement.assessment(), status,
                        manual ? verdict : null, requirement.controls()));
            }
            List<SectionResult> sections = new ArrayList<>();
            sectionScores.get(framework.id()).forEach((section, score) -> sections.add(new SectionResult(section,
                    score, Collections.unmodifiableMap(requirementCounts.get(section)))));
            results.add(new FrameworkResult(framework.id(), framework.name(), framework.shortName(),
                    frameworkControls.get(framework.id()).breakdown(statuses), List.copyOf(sections),
                    List.copyOf(requirements)));
        }
        return results;
    }

    /**
     * Pools every framework over a set of accounts: the fleet, or one tenant's accounts.
     *
     * @return one entry per framework of the catalog, in catalog order, also when no account has a
     *     finding of it
     */
    public List<PooledFramework> pooled(Collection<AccountScore> accounts) {
        Map<String, ScoreBreakdown> frameworkSums = new LinkedHashMap<>();
        Map<String, Map<String, ScoreBreakdown>> sectionSums = new LinkedHashMap<>();
        for (AccountScore account : accounts) {
            Map<String, FindingStatus> statuses = statuses(account.controls());
            frameworkControls.forEach((frameworkId, members) ->
                    frameworkSums.merge(frameworkId, members.breakdown(statuses), ScoreBreakdown::plus));
            sectionScores(statuses).forEach((frameworkId, sections) -> sections.forEach((section, score) ->
                    sectionSums.computeIfAbsent(frameworkId, id -> new LinkedHashMap<>())
                            .merge(section, score, ScoreBreakdown::plus)));
        }
        List<PooledFramework> pooled = new ArrayList<>(frameworks.size());
        for (Framework framework : frameworks) {
            Map<String, ScoreBreakdown> sums = sectionSums.getOrDefault(framework.id(), Map.of());
            List<PooledSection> sections = new ArrayList<>();
            for (String section : framework.sections()) {
                List<Requirement> inSection = framework.requirements().stream()
                        .filter(requirement -> requirement.section().equals(section))
                        .toList();
                sections.add(new PooledSection(section, inSection.size(), checked(inSection),
                        sums.getOrDefault(section, ScoreBreakdown.EMPTY)));
            }
            pooled.add(new PooledFramework(framework.id(), framework.name(), framework.shortName(),
                    framework.version(), framework.requirements().size(), checked(framework.requirements()),
                    accounts.size(), frameworkSums.getOrDefault(framework.id(), ScoreBreakdown.EMPTY),
                    List.copyOf(sections)));
        }
        return pooled;
    }

    private static int checked(List<Requirement> requirements) {
        return (int) requirements.stream().filter(Requirement::checked).count();
    }

    private static Map<RequirementStatus, Integer> zeroCounts() {
        Map<RequirementStatus, Integer> counts = new EnumMap<>(RequirementStatus.class);
        for (RequirementStatus status : RequirementStatus.values()) {
            counts.put(status, 0);
        }
        return counts;
    }

    /**
     * The known controls of a framework or one of its sections, split by how they count.
     *
     * @param scored the controls mapped to at least one requirement that is not MANUAL; they count
     *     with their own status
     * @param manualOnly the controls mapped only to MANUAL requirements; they count as MANUAL
     */
    private record Members(Set<String> scored, Set<String> manualOnly) {

        /** Counts the members that have findings by the status they count with. */
        ScoreBreakdown breakdown(Map<String, FindingStatus> statuses) {
            List<FindingStatus> found = new ArrayList<>(scored.size() + manualOnly.size());
            for (String controlId : scored) {
                FindingStatus status = statuses.get(controlId);
                if (status != null) {
                    found.add(status);
                }
            }
            for (String controlId : manualOnly) {
                if (statuses.containsKey(controlId)) {
                    found.add(FindingStatus.MANUAL);
                }
            }
            return Scoring.breakdown(found);
        }

        /** Collects the members requirement by requirement. A control that any requirement scores is scored. */
        static final class Builder {
            private final Set<String> scored = new LinkedHashSet<>();
            private final Set<String> manual = new LinkedHashSet<>();

            void add(String controlId, boolean scoredHere) {
                (scoredHere ? scored : manual).add(controlId);
            }

            Members build() {
                Set<String> manualOnly = new LinkedHashSet<>(manual);
                manualOnly.removeAll(scored);
                return new Members(Collections.unmodifiableSet(new LinkedHashSet<>(scored)),
                        Collections.unmodifiableSet(manualOnly));
            }
        }
    }
}
