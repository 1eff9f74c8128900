package io.smartops.mcp;

import java.util.LinkedHashMap;
import java.util.Map;

import io.smartops.core.web.InvalidRequestException;

/**
 * A tool call's arguments, read strictly once {@link ArgumentSchemas} has held them to the tool's
 * schema (where an argument the tool does not know is refused): a missing required one or one of
 * the wrong type is a problem named by its field; {@link #check()} throws them all at once as an
 * {@link InvalidRequestException}, before the tool does anything.
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
