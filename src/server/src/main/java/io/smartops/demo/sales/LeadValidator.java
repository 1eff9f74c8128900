package io.smartops.demo.sales;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates and normalizes raw lead fields (from REST, a message or a corrected form). Plain
 * code, no engine: the intake API and the process's validation step share it.
 */
public final class LeadValidator {

	/** Field name → what is wrong with it; empty when the lead is valid. */
	public record Result(Lead lead, Map<String, String> errors) {
		public boolean valid() {
			return errors.isEmpty();
		}
	}

	private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+'-]+@([A-Za-z0-9-]+\\.)+[A-Za-z]{2,}$");
	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
	private static final Set<String> AMERICAS = Set.of("US", "CA", "MX", "BR", "AR", "CL", "CO", "PE", "UY", "PY", "BO",
			"EC", "VE", "CR", "PA", "GT", "DO", "PR", "JM", "TT");
	private static final Set<String> APAC = Set.of("JP", "CN", "IN", "AU", "NZ", "SG", "KR", "HK", "TW", "MY", "TH",
			"ID", "PH", "VN", "BD", "PK", "LK");
	private static final Set<String> EMEA_EXTRA = Set.of("GB", "CH", "NO", "IS", "TR", "IL", "AE", "SA", "QA", "ZA",
			"EG", "MA", "NG", "KE", "UA", "RS");
	private static final Set<String> EU = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
			"HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");
	private static final Set<String> SOURCES = Set.of("web", "referral", "event", "partner", "outbound", "email");

	public Result validate(Map<String, ?> raw) {
		Map<String, String> errors = new LinkedHashMap<>();
		String company = text(raw, SalesProcess.VAR_COMPANY_NAME, true, 2, 200, errors);
		String contact = text(raw, SalesProcess.VAR_CONTACT_NAME, true, 1, 200, errors);
		String email = text(raw, SalesProcess.VAR_EMAIL, true, 3, 254, errors);
		if (email != null) {
			email = email.toLowerCase(Locale.ROOT);
			if (!EMAIL.matcher(email).matches()) {
				errors.put(SalesProcess.VAR_EMAIL, "\"" + email + "\" is not an e-mail address");
			}
		}
		String country = text(raw, SalesProcess.VAR_COUNTRY, true, 2, 2, errors);
		if (country != null) {
			country = country.toUpperCase(Locale.ROOT);
			if (!COUNTRIES.contains(country)) {
				errors.put(SalesProcess.VAR_COUNTRY, "\"" + country + "\" is not an ISO 3166 country code");
			}
		}
		Integer employees = employees(raw.get(SalesProcess.VAR_EMPLOYEES), errors);
		String source = text(raw, SalesProcess.VAR_SOURCE, false, 1, 50, errors);
		if (source != null) {
			source = source.toLowerCase(Locale.ROOT);
			if (!SOURCES.contains(source)) {
				errors.put(SalesProcess.VAR_SOURCE, "\"" + source + "\" is not one of " + String.join(", ", SOURCES.stream().sorted().toList()));
			}
		}
		String message = text(raw, SalesProcess.VAR_MESSAGE, false, 0, 4000, errors);
		for (String field : raw.keySet()) {
			if (!FIELDS.contains(field)) {
				errors.put(field, "unknown field");
			}
		}
		if (!errors.isEmpty()) {
			return new Result(null, errors);
		}
		String domain = email.substring(email.indexOf('@') + 1);
		return new Result(new Lead(company.replaceAll("\\s+", " "), contact.replaceAll("\\s+", " "), email, country,
				employees, source, message, domain, region(country)), errors);
	}

	/** The fields a lead may have, as received from REST, a message or a corrected form. */
	public static final List<String> FIELDS = List.of(SalesProcess.VAR_COMPANY_NAME, SalesProcess.VAR_CONTACT_NAME,
			SalesProcess.VAR_EMAIL, SalesProcess.VAR_COUNTRY, SalesProcess.VAR_EMPLOYEES, SalesProcess.VAR_SOURCE,
			SalesProcess.VAR_MESSAGE);

	/** Each field as the lead's form labels it, for the problems a person fixes. */
	public static final Map<String, String> LABELS = Map.of(SalesProcess.VAR_COMPANY_NAME, "Company",
			SalesProcess.VAR_CONTACT_NAME, "Contact", SalesProcess.VAR_EMAIL, "E-mail", SalesProcess.VAR_COUNTRY, "Country",
			SalesProcess.VAR_EMPLOYEES, "Employees", SalesProcess.VAR_SOURCE, "Source", SalesProcess.VAR_MESSAGE, "Message");

	/** The problems as a person reads them: one line each, the field by its label. */
	public static String describe(Map<String, String> errors) {
		return errors.entrySet().stream().map(e -> LABELS.getOrDefault(e.getKey(), e.getKey()) + ": " + e.getValue())
			.reduce((a, b) -> a + "\n" + b).orElse("");
	}

	/** EMEA, AMERICAS, APAC, or OTHER; territory.dmn decides on it. */
	static String region(String country) {
		if (AMERICAS.contains(country)) {
			return "AMERICAS";
		}
		if (APAC.contains(country)) {
			return "APAC";
		}
		if (EU.contains(country) || EMEA_EXTRA.contains(country)) {
			return "EMEA";
		}
		return "OTHER";
	}

	private static String text(Map<String, ?> raw, String field, boolean required, int min, int max,
			Map<String, String> errors) {
		Object v = raw.get(field);
		if (v == null || (v instanceof String s && s.isBlank())) {
			if (required) {
				errors.put(field, "is required");
			}
			return null;
		}
		if (!(v instanceof String s)) {
			errors.put(field, v + " is not text");
			return null;
		}
		String t = s.strip();
		if (t.length() < min || t.length() > max) {
			errors.put(field, min == max ? "must have " + min + " characters" : "must have " + min + " to " + max + " characters");
			return null;
		}
		return t;
	}

	private static Integer employees(Object v, Map<String, String> errors) {
		if (v == null || (v instanceof String s && s.isBlank())) {
			return null;
		}
		long n;
		if (v instanceof Integer || v instanceof Long || v instanceof Short) {
			n = ((Number) v).longValue();
		}
		else if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
			n = (long) num.doubleValue();
		}
		else {
			errors.put(SalesProcess.VAR_EMPLOYEES, v + " is not a whole number");
			return null;
		}
		if (n < 1 || n > 10_000_000) {
			errors.put(SalesProcess.VAR_EMPLOYEES, n + " is outside 1..10000000");
			return null;
		}
		return (int) n;
	}
}
