package io.smartops.sense;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smartops.core.web.ApiError;
import io.smartops.core.web.ClientError;
import io.smartops.core.web.Fields;
import io.smartops.plan.scenario.ScenarioJson;

/**
 * A sensed change in the world: {@code id} (unique, for de-duplication), {@code source} (who saw
 * it), {@code type} (what kind of input it changes), {@code subject} (which one), {@code value}
 * (its new value) and {@code observedAt}.
 *
 * <table>
 * <tr><th>type</th><th>subject</th><th>value</th></tr>
 * <tr><td>stock-level</td><td>warehouse/product</td><td>units on hand now</td></tr>
 * <tr><td>carrier-capacity</td><td>carrier</td><td>units per period</td></tr>
 * <tr><td>warehouse-capacity</td><td>warehouse</td><td>units</td></tr>
 * <tr><td>supplier-cost</td><td>offer id</td><td>unit cost</td></tr>
 * <tr><td>supplier-lead-time</td><td>offer id</td><td>periods</td></tr>
 * <tr><td>store-demand</td><td>store/product</td><td>units per period at the list price</td></tr>
 * <tr><td>policy</td><td>co2-cap, carbon-price or fill-rate</td><td>the policy's new value</td></tr>
 * </table>
 */
public record SensorEvent(String id, String source, String type, String subject, double value, Instant observedAt) {

	public static final Set<String> TYPES = Set.of("stock-level", "carrier-capacity", "warehouse-capacity", "supplier-cost",
			"supplier-lead-time", "store-demand", "policy");

	public static final Set<String> POLICIES = Set.of("co2-cap", "carbon-price", "fill-rate");

	/** The fields of an event; any other is refused. */
	public static final List<String> FIELDS = List.of("id", "source", "type", "subject", "value", "observedAt");

	/** Reads an event from its JSON fields; throws {@link InvalidEventException} naming every bad field. */
	public static SensorEvent from(Map<String, Object> in) {
		Map<String, String> problems = new LinkedHashMap<>();
		problems.putAll(Fields.unknown(in.keySet(), FIELDS, "an event"));
		String id = text(in, "id", problems);
		String source = text(in, "source", problems);
		String type = text(in, "type", problems);
		if (type != null && !TYPES.contains(type)) {
			problems.put("type", "'" + type + "' is not one of " + new java.util.TreeSet<>(TYPES));
		}
		String subject = text(in, "subject", problems);
		Object v = in.get("value");
		double value = Double.NaN;
		if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
			problems.put("value", v == null ? "is required" : "'" + v + "' is not a finite number");
		}
		else {
			value = n.doubleValue();
			if (value < 0) {
				problems.put("value", value + " is negative");
			}
			else if (value > ScenarioJson.MAX_NUMBER) {
				problems.put("value", value + " is larger than the optimizer's limit " + ScenarioJson.MAX_NUMBER);
			}
		}
		Instant observedAt = null;
		Object at = in.get("observedAt");
		if (at == null) {
			problems.put("observedAt", "is required");
		}
		else {
			try {
				observedAt = Instant.parse(at.toString());
			}
			catch (java.time.format.DateTimeParseException e) {
				problems.put("observedAt", "'" + at + "' is not an ISO-8601 instant such as 2026-11-23T10:15:30Z");
			}
		}
		if (problems.isEmpty()) {
			subjectShape(type, subject, value, problems);
		}
		if (!problems.isEmpty()) {
			throw new InvalidEventException(problems);
		}
		return new SensorEvent(id, source, type, subject, value, observedAt);
	}

	private static void subjectShape(String type, String subject, double value, Map<String, String> problems) {
		boolean pair = type.equals("stock-level") || type.equals("store-demand");
		if (pair && subject.split("/").length != 2) {
			problems.put("subject", "'" + subject + "' is not " + (type.equals("stock-level") ? "warehouse/product" : "store/product"));
		}
		if (type.equals("policy")) {
			if (!POLICIES.contains(subject)) {
				problems.put("subject", "'" + subject + "' is not one of co2-cap, carbon-price, fill-rate");
			}
			else if (subject.equals("fill-rate") && value > 1) {
				problems.put("value", value + " is not a fill rate within 0..1");
			}
		}
		if (type.equals("supplier-lead-time") && value != Math.rint(value)) {
			problems.put("value", value + " is not a whole number of periods");
		}
	}

	private static String text(Map<String, Object> in, String field, Map<String, String> problems) {
		Object v = in.get(field);
		if (v == null || v.toString().isBlank()) {
			problems.put(field, "is required");
			return null;
		}
		if (!(v instanceof String s)) {
			problems.put(field, "'" + v + "' is not text");
			return null;
		}
		if (s.length() > 200) {
			problems.put(field, "is longer than 200 characters");
			return null;
		}
		return s;
	}

	/** An event that does not hold together: the problems per field. */
	public static class InvalidEventException extends RuntimeException implements ClientError {

		private final Map<String, String> problems;

		public InvalidEventException(Map<String, String> problems) {
			super("invalid event: " + describe(problems));
			this.problems = Map.copyOf(problems);
		}

		public Map<String, String> problems() {
			return problems;
		}

		@Override
		public int status() {
			return 400;
		}

		@Override
		public ApiError body() {
			return new ApiError("invalid event", problems);
		}

		static String describe(Map<String, String> problems) {
			List<String> parts = new ArrayList<>();
			problems.forEach((f, p) -> parts.add(f + " " + p));
			return String.join("; ", parts);
		}
	}
}
