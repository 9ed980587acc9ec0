package dev.sonda.worker.probe.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The policy tests of IAM.1, IAM.21, KMS.1, KMS.2 and IAM.NoAttachedAdminPolicy over a parsed
 * {@link PolicyDocument}. Conditions are ignored, as in the AWS Config rules these controls
 * follow: a condition narrows when a statement applies, not what it would grant.
 */
public final class PolicyAnalyzer {

    /** The actions KMS.1 and KMS.2 look for. */
    static final List<String> KMS_DECRYPT_ACTIONS = List.of("kms:Decrypt", "kms:ReEncryptFrom");

    /** {@code service:*} with a named service; {@code *:*} is full admin, not one service. */
    private static final Pattern SERVICE_WILDCARD = Pattern.compile("[A-Za-z0-9-]+:\\*");
    /** A KMS key ARN pattern whose key part is a wildcard, so that it covers every key it can reach. */
    private static final Pattern ALL_KEYS_ARN = Pattern.compile("arn:[^:]*:kms:[^:]*:[^:]*:(\\*|key/\\*)",
            Pattern.CASE_INSENSITIVE);

    private PolicyAnalyzer() {
    }

    /**
     * Returns the labels of Allow statements with Action {@code *} (or {@code *:*}) on Resource
     * {@code *}. NotAction statements are not considered, as in the AWS Config rule
     * {@code iam-policy-no-statements-with-admin-access}.
     */
    public static List<String> fullAdminStatements(PolicyDocument document) {
        List<String> found = new ArrayList<>();
        for (PolicyDocument.Statement statement : document.statements()) {
            boolean allActions = statement.actions().stream().anyMatch(action -> action.equals("*")
                    || action.equals("*:*"));
            if (statement.allow() && allActions && statement.resources().contains("*")) {
                found.add(statement.label());
            }
        }
        return found;
    }

    /**
     * Returns each {@code service:*} entry of an Allow statement, as {@code Action s3:*} or
     * {@code NotAction ec2:*}, with the statement's label.
     */
    public static List<String> serviceWildcards(PolicyDocument document) {
        List<String> found = new ArrayList<>();
        for (PolicyDocument.Statement statement : document.statements()) {
            if (!statement.allow()) {
                continue;
            }
            statement.actions().stream().filter(action -> SERVICE_WILDCARD.matcher(action).matches())
                    .forEach(action -> found.add(statement.label() + ": Action " + action));
            statement.notActions().stream().filter(action -> SERVICE_WILDCARD.matcher(action).matches())
                    .forEach(action -> found.add(statement.label() + ": NotAction " + action));
        }
        return found;
    }

    /**
     * Returns the labels of Allow statements that allow kms:Decrypt or kms:ReEncryptFrom on all
     * KMS keys. An action is allowed when an Action entry matches it (wildcards included) or when
     * the statement uses NotAction and no NotAction entry matches it. All keys means Resource
     * {@code *} or a KMS key ARN whose key part is a wildcard.
     *
     * <p>NOTE: a key ARN pattern such as {@code arn:aws:kms:us-east-1:111122223333:key/*} counts
     * as all keys even though it names one region; a statement with NotResource is not counted.
     */
    public static List<String> kmsDecryptOnAllKeys(PolicyDocument document) {
        List<String> found = new ArrayList<>();
        for (PolicyDocument.Statement statement : document.statements()) {
            if (statement.allow() && allowsKmsDecrypt(statement) && coversAllKeys(statement.resources())) {
                found.add(statement.label());
            }
        }
        return found;
    }

    private static boolean allowsKmsDecrypt(PolicyDocument.Statement statement) {
        for (String action : KMS_DECRYPT_ACTIONS) {
            if (statement.actions().stream().anyMatch(pattern -> matches(pattern, action))) {
                return true;
            }
            if (!statement.notActions().isEmpty()
                    && statement.notActions().stream().noneMatch(pattern -> matches(pattern, action))) {
                return true;
            }
        }
        return false;
    }

    private static boolean coversAllKeys(List<String> resources) {
        return resources.stream().anyMatch(resource -> resource.equals("*")
                || ALL_KEYS_ARN.matcher(resource).matches());
    }

    /**
     * Returns whether an IAM action pattern matches an action. Actions compare case-insensitively, and
     * {@code *} and {@code ?} are the only wildcards.
     */
    static boolean matches(String pattern, String action) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return action.toLowerCase(Locale.ROOT).matches(regex.toString());
    }
}
