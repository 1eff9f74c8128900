package io.smartops.insight.mining;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.smartops.insight.mining.CaseStream.Case;
import io.smartops.insight.mining.CaseStream.Step;

/**
 * Writes an event log as OCEL 2.0 JSON, streamed: first the events (a start and an end per task
 * execution, each related to its process instance, to who executed it and to the instance's
 * business objects), then the objects — the process instances (related to their business objects),
 * the business objects the process's variables name (a lead, a customer, a coordinator run, an
 * action, as {@code smartops.insights.event-log.objects} declares per process), the agents, people
 * and groups — then the object and event types. A JSON object's members have no order, so the
 * types, known only once the events are written, come last.
 */
final class OcelWriter implements EventLogExport.Writer {

	static final String INSTANCE = "process instance";
	static final String AGENT = "agent";
	static final String PERSON = "person";
	static final String GROUP = "group";

	private final JsonGenerator json;
	private final Pseudonyms pseudonyms;
	/** Object type by variable name. */
	private final Map<String, String> objectTypes;
	private final TreeSet<String> eventTypes = new TreeSet<>();
	private final TreeMap<String, String> resources = new TreeMap<>();

	OcelWriter(OutputStream out, Pseudonyms pseudonyms, Map<String, String> objectTypes) throws IOException {
		this.json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
		this.pseudonyms = pseudonyms;
		this.objectTypes = objectTypes;
	}

	@Override
	public void begin(String processKey, String processName) throws IOException {
		json.writeStartObject();
		json.writeArrayFieldStart("events");
	}

	@Override
	public void write(Case c) throws IOException {
		for (LogEvent e : LogEvent.of(c)) {
			Step s = e.step();
			String resource = resource(s);
			eventTypes.add(e.activity());
			json.writeStartObject();
			json.writeStringField("id", e.id());
			json.writeStringField("type", e.activity());
			json.writeStringField("time", Instant.ofEpochMilli(e.time()).toString());
			json.writeArrayFieldStart("attributes");
			attribute("lifecycle", e.transition());
			attribute("activity id", s.activityId());
			attribute("executor kind", s.kind().name());
			if (!e.transition().equals(LogEvent.START) && s.cost() != null) {
				json.writeStartObject();
				json.writeStringField("name", "cost");
				json.writeNumberField("value", s.cost());
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeArrayFieldStart("relationships");
			relationship(INSTANCE + ":" + c.id(), INSTANCE);
			if (resource != null) {
				relationship(resource, "executed by");
			}
			if (s.group() != null) {
				resources.put(GROUP + ":" + s.group(), GROUP);
				relationship(GROUP + ":" + s.group(), "candidate group");
			}
			businessObjects(c);
			json.writeEndArray();
			json.writeEndObject();
		}
	}

	/** Relationships to the instance's business objects, each qualified by its type. */
	private void businessObjects(Case c) throws IOException {
		for (Map.Entry<String, String> v : c.variables().entrySet()) {
			String type = objectTypes.get(v.getKey());
			relationship(objectId(type, v.getValue()), type);
		}
	}

	@Override
	public boolean objectsPass() {
		return true;
	}

	@Override
	public void beginObjects() throws IOException {
		json.writeEndArray();
		json.writeArrayFieldStart("objects");
	}

	@Override
	public void object(Case c) throws IOException {
		String time = Instant.ofEpochMilli(c.start()).toString();
		json.writeStartObject();
		json.writeStringField("id", INSTANCE + ":" + c.id());
		json.writeStringField("type", INSTANCE);
		json.writeArrayFieldStart("attributes");
		objectAttribute("outcome", c.end() == null ? time : Instant.ofEpochMilli(c.end()).toString(), EventLogExport.outcome(c));
		objectAttribute("process definition", time, c.definitionId());
		if (c.businessKey() != null) {
			objectAttribute("business key", time, pseudonyms.value(c.businessKey()));
		}
		json.writeEndArray();
		json.writeArrayFieldStart("relationships");
		businessObjects(c);
		json.writeEndArray();
		json.writeEndObject();
	}

	@Override
	public void businessObject(String variable, String value) throws IOException {
		String type = objectTypes.get(variable);
		plainObject(objectId(type, value), type);
	}

	@Override
	public void end() throws IOException {
		for (Map.Entry<String, String> r : resources.entrySet()) {
			plainObject(r.getKey(), r.getValue());
		}
		json.writeEndArray();
		json.writeArrayFieldStart("objectTypes");
		objectType(INSTANCE, "outcome", "process definition", "business key");
		for (String type : new TreeSet<>(objectTypes.values())) {
			objectType(type);
		}
		objectType(AGENT);
		objectType(PERSON);
		objectType(GROUP);
		if (resources.containsValue(CaseStream.AUTOMATION)) {
			objectType(CaseStream.AUTOMATION);
		}
		json.writeEndArray();
		json.writeArrayFieldStart("eventTypes");
		for (String type : eventTypes) {
			json.writeStartObject();
			json.writeStringField("name", type);
			json.writeArrayFieldStart("attributes");
			for (String name : new String[] { "lifecycle", "activity id", "executor kind" }) {
				typed(name, "string");
			}
			typed("cost", "float");
			json.writeEndArray();
			json.writeEndObject();
		}
		json.writeEndArray();
		json.writeEndObject();
		json.flush();
	}

	/** The object an execution's resource is: an agent, a person (pseudonymised), or the automation. */
	private String resource(Step s) {
		if (s.resource() == null) {
			return null;
		}
		String type = switch (s.kind()) {
			case AGENT -> AGENT;
			case HUMAN -> PERSON;
			case AUTOMATION -> CaseStream.AUTOMATION;
		};
		String objectId = type + ":" + pseudonyms.resource(s);
		resources.put(objectId, type);
		return objectId;
	}

	/** An object with no attributes and no relationships of its own. */
	private void plainObject(String id, String type) throws IOException {
		json.writeStartObject();
		json.writeStringField("id", id);
		json.writeStringField("type", type);
		json.writeArrayFieldStart("attributes");
		json.writeEndArray();
		json.writeArrayFieldStart("relationships");
		json.writeEndArray();
		json.writeEndObject();
	}

	private String objectId(String type, String value) {
		return type + ":" + pseudonyms.value(value);
	}

	private void objectType(String name, String... attributes) throws IOException {
		json.writeStartObject();
		json.writeStringField("name", name);
		json.writeArrayFieldStart("attributes");
		for (String a : attributes) {
			typed(a, "string");
		}
		json.writeEndArray();
		json.writeEndObject();
	}

	private void typed(String name, String type) throws IOException {
		fields("name", name, "type", type);
	}

	private void attribute(String name, String value) throws IOException {
		fields("name", name, "value", value);
	}

	private void objectAttribute(String name, String time, String value) throws IOException {
		fields("name", name, "time", time, "value", value);
	}

	private void relationship(String objectId, String qualifier) throws IOException {
		fields("objectId", objectId, "qualifier", qualifier);
	}

	/** A JSON object of string members, given as name, value, name, value… */
	private void fields(String... nameValue) throws IOException {
		json.writeStartObject();
		for (int i = 0; i < nameValue.length; i += 2) {
			json.writeStringField(nameValue[i], nameValue[i + 1]);
		}
		json.writeEndObject();
	}
}
