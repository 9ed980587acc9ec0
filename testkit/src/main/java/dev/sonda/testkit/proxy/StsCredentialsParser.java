package dev.sonda.testkit.proxy;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the temporary credentials and their account out of an STS XML response. */
final class StsCredentialsParser {

    /** STS operations whose response carries a {@code Credentials} element. */
    static final Set<String> CREDENTIAL_OPERATIONS = Set.of("AssumeRole", "AssumeRoleWithWebIdentity",
            "AssumeRoleWithSAML", "GetSessionToken", "GetFederationToken", "AssumeRoot");

    private static final Pattern ARN_ACCOUNT = Pattern.compile("arn:[^:]+:(?:sts|iam)::(\\d{12}):.*");

    private StsCredentialsParser() {
    }

    /**
     * Parses an STS response body.
     *
     * @param callerAccount the account of the calling key, used when the response names no role
     *     or federated user ({@code GetSessionToken} credentials act in the caller's account)
     * @return the credentials, or empty when the body contains none
     * @throws IllegalArgumentException when the body is not well-formed XML
     */
    static Optional<IssuedCredentials> parse(String body, String callerAccount) {
        Document document = read(body);
        Element credentials = first(document, "Credentials");
        if (credentials == null) {
            return Optional.empty();
        }
        String accessKeyId = text(credentials, "AccessKeyId");
        if (accessKeyId == null) {
            return Optional.empty();
        }
        String account = callerAccount;
        for (String userElement : new String[] {"AssumedRoleUser", "FederatedUser"}) {
            Element user = first(document, userElement);
            String arn = user == null ? null : text(user, "Arn");
            Matcher matcher = arn == null ? null : ARN_ACCOUNT.matcher(arn);
            if (matcher != null && matcher.matches()) {
                account = matcher.group(1);
            }
        }
        return Optional.of(new IssuedCredentials(accessKeyId, text(credentials, "SecretAccessKey"),
                text(credentials, "SessionToken"), account));
    }

    private static Document read(String body) {
        try {
            return Xml.parse(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("STS response is " + e.getMessage(), e);
        }
    }

    private static Element first(Document document, String localName) {
        NodeList nodes = document.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    private static String text(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
