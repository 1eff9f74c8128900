package io.smartops.coordinate;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.smartops.core.web.Fields;

/**
 * The sphere of optionality of one coordinator run: how far back the forecast looks and how far
 * ahead the plan reaches (time), which functions plan together (cross-functionality; a function
 * left out plans alone, as in the siloed baseline), and whether external feeds take part (spot
 * supplier offers, third-party carriers, market prices) or internal data only.
 */
public record Scope(int historyMonths, int horizon, Set<Function> functions, boolean external) {

	public enum Function {
		PRICING, PROCUREMENT, LOGISTICS;

		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	public static final int MIN_HISTORY = 3;
	public static final int MAX_HISTORY = 36;
	public static final int MAX_HORIZON = 12;

	public Scope {
		functions = functions.isEmpty() ? EnumSet.noneOf(Function.class) : EnumSet.copyOf(functions);
	}

	/** The fields of a scope as a request names them. */
	public static final List<String> FIELDS = List.of("historyMonths", "horizon", "functions", "external");

	public static Scope widest(int horizon) {
		return new Scope(MAX_HISTORY, horizon, EnumSet.allOf(Function.class), true);
	}

	public boolean includes(Function f) {
		return functions.contains(f);
	}

	/**
	 * Reads a scope from a request or process variables, each absent field from the defaults;
	 * throws {@link IllegalArgumentException} naming every bad field.
	 */
	public static Scope from(Map<String, Object> in, Scope defaults) {
		List<String> problems = new ArrayList<>();
		int history = integer(in, "historyMonths", defaults.historyMonths(), MIN_HISTORY, MAX_HISTORY, problems);
		int horizon = integer(in, "horizon", defaults.horizon(), 1, MAX_HORIZON, problems);
		Set<Function> functions = defaults.functions();
		Object f = in.get("functions");
		if (f != null) {
			functions = EnumSet.noneOf(Function.class);
			List<?> list = f instanceof List<?> l ? l : List.of(String.valueOf(f).split(","));
			for (Object name : list) {
				String s = String.valueOf(name).trim();
				try {
					functions.add(Function.valueOf(s.toUpperCase(Locale.ROOT)));
				}
				catch (IllegalArgumentException e) {
					problems.add("scope.functions: '" + shown(s) + "' is not one of pricing, procurement, logistics");
				}
			}
		}
		boolean external = defaults.external();
		Object e = in.get("external");
		if (e instanceof Boolean b) {
			external = b;
		}
		else if (e != null) {
			problems.add("scope.external: " + shown(e) + " is not true or false");
		}
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(String.join("; ", problems));
		}
		return new Scope(history, horizon, functions, external);
	}

	/** A value as an error message quotes it: at most 60 characters. */
	private static String shown(Object value) {
		return Fields.cut(String.valueOf(value), 60);
	}

	private static int integer(Map<String, Object> in, String field, int fallback, int min, int max, List<String> problems) {
		Object v = in.get(field);
		if (v == null) {
			return fallback;
		}
		if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
			problems.add("scope." + field + ": " + shown(v) + " is not a whole number");
			return fallback;
		}
		if (n.intValue() < min || n.intValue() > max) {
			problems.add("scope." + field + ": " + n.intValue() + " is outside " + min + ".." + max);
			return fallback;
		}
		return n.intValue();
	}

	/** A short label for charts and logs: {@code 36m/3p pricing+procurement+logistics external}. */
	public String label() {
		return historyMonths + "m/" + horizon + "p " + String.join("+", functions.stream().map(Function::id).toList())
				+ (external ? " external" : " internal");
	}

	public Map<String, Object> toMap() {
		return Map.of("historyMonths", historyMonths, "horizon", horizon, "functions",
				functions.stream().map(Function::id).toList(), "external", external);
	}
}
