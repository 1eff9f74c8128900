package io.smartops.agent.llm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is screened on the way to a model and back, plain and engine-free.
 * <ul>
 * <li><b>Redaction</b> before a prompt leaves: e-mail addresses, IBANs (mod-97 checked), card
 * numbers (Luhn checked) and phone numbers (8 to 15 digits, international or grouped) become
 * {@code [EMAIL]}, {@code [IBAN]}, {@code [CARD]}, {@code [PHONE]}; configured patterns become
 * {@code [NAME]}. Each is counted.</li>
 * <li><b>Injection screening</b> of the process variables a prompt is made of: instructions to
 * ignore or replace the prompt's, role switches, chat-template role markers, requests to reveal
 * the prompt, tool or function calls and exfiltration requests written into data, and orders
 * about the answer itself. A variable is data; any of these in it is an attack.</li>
 * <li><b>Output screening</b> (besides the schema and semantic checks of the agent): phrases on
 * the deny lists, personal data in the output (inputs are redacted, so any is leaked or made up),
 * and injection text carried into the output (it would reach the next agent's prompt).</li>
 * </ul>
 */
public final class LlmGuardrails {

	/** A text with personal data replaced, and how many of each kind. */
	public record Redacted(String text, Map<String, Integer> counts) {

		public int total() {
			return counts.values().stream().mapToInt(Integer::intValue).sum();
		}
	}

	/** A guardrail that fired: its kind ({@code INJECTION}, {@code OUTPUT_DENIED}, {@code OUTPUT_LEAK}), its rule, where. */
	public record Breach(String kind, String rule, String where) {

		@Override
		public String toString() {
			return kind + " (" + rule + ") in " + where;
		}
	}

	private record Detector(String name, Pattern pattern, Predicate<String> valid, String replacement) {
	}

	private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

	private static final List<Detector> PERSONAL_DATA = List.of(
			new Detector("iban", Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b"),
					LlmGuardrails::ibanChecksum, "[IBAN]"),
			new Detector("card", Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])"), LlmGuardrails::luhn,
					"[CARD]"),
			new Detector("email", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"), s -> true, "[EMAIL]"),
			new Detector("phone",
					Pattern.compile("(?:(?:\\+|\\b00)\\d{1,3}[ ./-]?(?:\\(\\d{1,5}\\)[ ./-]?)?\\d[\\d ./-]{5,}\\d"
							+ "|\\(\\d{2,5}\\)[ ./-]?\\d[\\d ./-]{4,}\\d|\\b\\d{3}[ .-]\\d{3}[ .-]\\d{4}\\b)"),
					LlmGuardrails::phoneDigits, "[PHONE]"));

	private static final Map<String, Pattern> INJECTION = new LinkedHashMap<>();

	static {
		INJECTION.put("ignore-instructions", Pattern.compile("\\b(ignore|disregard|forget|override|bypass|skip)\\b[^.\\n]{0,40}?"
				+ "\\b(previous|prior|above|earlier|preceding|all|any|your|the|system|these|those)\\b[^.\\n]{0,30}?"
				+ "\\b(instructions?|prompts?|rules?|directions?|guidelines?|guardrails?|constraints?)\\b", FLAGS));
		INJECTION.put("new-instructions", Pattern.compile("\\b(new|updated|real|actual|hidden|secret|override)\\s+"
				+ "(instructions?|task|system prompt|orders?)\\s*[:\\-]", FLAGS));
		INJECTION.put("role-switch", Pattern.compile("\\b(you are now|from now on,? you|act as (a|an|the|my)\\b|pretend (to be|you are)"
				+ "|role-?play as|developer mode|do anything now|jailbreak|you are no longer)", FLAGS));
		INJECTION.put("role-marker", Pattern.compile("((^|\\n)\\s*(system|assistant|developer)\\s*:|<\\|?(im_start|im_end|system"
				+ "|endoftext)\\|?>|\\[/?(INST|SYS)\\]|<</?SYS>>|###\\s*(instruction|system))", FLAGS));
		INJECTION.put("prompt-leak", Pattern.compile("\\b(reveal|print|show|repeat|output|tell me|disclose|leak)\\b[^.\\n]{0,30}?"
				+ "\\b(system prompt|your (instructions|prompt|rules)|the prompt (above|before)|hidden prompt|initial prompt)", FLAGS));
		INJECTION.put("tool-call", Pattern.compile("(\\b(call|invoke|execute|trigger)\\b[^.\\n]{0,20}?\\b(tool|function|webhook)s?\\b"
				+ "|\"(tool_calls?|function_call|tool_use)\"\\s*:)", FLAGS));
		INJECTION.put("exfiltration", Pattern.compile("\\b(send|post|forward|e-?mail|upload|transmit)\\b[^.\\n]{0,60}?"
				+ "\\b(to|at)\\s+(https?://\\S+|\\S+@\\S+\\.\\w+|\\[EMAIL\\])", FLAGS));
		INJECTION.put("answer-override", Pattern.compile("\\b(respond|reply|answer|output|return|say)\\b[^.\\n]{0,20}?\\bonly\\b"
				+ "[^.\\n]{0,20}?[\"'“]|\\bset (the |your )?(score|confidence|lead ?score|rating|verdict)\\s+to\\b", FLAGS));
	}

	private final List<Detector> redactions;
	private final Map<String, Pattern> injections;
	private final List<String> denyOutput;

	public LlmGuardrails(LlmProperties.Guardrails config) {
		List<Detector> all = new ArrayList<>(PERSONAL_DATA);
		config.redact().forEach((name, regex) -> all.add(new Detector(name, Pattern.compile(regex), s -> true,
				"[" + name.toUpperCase(Locale.ROOT) + "]")));
		this.redactions = List.copyOf(all);
		Map<String, Pattern> patterns = new LinkedHashMap<>(INJECTION);
		config.injection().forEach((name, regex) -> patterns.put(name, Pattern.compile(regex, FLAGS)));
		this.injections = patterns;
		this.denyOutput = config.denyOutput();
	}

	/** The built-in guardrails only. */
	public static LlmGuardrails defaults() {
		return new LlmGuardrails(new LlmProperties.Guardrails(Map.of(), Map.of(), List.of()));
	}

	/** The text with every piece of personal data replaced. */
	public Redacted redact(String text) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		String result = text;
		for (Detector d : redactions) {
			Matcher m = d.pattern().matcher(result);
			StringBuilder out = new StringBuilder();
			int n = 0;
			while (m.find()) {
				if (d.valid().test(m.group())) {
					m.appendReplacement(out, Matcher.quoteReplacement(d.replacement()));
					n++;
				}
				else {
					m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
				}
			}
			m.appendTail(out);
			result = out.toString();
			if (n > 0) {
				counts.merge(d.name(), n, Integer::sum);
			}
		}
		return new Redacted(result, counts);
	}

	/** The first injection found in one process variable's value, if any. */
	public Optional<Breach> injection(String variable, String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		for (Map.Entry<String, Pattern> e : injections.entrySet()) {
			if (e.getValue().matcher(value).find()) {
				return Optional.of(new Breach("INJECTION", e.getKey(), "input " + variable));
			}
		}
		return Optional.empty();
	}

	/** What is wrong with an output's text, if anything: a denied phrase, personal data, injection text. */
	public Optional<Breach> output(String field, String text, List<String> agentDenyList) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		String lower = text.toLowerCase(Locale.ROOT);
		for (List<String> list : List.of(denyOutput, agentDenyList)) {
			for (String phrase : list) {
				if (lower.contains(phrase.toLowerCase(Locale.ROOT))) {
					return Optional.of(new Breach("OUTPUT_DENIED", "deny list: \"" + phrase + "\"", "output " + field));
				}
			}
		}
		Redacted personal = redact(text);
		if (personal.total() > 0) {
			return Optional.of(new Breach("OUTPUT_LEAK", "personal data: " + String.join(", ", personal.counts().keySet()),
					"output " + field));
		}
		return injection(field, text).map(b -> new Breach("OUTPUT_INJECTION", b.rule(), "output " + field));
	}

	static boolean luhn(String number) {
		String digits = number.replaceAll("[^0-9]", "");
		if (digits.length() < 13 || digits.length() > 19) {
			return false;
		}
		int sum = 0;
		boolean twice = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int d = digits.charAt(i) - '0';
			if (twice) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			twice = !twice;
		}
		return sum % 10 == 0;
	}

	static boolean ibanChecksum(String iban) {
		String s = iban.replace(" ", "").toUpperCase(Locale.ROOT);
		if (s.length() < 15 || s.length() > 34) {
			return false;
		}
		String rearranged = s.substring(4) + s.substring(0, 4);
		StringBuilder digits = new StringBuilder();
		for (char c : rearranged.toCharArray()) {
			digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
		}
		return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
	}

	private static boolean phoneDigits(String s) {
		long digits = s.chars().filter(Character::isDigit).count();
		return digits >= 8 && digits <= 15;
	}
}
