package io.smartops.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a Camunda Form shows a person for a task's variables, as Tasklist renders it (the text
 * components with their {@code {{variable}}} templates filled in, each field's label and value),
 * and what in it is not in the business's words: a camelCase key, a raw id, an optimizer's row
 * name, an unformatted number.
 */
public final class FormWording {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** A word written as code: {@code committedRevenue}. */
	static final Pattern CAMEL_CASE = Pattern.compile("\\b[a-z]+[A-Z][A-Za-z]*\\b");

	/** An engine or database id: a UUID. */
	static final Pattern RAW_ID = Pattern.compile("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");

	/** An optimizer row: {@code carrier-capacity[3PL-A,1]}. */
	static final Pattern MODEL_ROW = Pattern.compile("\\b[a-z][a-z0-9]*(-[a-z0-9]+)*\\[[^\\]]*\\]");

	/** A number of 10,000 or more without thousands separators, or with more than two decimals. */
	static final Pattern UNFORMATTED = Pattern.compile("(?<![\\w.,])(\\d{5,}(\\.\\d+)?|\\d+\\.\\d{3,})(?![\\w.,])");

	private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

	private FormWording() {
	}

	/** The form as a person reads it with these variables. */
	public static String shown(String formJson, Map<String, Object> variables) throws IOException {
		StringBuilder shown = new StringBuilder();
		render(JSON.readTree(formJson).path("components"), variables, shown);
		return shown.toString();
	}

	/** The form deployed from {@code forms/NAME.form}. */
	public static String form(String name) throws IOException {
		try (InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("forms", name + ".form"))) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	/**
	 * Fails when the form, shown with a real task's variables, has anything not in the business's
	 * words; {@code FormWordingTests} checks that a test of each form's process calls this.
	 */
	public static String assertInWords(String form, Map<String, Object> variables) {
		try {
			String shown = shown(form(form), variables);
			List<String> problems = problems(shown);
			if (!problems.isEmpty()) {
				throw new AssertionError("form " + form + " shows a person " + problems + "\n--- shown ---\n" + shown);
			}
			return shown;
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** Each passage not in the business's words, with what it is. */
	public static List<String> problems(String shown) {
		List<String> problems = new ArrayList<>();
		find(CAMEL_CASE, shown, "a key written as code", problems);
		find(RAW_ID, shown, "a raw id", problems);
		find(MODEL_ROW, shown, "an optimizer's row name", problems);
		find(UNFORMATTED, shown, "an unformatted number", problems);
		return problems;
	}

	private static void render(JsonNode components, Map<String, Object> variables, StringBuilder shown) {
		for (JsonNode c : components) {
			String type = c.path("type").asText();
			if (c.has("label")) {
				shown.append(c.path("label").asText()).append('\n');
			}
			if (type.equals("text") || type.equals("html")) {
				String text = c.has("text") ? c.path("text").asText() : c.path("content").asText();
				Matcher m = TEMPLATE.matcher(text);
				StringBuilder filled = new StringBuilder();
				while (m.find()) {
					Object value = variables.get(m.group(1));
					m.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : value.toString()));
				}
				m.appendTail(filled);
				// a Markdown link shows its text; its address is not read
				shown.append(filled.toString().replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")).append('\n');
			}
			else if (c.has("key") && !type.equals("checkbox") && variables.get(c.path("key").asText()) != null) {
				shown.append(variables.get(c.path("key").asText())).append('\n');
			}
			if (c.has("components")) {
				render(c.path("components"), variables, shown);
			}
		}
	}

	private static void find(Pattern pattern, String text, String what, List<String> problems) {
		Matcher m = pattern.matcher(text);
		while (m.find()) {
			int from = Math.max(0, m.start() - 30);
			int to = Math.min(text.length(), m.end() + 30);
			problems.add(what + ": \"" + m.group() + "\" in \"…" + text.substring(from, to).replace('\n', ' ') + "…\"");
		}
	}
}
