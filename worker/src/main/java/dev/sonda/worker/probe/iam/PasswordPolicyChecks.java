package dev.sonda.worker.probe.iam;

import static dev.sonda.worker.probe.iam.IamChecks.IAM_10;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_11;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_12;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_13;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_14;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_15;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_16;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_17;
import static dev.sonda.worker.probe.iam.IamChecks.IAM_7;

import dev.sonda.contracts.messages.Finding;
import dev.sonda.contracts.messages.FindingStatus;
import dev.sonda.worker.probe.Collected;
import dev.sonda.worker.probe.FindingFactory;
import dev.sonda.worker.probe.iam.IamInventory.PasswordPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * IAM.7 and IAM.10 to IAM.17: the account password policy. An account without a password policy
 * fails every one of them, because IAM then applies only its weak default rules.
 */
final class PasswordPolicyChecks {

    /**
     * One requirement on the policy.
     *
     * @param requirement the requirement as the end of "The password policy of account X ..."
     * @param shortfall what a policy that misses the requirement does, in the same form
     */
    private record Rule(String requirement, Predicate<PasswordPolicy> met, Function<PasswordPolicy, String> shortfall) {
    }

    private static final Rule UPPERCASE = flag("requires an uppercase letter", PasswordPolicy::requireUppercase,
            "does not require an uppercase letter");
    private static final Rule LOWERCASE = flag("requires a lowercase letter", PasswordPolicy::requireLowercase,
            "does not require a lowercase letter");
    private static final Rule SYMBOLS = flag("requires a symbol", PasswordPolicy::requireSymbols,
            "does not require a symbol");
    private static final Rule NUMBERS = flag("requires a number", PasswordPolicy::requireNumbers,
            "does not require a number");

    /** The rules of each control. IAM.7 uses the AWS Config rule iam-password-policy's defaults. */
    private static final Map<String, List<Rule>> RULES = Map.of(
            IAM_7, List.of(UPPERCASE, LOWERCASE, SYMBOLS, NUMBERS, minimumLength(8)),
            IAM_10, List.of(UPPERCASE, LOWERCASE, NUMBERS, minimumLength(7), reusePrevention(4), maxAge(90)),
            IAM_11, List.of(UPPERCASE),
            IAM_12, List.of(LOWERCASE),
            IAM_13, List.of(SYMBOLS),
            IAM_14, List.of(NUMBERS),
            IAM_15, List.of(minimumLength(14)),
            IAM_16, List.of(reusePrevention(24)),
            IAM_17, List.of(maxAge(90)));

    private static final List<String> ORDER = List.of(IAM_7, IAM_10, IAM_11, IAM_12, IAM_13, IAM_14, IAM_15,
            IAM_16, IAM_17);

    private PasswordPolicyChecks() {
    }

    static List<Finding> evaluate(IamInventory inventory, Set<String> enabled, FindingFactory findings) {
        List<Finding> result = new ArrayList<>();
        for (String control : ORDER) {
            if (enabled.contains(control)) {
                result.add(check(control, inventory.passwordPolicy(), findings));
            }
        }
        return result;
    }

    static Finding check(String control, Collected<Optional<PasswordPolicy>> collected, FindingFactory findings) {
        String account = findings.accountId();
        if (!collected.isOk()) {
            return IamChecks.error(findings, control, "a password policy", collected.error());
        }
        if (collected.value().isEmpty()) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("passwordPolicy", "absent");
            evidence.put("errorCode", "NoSuchEntity");
            return findings.finding(control, FindingStatus.FAIL, findings.accountResource(), "Account " + account
                    + " has no IAM password policy.", evidence);
        }
        PasswordPolicy policy = collected.value().get();
        List<Rule> rules = RULES.get(control);
        List<String> shortfalls = rules.stream().filter(rule -> !rule.met().test(policy))
                .map(rule -> rule.shortfall().apply(policy)).toList();
        Map<String, Object> evidence = evidence(policy);
        String subject = "The password policy of account " + account + " ";
        if (!shortfalls.isEmpty()) {
            return findings.finding(control, FindingStatus.FAIL, findings.accountResource(),
                    subject + String.join(" and ", shortfalls) + ".", evidence);
        }
        String message = rules.size() == 1
                ? subject + rules.get(0).requirement() + "."
                : subject + String.join(", ", rules.stream().map(Rule::requirement).toList()) + ".";
        return findings.finding(control, FindingStatus.PASS, findings.accountResource(), message, evidence);
    }

    private static Map<String, Object> evidence(PasswordPolicy policy) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("RequireUppercaseCharacters", policy.requireUppercase());
        evidence.put("RequireLowercaseCharacters", policy.requireLowercase());
        evidence.put("RequireSymbols", policy.requireSymbols());
        evidence.put("RequireNumbers", policy.requireNumbers());
        evidence.put("MinimumPasswordLength", unsetIfNull(policy.minimumLength()));
        evidence.put("PasswordReusePrevention", unsetIfNull(policy.reusePrevention()));
        evidence.put("MaxPasswordAge", unsetIfNull(policy.maxPasswordAge()));
        return evidence;
    }

    private static Object unsetIfNull(Integer value) {
        return value == null ? "unset" : value;
    }

    private static Rule flag(String requirement, Predicate<PasswordPolicy> met, String shortfall) {
        return new Rule(requirement, met, policy -> shortfall);
    }

    private static Rule minimumLength(int minimum) {
        return new Rule("requires " + minimum + " or more characters",
                policy -> policy.minimumLength() != null && policy.minimumLength() >= minimum,
                policy -> policy.minimumLength() == null
                        ? "sets no minimum length, below " + minimum
                        : "requires " + policy.minimumLength() + " characters, fewer than " + minimum);
    }

    private static Rule reusePrevention(int minimum) {
        return new Rule("prevents reuse of the last " + minimum + " or more passwords",
                policy -> policy.reusePrevention() != null && policy.reusePrevention() >= minimum,
                policy -> policy.reusePrevention() == null
                        ? "does not prevent password reuse"
                        : "prevents reuse of the last " + policy.reusePrevention() + " passwords, fewer than "
                                + minimum);
    }

    private static Rule maxAge(int maximumDays) {
        return new Rule("expires passwords within " + maximumDays + " days",
                policy -> policy.maxPasswordAge() != null && policy.maxPasswordAge() <= maximumDays,
                policy -> policy.maxPasswordAge() == null
                        ? "never expires passwords"
                        : "expires passwords after " + policy.maxPasswordAge() + " days, more than " + maximumDays);
    }
}
