package dev.sonda.testkit;

import static dev.sonda.testkit.ResponseBodies.appendElement;
import static dev.sonda.testkit.ResponseBodies.appendText;
import static dev.sonda.testkit.ResponseBodies.child;
import static dev.sonda.testkit.ResponseBodies.children;
import static dev.sonda.testkit.ResponseBodies.firstElement;
import static dev.sonda.testkit.ResponseBodies.parseXml;
import static dev.sonda.testkit.ResponseBodies.writeXml;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Rewrites of IAM Query (XML) response bodies for the {@link MotoGaps} fixtures of the IAM
 * probe: the credential report, virtual MFA devices, AWS managed policy attachments and server
 * certificates. Each method takes moto's body and returns the body AWS would send in the state
 * the fixture supplies.
 */
final class IamRewrites {

    /** The IAM XML namespace of every Query response. */
    static final String IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private IamRewrites() {
    }

    /**
     * Changes rows of the CSV in a {@code GetCredentialReport} response. Each key of {@code rows}
     * is a user name; its map sets columns of that user's row. The root user's name
     * {@value MotoGaps#ROOT_USER} adds a root row when the report has none, with AWS's values for
     * a root user without password use, MFA or keys.
     *
     * @throws IllegalArgumentException when the body is not a credential report response, a user
     *     has no row, a column is unknown, or the CSV has quoted cells, which this rewrite does
     *     not support
     */
    static String withCredentialReportRows(String responseXml, String accountId,
            Map<String, Map<String, String>> rows) {
        Document document = parseXml(responseXml);
        Element content = firstElement(document, "Content", "an IAM GetCredentialReport response", responseXml);
        String csv = new String(Base64.getMimeDecoder().decode(content.getTextContent().trim()), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(csv.split("\r?\n")));
        lines.removeIf(String::isBlank);
        if (csv.contains("\"")) {
            throw new IllegalArgumentException("The credential report has quoted cells, which the fixture does not"
                    + " rewrite");
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        for (Map.Entry<String, Map<String, String>> row : rows.entrySet()) {
            int index = rowIndex(lines, row.getKey());
            if (index < 0 && MotoGaps.ROOT_USER.equals(row.getKey())) {
                lines.add(1, String.join(",", rootRow(header, accountId)));
                index = 1;
            }
            if (index < 0) {
                throw new IllegalArgumentException("The credential report has no row for user " + row.getKey()
                        + "; create the user before the scan");
            }
            String[] cells = lines.get(index).split(",", -1);
            for (Map.Entry<String, String> change : row.getValue().entrySet()) {
                int column = header.indexOf(change.getKey());
                if (column < 0) {
                    throw new IllegalArgumentException("The credential report has no column " + change.getKey()
                            + "; columns: " + header);
                }
                cells[column] = change.getValue();
            }
            lines.set(index, String.join(",", cells));
        }
        String rewritten = String.join("\n", lines) + "\n";
        content.setTextContent(Base64.getEncoder().encodeToString(rewritten.getBytes(StandardCharsets.UTF_8)));
        return writeXml(document);
    }

    /**
     * Adds a virtual MFA device assigned to the root user to a {@code ListVirtualMFADevices}
     * response, with the serial number AWS gives the root user's device.
     */
    static String withRootVirtualMfaDevice(String responseXml, String accountId) {
        Document document = parseXml(responseXml);
        Element list = firstElement(document, "VirtualMFADevices", "an IAM ListVirtualMFADevices response",
                responseXml);
        Element member = appendElement(list, "member");
        appendText(member, "SerialNumber", "arn:aws:iam::" + accountId + ":mfa/root-account-mfa-device");
        Element user = appendElement(member, "User");
        appendText(user, "Path", "/");
        appendText(user, "UserName", accountId);
        appendText(user, "UserId", accountId);
        appendText(user, "Arn", "arn:aws:iam::" + accountId + ":root");
        appendText(user, "CreateDate", "2019-01-01T00:00:00Z");
        appendText(member, "EnableDate", "2019-01-01T00:00:00Z");
        return writeXml(document);
    }

    /**
     * Adds AWS managed policy attachments to the matching users, groups and roles of a
     * {@code GetAccountAuthorizationDetails} page. Entities that are not on the page are left for
     * the page that has them.
     */
    static String withAttachedAwsManagedPolicies(String responseXml, List<MotoGaps.AwsManagedAttachment> attachments) {
        Document document = parseXml(responseXml);
        for (MotoGaps.AwsManagedAttachment attachment : attachments) {
            String listName = attachment.entityType() + "DetailList";
            NodeList lists = document.getElementsByTagNameNS("*", listName);
            if (lists.getLength() == 0) {
                continue;
            }
            for (Element member : children((Element) lists.item(0), "member")) {
                Element name = child(member, attachment.entityType() + "Name");
                if (name == null || !attachment.entityName().equals(name.getTextContent().trim())) {
                    continue;
                }
                Element attached = child(member, "AttachedManagedPolicies");
                if (attached == null) {
                    attached = appendElement(member, "AttachedManagedPolicies");
                }
                Element policy = appendElement(attached, "member");
                appendText(policy, "PolicyName", attachment.policyName());
                appendText(policy, "PolicyArn", attachment.policyArn());
            }
        }
        return writeXml(document);
    }

    /** Returns a {@code ListPolicies} response that lists the named AWS managed policies with their attachment counts. */
    static String listPoliciesResponse(Map<String, Integer> attachmentsByPolicyName) {
        StringBuilder xml = new StringBuilder("<ListPoliciesResponse xmlns=\"" + IAM_NAMESPACE + "\">"
                + "<ListPoliciesResult><IsTruncated>false</IsTruncated><Policies>");
        attachmentsByPolicyName.forEach((name, count) -> xml.append("<member>")
                .append("<PolicyName>").append(name).append("</PolicyName>")
                .append("<PolicyId>ANPA").append(Integer.toHexString(name.hashCode()).toUpperCase()).append("</PolicyId>")
                .append("<Arn>arn:aws:iam::aws:policy/").append(name).append("</Arn>")
                .append("<Path>/</Path><DefaultVersionId>v1</DefaultVersionId>")
                .append("<AttachmentCount>").append(count).append("</AttachmentCount>")
                .append("<PermissionsBoundaryUsageCount>0</PermissionsBoundaryUsageCount>")
                .append("<IsAttachable>true</IsAttachable>")
                .append("<CreateDate>2015-02-06T18:39:46Z</CreateDate><UpdateDate>2015-02-06T18:39:46Z</UpdateDate>")
                .append("</member>"));
        xml.append("</Policies></ListPoliciesResult><ResponseMetadata><RequestId>sonda-fixture</RequestId>"
                + "</ResponseMetadata></ListPoliciesResponse>");
        return xml.toString();
    }

    /** Returns a {@code GetPolicyVersion} response with version v1 of {@code documentJson}, URL-encoded as IAM sends it. */
    static String getPolicyVersionResponse(String documentJson) {
        String encoded = java.net.URLEncoder.encode(documentJson, StandardCharsets.UTF_8).replace("+", "%20");
        return "<GetPolicyVersionResponse xmlns=\"" + IAM_NAMESPACE + "\"><GetPolicyVersionResult><PolicyVersion>"
                + "<Document>" + encoded + "</Document><VersionId>v1</VersionId>"
                + "<IsDefaultVersion>true</IsDefaultVersion><CreateDate>2015-02-06T18:39:46Z</CreateDate>"
                + "</PolicyVersion></GetPolicyVersionResult><ResponseMetadata><RequestId>sonda-fixture</RequestId>"
                + "</ResponseMetadata></GetPolicyVersionResponse>";
    }

    /** Sets the {@code Expiration} of the named certificate in a {@code ListServerCertificates} response. */
    static String withCertificateExpiration(String responseXml, String certificateName, Instant expiration) {
        Document document = parseXml(responseXml);
        Element list = firstElement(document, "ServerCertificateMetadataList",
                "an IAM ListServerCertificates response", responseXml);
        for (Element member : children(list, "member")) {
            Element name = child(member, "ServerCertificateName");
            if (name != null && certificateName.equals(name.getTextContent().trim())) {
                Element expirationElement = child(member, "Expiration");
                if (expirationElement == null) {
                    expirationElement = appendElement(member, "Expiration");
                }
                expirationElement.setTextContent(expiration.toString());
            }
        }
        return writeXml(document);
    }

    private static List<String> rootRow(List<String> header, String accountId) {
        Map<String, String> row = new LinkedHashMap<>();
        for (String column : header) {
            row.put(column, "N/A");
        }
        row.put("user", MotoGaps.ROOT_USER);
        row.put("arn", "arn:aws:iam::" + accountId + ":root");
        row.put("user_creation_time", "2019-01-01T00:00:00+00:00");
        row.put("password_enabled", "not_supported");
        row.put("password_last_changed", "not_supported");
        row.put("password_next_rotation", "not_supported");
        row.put("mfa_active", "false");
        row.put("access_key_1_active", "false");
        row.put("access_key_2_active", "false");
        row.put("cert_1_active", "false");
        row.put("cert_2_active", "false");
        return List.copyOf(row.values());
    }

    private static int rowIndex(List<String> lines, String user) {
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith(user + ",")) {
                return i;
            }
        }
        return -1;
    }
}
