package io.smartops.insight.mining;

import java.io.OutputStream;
import java.time.Instant;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.smartops.insight.mining.CaseStream.Case;
import io.smartops.insight.mining.CaseStream.Step;

/**
 * Writes an event log as IEEE 1849-2016 XES (XES 2.0), trace by trace as the instances stream in:
 * the concept, time, lifecycle (standard model), organizational and cost extensions; a trace per
 * instance (its id, business key, outcome and process version), a start and an end event per task
 * execution with the resource (a person's pseudonym, an agent's id, {@code automation}), the group,
 * the executor kind and, on the end event, the cost. The document has no namespace, as the
 * standard's schema has no target namespace.
 */
final class XesWriter implements EventLogExport.Writer {

	private static final String XES = "http://www.xes-standard.org/";

	private final XMLStreamWriter xml;
	private final Pseudonyms pseudonyms;

	XesWriter(OutputStream out, Pseudonyms pseudonyms) {
		try {
			this.xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
		}
		catch (XMLStreamException e) {
			throw new IllegalStateException(e);
		}
		this.pseudonyms = pseudonyms;
	}

	@Override
	public void begin(String processKey, String processName) throws XMLStreamException {
		xml.writeStartDocument("UTF-8", "1.0");
		xml.writeCharacters("\n");
		xml.writeStartElement("log");
		xml.writeAttribute("xes.version", "2.0");
		newline(1);
		extension("Concept", "concept");
		extension("Time", "time");
		extension("Lifecycle", "lifecycle");
		extension("Organizational", "org");
		extension("Cost", "cost");
		global("trace", "string", "concept:name", "UNKNOWN");
		global("event", "string", "concept:name", "UNKNOWN", "string", "lifecycle:transition", "complete", "date",
				"time:timestamp", Instant.EPOCH.toString(), "string", "org:resource", "UNKNOWN");
		xml.writeEmptyElement("classifier");
		xml.writeAttribute("name", "Activity");
		xml.writeAttribute("keys", "concept:name");
		newline(1);
		xml.writeEmptyElement("classifier");
		xml.writeAttribute("name", "Activity_and_transition");
		xml.writeAttribute("keys", "concept:name lifecycle:transition");
		attribute(1, "string", "concept:name", processName == null ? processKey : processName);
		attribute(1, "string", "smartops:processKey", processKey);
		attribute(1, "string", "lifecycle:model", "standard");
	}

	@Override
	public void write(Case c) throws XMLStreamException {
		newline(1);
		xml.writeStartElement("trace");
		attribute(2, "string", "concept:name", c.id());
		if (c.businessKey() != null) {
			attribute(2, "string", "smartops:businessKey", pseudonyms.value(c.businessKey()));
		}
		attribute(2, "string", "smartops:outcome", EventLogExport.outcome(c));
		attribute(2, "string", "smartops:processDefinitionId", c.definitionId());
		double total = 0;
		for (Step s : c.steps()) {
			total += s.cost() == null ? 0 : s.cost();
		}
		attribute(2, "float", "cost:total", number(total));
		for (LogEvent e : LogEvent.of(c)) {
			Step s = e.step();
			newline(2);
			xml.writeStartElement("event");
			attribute(3, "string", "concept:name", e.activity());
			attribute(3, "string", "concept:instance", s.activityInstanceId());
			attribute(3, "string", "lifecycle:transition", e.transition());
			attribute(3, "date", "time:timestamp", Instant.ofEpochMilli(e.time()).toString());
			if (s.resource() != null) {
				attribute(3, "string", "org:resource", pseudonyms.resource(s));
			}
			if (s.group() != null) {
				attribute(3, "string", "org:group", s.group());
			}
			attribute(3, "string", "smartops:activityId", s.activityId());
			attribute(3, "string", "smartops:executorKind", s.kind().name());
			if (!e.transition().equals(LogEvent.START) && s.cost() != null) {
				attribute(3, "float", "cost:total", number(s.cost()));
			}
			newline(2);
			xml.writeEndElement();
		}
		newline(1);
		xml.writeEndElement();
	}

	@Override
	public void end() throws XMLStreamException {
		xml.writeCharacters("\n");
		xml.writeEndElement();
		xml.writeCharacters("\n");
		xml.writeEndDocument();
		xml.flush();
	}

	/** The defaults of a scope's attributes, as triples of type, key and value. */
	private void global(String scope, String... typeKeyValue) throws XMLStreamException {
		xml.writeStartElement("global");
		xml.writeAttribute("scope", scope);
		for (int i = 0; i < typeKeyValue.length; i += 3) {
			attribute(2, typeKeyValue[i], typeKeyValue[i + 1], typeKeyValue[i + 2]);
		}
		newline(1);
		xml.writeEndElement();
		newline(1);
	}

	private void extension(String name, String prefix) throws XMLStreamException {
		xml.writeEmptyElement("extension");
		xml.writeAttribute("name", name);
		xml.writeAttribute("prefix", prefix);
		xml.writeAttribute("uri", XES + prefix + ".xesext");
		newline(1);
	}

	private void attribute(int depth, String type, String key, String value) throws XMLStreamException {
		newline(depth);
		xml.writeEmptyElement(type);
		xml.writeAttribute("key", key);
		xml.writeAttribute("value", value);
	}

	private void newline(int depth) throws XMLStreamException {
		xml.writeCharacters("\n" + "\t".repeat(depth));
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.6f", value);
	}
}
