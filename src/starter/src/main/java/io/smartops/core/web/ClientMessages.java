package io.smartops.core.web;

import java.util.regex.Pattern;

/**
 * A parser's or library's message made fit for a client: said in the API's own words, without the
 * names of the libraries, classes and switches behind it. Jackson, for one, tells a client that
 * sent {@code NaN} to "enable {@code JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}", and appends the
 * source location with {@code StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION}; neither means
 * anything to the client, and both say what the server runs on.
 */
public final class ClientMessages {

	/** A name of code: a package, a class with an exception's or a switch's suffix, a class's constant, a quoted identifier. */
	static final Pattern CODE_NAME = Pattern.compile("\\b(java|javax|jakarta|com|org|io|net)\\.[a-z]"
			+ "|\\b[A-Z][A-Za-z]*(Feature|Exception|Error|Factory|Mapper|Parser)\\b|`[^`]*`|\\b[A-Z][A-Za-z]+\\.[A-Z][A-Z_]+\\b");

	private ClientMessages() {
	}

	/** The message in words, or the fallback when nothing of it can be said without naming code. */
	public static String plain(String message, String fallback) {
		if (message == null || message.isBlank()) {
			return fallback;
		}
		String m = message.lines().findFirst().orElse("");
		if (m.contains("Non-standard token 'NaN'") || m.contains("'Infinity'") || m.contains("'-Infinity'")) {
			return "NaN and Infinity are not numbers in JSON: send a finite number";
		}
		if (m.contains("Unexpected character ('''")) {
			return "strings in JSON take double quotes, not single ones";
		}
		// what Jackson appends: the switch that would allow it, the location in a source it does not show
		m = m.replaceAll(":? *enable `[^`]*` to allow", "");
		m = m.replaceAll("\\s*at \\[Source: .*$", "");
		m = m.replaceAll("\\s*\\(for [A-Za-z]+ starting at [^)]*\\)", "");
		m = m.replaceAll("\\s*\\(code \\d+\\)", "");
		m = m.strip();
		if (m.isEmpty() || CODE_NAME.matcher(m).find()) {
			return fallback;
		}
		return m;
	}

	/** True when the text names code as {@link #plain} would not let through. */
	public static boolean namesCode(String text) {
		return text != null && CODE_NAME.matcher(text).find();
	}
}
