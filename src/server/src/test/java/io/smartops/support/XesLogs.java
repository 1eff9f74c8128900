package io.smartops.support;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An exported XES log as the tests read it: validated against the IEEE 1849-2016 schema
 * ({@code src/test/resources/xes/xes-ieee-1849-2016.xsd}), then read back into its cases, their
 * events and the resources named.
 */
public record XesLogs(Map<String, Integer> eventsPerCase, Set<String> resources) {

	/** Validates the document (an exception names the first violation) and reads it back. */
	public static XesLogs read(String xml) throws Exception {
		SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
			.newSchema(new StreamSource(XesLogs.class.getResourceAsStream("/xes/xes-ieee-1849-2016.xsd")))
			.newValidator()
			.validate(new StreamSource(new StringReader(xml)));
		Document xes = DocumentBuilderFactory.newInstance().newDocumentBuilder()
			.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
		NodeList traces = xes.getElementsByTagName("trace");
		Map<String, Integer> eventsPerCase = new HashMap<>();
		Set<String> resources = new TreeSet<>();
		for (int i = 0; i < traces.getLength(); i++) {
			Element trace = (Element) traces.item(i);
			NodeList events = trace.getElementsByTagName("event");
			eventsPerCase.put(value(trace, "concept:name"), events.getLength());
			for (int e = 0; e < events.getLength(); e++) {
				String resource = value((Element) events.item(e), "org:resource");
				if (resource != null) {
					resources.add(resource);
				}
			}
		}
		return new XesLogs(eventsPerCase, resources);
	}

	/** The value of an element's own attribute with the key, or null. */
	static String value(Element parent, String key) {
		NodeList children = parent.getChildNodes();
		for (int i = 0; i < children.getLength(); i++) {
			if (children.item(i) instanceof Element e && key.equals(e.getAttribute("key"))) {
				return e.getAttribute("value");
			}
		}
		return null;
	}
}
