package dev.sonda.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sonda.testkit.proxy.Xml;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads, edits and writes the XML and JSON response bodies that the {@link MotoGaps} rewrites
 * change. Errors quote the start of the body, so that a fixture applied to the wrong response
 * shows what it got.
 */
final class ResponseBodies {

    static final ObjectMapper JSON = new ObjectMapper();

    private ResponseBodies() {
    }

    /**
     * Parses an XML response into a namespace-aware DOM.
     *
     * @throws IllegalArgumentException when the body is not well-formed XML
     */
    static Document parseXml(String xml) {
        try {
            return Xml.parse(xml);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + abbreviate(xml), e);
        }
    }

    /** Writes a DOM back as XML text, without an XML declaration. */
    static String writeXml(Document document) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter writer = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(writer));
            return writer.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot write the rewritten XML: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the first element with a local name anywhere in the document.
     *
     * @param expected the response the caller expects, for the error message
     * @param body the response body, for the error message
     * @throws IllegalArgumentException when the document has no such element
     */
    static Element firstElement(Document document, String localName, String expected, String body) {
        NodeList nodes = document.getElementsByTagNameNS("*", localName);
        if (nodes.getLength() == 0) {
            throw new IllegalArgumentException("The response has no " + localName + " element; expected " + expected
                    + ", got: " + abbreviate(body));
        }
        return (Element) nodes.item(0);
    }

    /** Returns the direct child elements with a local name, in document order. */
    static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    /** Returns the first direct child element with a local name, or {@code null}. */
    static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Appends an empty child element in the parent's namespace. */
    static Element appendElement(Element parent, String localName) {
        Element element = parent.getOwnerDocument().createElementNS(parent.getNamespaceURI(), localName);
        parent.appendChild(element);
        return element;
    }

    /** Appends a child element in the parent's namespace that contains {@code value} as text. */
    static void appendText(Element parent, String localName, String value) {
        appendElement(parent, localName).setTextContent(value);
    }

    /**
     * Parses a JSON response that must be an object.
     *
     * @param expected the response the caller expects, for the error message
     * @throws IllegalArgumentException when the body is not JSON or not an object
     */
    static ObjectNode parseJsonObject(String json, String expected) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON; expected " + expected + ", got: " + abbreviate(json), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("Not a JSON object; expected " + expected + ", got: "
                    + abbreviate(json));
        }
        return object;
    }

    /** Returns the first 200 characters of a body, for error messages. */
    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
