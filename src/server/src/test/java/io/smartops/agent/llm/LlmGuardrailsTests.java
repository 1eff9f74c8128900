package io.smartops.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The guardrails against a suite of injection and leakage cases, each with its expected verdict
 * ({@code guardrail-cases.csv}: 23 attacks hidden in process variables, 8 harmless texts that look
 * like them, 5 outputs that leak or carry injection, a denied phrase and 4 harmless outputs), and
 * the redaction of personal data before a prompt leaves.
 */
class LlmGuardrailsTests {

	static final LlmGuardrails GUARDRAILS = new LlmGuardrails(
			new LlmProperties.Guardrails(Map.of(), Map.of(), List.of("guarantee a 50%")));

	@ParameterizedTest(name = "{0} {1}: {3}")
	@CsvFileSource(resources = "guardrail-cases.csv", delimiter = '|')
	void eachCaseGetsItsExpectedVerdict(String screen, String where, String text, String expected) {
		String value = text.replace("\\n", "\n");
		Optional<LlmGuardrails.Breach> breach = screen.equals("input") ? GUARDRAILS.injection(where, value)
				: GUARDRAILS.output(where, value, List.of());
		if (expected.equals("PASS")) {
			assertThat(breach).as("harmless: %s", value).isEmpty();
		}
		else {
			assertThat(breach).as("caught: %s", value).isPresent();
			assertThat(screen.equals("input") ? breach.get().rule() : breach.get().kind()).isEqualTo(expected);
		}
	}

	@Test
	void personalDataIsRedactedAndCountedByKind() {
		LlmGuardrails.Redacted r = GUARDRAILS.redact("Hank <hank@globex.example>, +1 (555) 010-9999, IBAN GB82 WEST 1234 5698"
				+ " 7654 32, card 5500 0000 0000 0004, 5000 employees, since 2026-12-07");
		assertThat(r.text()).isEqualTo("Hank <[EMAIL]>, [PHONE], IBAN [IBAN], card [CARD], 5000 employees, since 2026-12-07");
		assertThat(r.counts()).containsEntry("email", 1).containsEntry("phone", 1).containsEntry("iban", 1)
			.containsEntry("card", 1);
		assertThat(r.total()).isEqualTo(4);
	}

	@Test
	void configuredPatternsRedactAndDetectToo() {
		LlmGuardrails custom = new LlmGuardrails(new LlmProperties.Guardrails(Map.of("customer-id", "CUST-\\d{6}"),
				Map.of("bribe", "\\bbribe\\b"), List.of()));
		assertThat(custom.redact("ask about CUST-004211").text()).isEqualTo("ask about [CUSTOMER-ID]");
		assertThat(custom.injection("notes", "a small bribe helps")).get().extracting(LlmGuardrails.Breach::rule)
			.isEqualTo("bribe");
	}

	@Test
	void anAgentsOwnDenyListScreensItsOutputs() {
		assertThat(GUARDRAILS.output("proposal", "Free of charge forever", List.of("free of charge"))).get()
			.extracting(LlmGuardrails.Breach::kind)
			.isEqualTo("OUTPUT_DENIED");
	}
}
