package io.smartops.mcp;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.smartops.core.web.Fields;
import io.smartops.core.web.InvalidRequestException;

/**
 * A tool call's arguments, read strictly: an argument the tool does not know, a missing required
 * one or one of the wrong type is a problem named by its field; {@link #check()} throws them all
 * at once as an {@link InvalidRequestException}, before the tool does anything.
 */
public final class Arguments {

	private final Map<String, Object> raw;
	private final Map<String, String> problems = new LinkedHashMap<>();

	Arguments(Map<String, Object> raw) {
		this.raw = raw == null ? Map.of() : raw;
	}

	/** All arguments as given, for tools whose service checks them itself (a lead, an event, a scope). */
	public Map<String, Object> all() {
		return raw;
	}

	/** Refuses every argument that is none of these. */
	Arguments only(Collection<String> known) {
		problems.putAll(Fields.unknown(raw.keySet(), new TreeSet<>(known), "this tool's arguments"));
		return this;
	}

	Arguments only(String... known) {
		return only(Set.of(known));
	}

	String text(String name, boolean required) {
		Object value = raw.get(name);
		if (value == null) {
			if (required) {
				problems.put(name, "is required");
			}
			return null;
		}
		if (!(value instanceof String s) || s.isBlank()) {
			problems.put(name, "must be a non-empty string");
			return null;
		}
		return s;
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> object(String name) {
		Object value = raw.get(name);
		if (value == null) {
			problems.put(name, "is required");
			return null;
		}
		if (!(value instanceof Map<?, ?> map)) {
			problems.put(name, "must be an object");
			return null;
		}
		return (Map<String, Object>) map;
	}

	/** Throws the problems found so far, if any. */
	void check() {
		if (!problems.isEmpty()) {
			throw new InvalidRequestException("invalid arguments", problems);
		}
	}
}
