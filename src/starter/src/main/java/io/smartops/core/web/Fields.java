package io.smartops.core.web;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the API's error messages name a client's fields and quote its text. */
public final class Fields {

	private Fields() {
	}

	/** A client's text as an error message quotes it: its first {@code keep} characters, then an ellipsis. */
	public static String cut(String text, int keep) {
		return text.length() > keep ? text.substring(0, keep) + "…" : text;
	}

	/** The message for a field that {@code of} (a scope, an event, this request) does not have. */
	public static String notAField(String of, Collection<String> known) {
		return "is not a field of " + of + "; known fields: " + String.join(", ", known);
	}

	/** The given fields that are none of the known ones (cut to 100 characters), each with {@link #notAField}. */
	public static Map<String, String> unknown(Collection<String> given, Collection<String> known, String of) {
		Map<String, String> unknown = new LinkedHashMap<>();
		given.stream().filter(f -> !known.contains(f)).forEach(f -> unknown.put(cut(f, 100), notAField(of, known)));
		return unknown;
	}
}
