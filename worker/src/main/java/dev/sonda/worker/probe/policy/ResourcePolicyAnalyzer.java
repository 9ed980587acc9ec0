package dev.sonda.worker.probe.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides whether a resource-based policy (an SQS queue policy, a KMS key policy, an S3 bucket
 * policy) allows public access: an {@code Allow} statement whose principal is a wildcard is public
 * unless a condition pins the caller to fixed values of a pinning key. Deny statements never make a
 * resource public.
 *
 * <p>The services differ in the condition keys that pin a caller, in whether {@code aws:SourceIp}
 * pins one, and in whether an {@code Allow} statement with {@code NotPrincipal} is public, so each
 * control uses its own instance:
 * {@link #SQS_QUEUE_POLICY}, {@link #KMS_KEY_POLICY} or {@link #S3_BUCKET_POLICY}.
 */
public final class ResourcePolicyAnalyzer {

    /** Global condition keys that tie a request to a known account, organization, source or network. */
    public static final Set<String> GLOBAL_PINNING_KEYS = Set.of(
            "aws:principalaccount",
            "aws:principalarn",
            "aws:principalorgid",
            "aws:sourceaccount",
            "aws:sourcearn",
            "aws:sourceorgid",
            "aws:sourceowner",
            "aws:sourcevpc",
            "aws:sourcevpce");

    /** The global pinning keys plus {@code kms:CallerAccount}, with which KMS key policies name the calling account. */
    public static final Set<String> KMS_PINNING_KEYS = Stream.concat(GLOBAL_PINNING_KEYS.stream(),
            Stream.of("kms:calleraccount")).collect(Collectors.toUnmodifiableSet());

    /**
     * SQS.3, following the AWS Config rule {@code sqs-queue-no-public-access}. Its pinning keys
     * are the global ones without {@code aws:PrincipalArn} and {@code aws:SourceOrgID}.
     *
     * <p>NOTE: an {@code Allow} statement with {@code NotPrincipal} grants everyone it does not
     * list, but SQS.3 does not count it as public. Whether the AWS Config rule does is unverified.
     */
    public static final ResourcePolicyAnalyzer SQS_QUEUE_POLICY = new ResourcePolicyAnalyzer(Set.of(
            "aws:sourcearn",
            "aws:sourceaccount",
            "aws:sourceowner",
            "aws:principalorgid",
            "aws:principalaccount",
            "aws:sourcevpc",
            "aws:sourcevpce"), false);

    /** KMS.5: {@link #KMS_PINNING_KEYS} pin a caller, and {@code NotPrincipal} makes a statement public. */
    public static final ResourcePolicyAnalyzer KMS_KEY_POLICY = new ResourcePolicyAnalyzer(KMS_PINNING_KEYS, true);

    /**
     * The global pinning keys plus the two keys that Amazon S3 also accepts as limiting a bucket
     * policy to fixed values: {@code aws:userid} and
     * {@code s3:x-amz-server-side-encryption-aws-kms-key-id}. A value with a wildcard, such as
     * {@code AROLEID:*}, never pins.
     */
    public static final Set<String> S3_PINNING_KEYS = Stream.concat(GLOBAL_PINNING_KEYS.stream(),
            Stream.of("aws:userid", "s3:x-amz-server-side-encryption-aws-kms-key-id"))
            .collect(Collectors.toUnmodifiableSet());

    /**
     * The S3 bucket policy of a CloudTrail trail's bucket (CloudTrail.6), following the rule by
     * which Amazon S3 decides that a bucket policy is public (AWS SDK for .NET API reference,
     * {@code PublicAccessBlockConfiguration}): {@link #S3_PINNING_KEYS} pin a caller, and so does
     * {@code IpAddress} on {@code aws:SourceIp} with CIDRs narrower than {@code /0}.
     * {@code NotPrincipal} makes a statement public.
     */
    public static final ResourcePolicyAnalyzer S3_BUCKET_POLICY = new ResourcePolicyAnalyzer(S3_PINNING_KEYS, true,
            true);

    /** Condition operators that restrict a key to the listed values. */
    private static final Set<String> MATCHING_OPERATORS = Set.of(
            "stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The condition key of the caller's IP address, lowercase. */
    private static final String SOURCE_IP = "aws:sourceip";

    /** An IPv4 or IPv6 address with an optional prefix length, such as {@code 203.0.113.0/24}. */
    private static final Pattern CIDR = Pattern.compile(
            "(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:/(\\d{1,3}))?");

    private final Set<String> pinningKeys;
    private final boolean notPrincipalIsPublic;
    private final boolean sourceIpPins;

    /**
     * Creates an analyzer on which {@code aws:SourceIp} does not pin a caller.
     *
     * @param pinningKeys lowercase condition keys that pin a wildcard principal
     * @param notPrincipalIsPublic whether an {@code Allow} statement with {@code NotPrincipal},
     *     which grants everyone except the principals it lists, is public whatever its
     *     {@code Principal}
     */
    public ResourcePolicyAnalyzer(Set<String> pinningKeys, boolean notPrincipalIsPublic) {
        this(pinningKeys, notPrincipalIsPublic, false);
    }

    /**
     * @param pinningKeys lowercase condition keys that pin a wildcard principal
     * @param notPrincipalIsPublic whether an {@code Allow} statement with {@code NotPrincipal},
     *     which grants everyone except the principals it lists, is public whatever its
     *     {@code Principal}
     * @param sourceIpPins whether {@code IpAddress} on {@code aws:SourceIp} with fixed CIDRs,
     *     none of them {@code 0.0.0.0/0} or {@code ::/0}, pins a wildcard principal
     */
    public ResourcePolicyAnalyzer(Set<String> pinningKeys, boolean notPrincipalIsPublic, boolean sourceIpPins) {
        this.pinningKeys = Set.copyOf(pinningKeys);
        this.notPrincipalIsPublic = notPrincipalIsPublic;
        this.sourceIpPins = sourceIpPins;
    }

    /**
     * The analysis of one policy.
     *
     * @param publicStatements the Sid, or {@code #index} without a Sid, of each public statement
     * @param invalidReason why the policy could not be read, or {@code null}
     */
    public record Verdict(boolean isPublic, List<String> publicStatements, String invalidReason) {

        public Verdict {
            publicStatements = List.copyOf(publicStatements);
        }

        public boolean valid() {
            return invalidReason == null;
        }
    }

    /** Analyzes a policy document. A {@code null} or blank document means the resource has no policy. */
    public Verdict analyze(String policy) {
        if (policy == null || policy.isBlank()) {
            return new Verdict(false, List.of(), null);
        }
        JsonNode document;
        try {
            document = MAPPER.readTree(policy);
        } catch (JsonProcessingException e) {
            return new Verdict(false, List.of(), "the policy is not valid JSON");
        }
        if (document == null || !document.isObject()) {
            return new Verdict(false, List.of(), "the policy is not a JSON object");
        }
        JsonNode statements = document.get("Statement");
        if (statements == null || statements.isNull()) {
            return new Verdict(false, List.of(), null);
        }
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else if (statements.isObject()) {
            list.add(statements);
        } else {
            return new Verdict(false, List.of(), "Statement is neither an object nor an array");
        }
        List<String> publicStatements = new ArrayList<>();
        for (int index = 0; index < list.size(); index++) {
            JsonNode statement = list.get(index);
            if (isPublic(statement)) {
                JsonNode sid = statement.get("Sid");
                publicStatements.add(sid != null && sid.isTextual() && !sid.asText().isBlank()
                        ? sid.asText() : "#" + index);
            }
        }
        return new Verdict(!publicStatements.isEmpty(), publicStatements, null);
    }

    private boolean isPublic(JsonNode statement) {
        if (!statement.isObject() || !"Allow".equalsIgnoreCase(statement.path("Effect").asText())) {
            return false;
        }
        boolean open = hasWildcardPrincipal(statement.get("Principal"))
                || (notPrincipalIsPublic && statement.has("NotPrincipal"));
        return open && !isPinned(statement.get("Condition"));
    }

    /** {@code "*"}, {@code {"AWS": "*"}} or {@code {"AWS": [..., "*"]}}. */
    private static boolean hasWildcardPrincipal(JsonNode principal) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return "*".equals(principal.asText().strip());
        }
        if (principal.isObject()) {
            return containsWildcard(principal.get("AWS"));
        }
        return false;
    }

    private static boolean containsWildcard(JsonNode value) {
        if (value == null) {
            return false;
        }
        if (value.isTextual()) {
            return "*".equals(value.asText().strip());
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isTextual() && "*".equals(item.asText().strip())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Returns whether any condition restricts a pinning key to fixed values. Negated operators,
     * {@code ...IfExists} operators (true when the key is absent) and {@code ForAllValues:}
     * (true for an empty set) do not pin.
     */
    private boolean isPinned(JsonNode condition) {
        if (condition == null || !condition.isObject()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> operators = condition.fields();
        while (operators.hasNext()) {
            Map.Entry<String, JsonNode> operator = operators.next();
            if (!operator.getValue().isObject()) {
                continue;
            }
            if (sourceIpPins && operator.getKey().equalsIgnoreCase("IpAddress")
                    && hasOnlyNarrowCidrs(valueOf(operator.getValue(), SOURCE_IP))) {
                return true;
            }
            if (!isMatchingOperator(operator.getKey())) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> keys = operator.getValue().fields();
            while (keys.hasNext()) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (pinningKeys.contains(key.getKey().toLowerCase(Locale.ROOT)) && hasOnlyFixedValues(key.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns the values of a condition key, whose name IAM compares case-insensitively, or {@code null}. */
    private static JsonNode valueOf(JsonNode keys, String key) {
        Iterator<Map.Entry<String, JsonNode>> entries = keys.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /**
     * Returns whether every value is an IP address or CIDR whose prefix is longer than 0, so that
     * the condition names a set of networks rather than the whole internet. A value that is not an
     * address, such as a policy variable, does not pin.
     */
    // NOTE: only a /0 prefix counts as the whole internet; a union of wide CIDRs such as
    // 0.0.0.0/1 and 128.0.0.0/1 still pins here.
    private static boolean hasOnlyNarrowCidrs(JsonNode values) {
        if (values == null) {
            return false;
        }
        List<JsonNode> list = new ArrayList<>();
        if (values.isArray()) {
            values.forEach(list::add);
        } else {
            list.add(values);
        }
        if (list.isEmpty()) {
            return false;
        }
        for (JsonNode value : list) {
            if (!value.isTextual()) {
                return false;
            }
            Matcher matcher = CIDR.matcher(value.asText().strip());
            if (!matcher.matches()) {
                return false;
            }
            String prefix = matcher.group(1);
            if (prefix != null && Integer.parseInt(prefix) == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMatchingOperator(String operator) {
        String name = operator.toLowerCase(Locale.ROOT);
        if (name.startsWith("forallvalues:")) {
            return false;
        }
        if (name.startsWith("foranyvalue:")) {
            name = name.substring("foranyvalue:".length());
        }
        return MATCHING_OPERATORS.contains(name);
    }

    /**
     * Rejects values with {@code *}, {@code ?} or a policy variable {@code ${...}}, which match
     * callers they do not name.
     */
    private static boolean hasOnlyFixedValues(JsonNode values) {
        List<JsonNode> list = new ArrayList<>();
        if (values.isArray()) {
            values.forEach(list::add);
        } else {
            list.add(values);
        }
        if (list.isEmpty()) {
            return false;
        }
        for (JsonNode value : list) {
            if (!value.isValueNode() || value.isNull()) {
                return false;
            }
            String text = value.asText();
            if (text.isBlank() || text.contains("*") || text.contains("?") || text.contains("${")) {
                return false;
            }
        }
        return true;
    }
}
