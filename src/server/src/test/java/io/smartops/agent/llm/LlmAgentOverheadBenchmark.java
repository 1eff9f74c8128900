package io.smartops.agent.llm;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;

import io.smartops.agent.AgentOutput;
import io.smartops.agent.llm.FakeLlmServer.Answer;

/**
 * What a declared LLM agent adds to a model call (docs/benchmarks.md): the shipped proposal writer
 * against a local server speaking OpenAI's protocol that answers at once, side by side with the
 * same prompt sent through Spring AI's ChatClient alone and its JSON read by Jackson (the
 * baseline). The difference is Smart Ops' part of every call: injection screening, redaction,
 * the prompt's rendering, the schema in the request, schema validation, checks and output
 * screening. Also times the guardrails alone on a lead's five inputs.
 * Usage: .ci/benchmarks/llm.sh [CALLS]
 */
public final class LlmAgentOverheadBenchmark {

	public static void main(String[] args) throws Exception {
		int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
		ObjectMapper json = new ObjectMapper();
		try (FakeLlmServer server = new FakeLlmServer(FakeLlmServer.Protocol.OPENAI)) {
			server.respondWith(body -> new Answer(LlmAgentFixtures.GOOD_PROPOSAL, 120, 80, 0));
			DeclaredLlmAgent agent = LlmAgentFixtures.proposalWriter(LlmProvider.OPENAI, server.baseUrl(), Duration.ofSeconds(10));
			LlmConnections.Connected plain = LlmAgentFixtures.connections(
					Map.of("test", LlmAgentFixtures.connection(LlmProvider.OPENAI, server.baseUrl())), Duration.ofSeconds(10))
				.connect("test");
			ChatClient chat = plain.chat();
			String prompt = "You are a salesperson. Write a first proposal to Hank of Globex Corporation (Manufacturing, 5000"
					+ " employees, team EMEA-ENT). Answer with JSON: proposal, confidence.";
			Map<String, Object> lead = LlmAgentFixtures.lead();
			Runnable baseline = () -> {
				ChatResponse r = chat.prompt()
					.options(plain.provider().options("test-model", 0.2, 800, null))
					.user(prompt)
					.call()
					.chatResponse();
				try {
					json.readTree(r.getResult().getOutput().getText());
				}
				catch (Exception e) {
					throw new IllegalStateException(e);
				}
			};
			Runnable declared = () -> {
				try {
					AgentOutput out = agent.handle(lead);
					if (out.usage().fallbackAgentId() != null) {
						throw new IllegalStateException("the model's answer was not used");
					}
				}
				catch (Exception e) {
					throw new IllegalStateException(e);
				}
			};
			System.out.printf(Locale.ROOT, "declared LLM agent against Spring AI alone, %d calls each, local OpenAI-protocol server%n",
					calls);
			time("warm-up", baseline, 300);
			time("warm-up", declared, 300);
			double[] b = { Double.MAX_VALUE, 0, Double.MAX_VALUE };
			double[] d = { Double.MAX_VALUE, 0, Double.MAX_VALUE };
			for (int round = 1; round <= 3; round++) {
				// alternating rounds, the best of each side: the machine's drift falls on both
				b = best(b, time("round " + round + ": Spring AI ChatClient + Jackson (baseline)", baseline, calls));
				d = best(d, time("round " + round + ": declared agent (screen, redact, render, validate)", declared, calls));
			}
			System.out.printf(Locale.ROOT, "best of 3: baseline p50 %.3f ms, declared p50 %.3f ms; ratio declared / baseline:"
					+ " p50 %.2f, mean %.2f; added per call: p50 %.3f ms%n", b[0], d[0], d[0] / b[0], d[2] / b[2], d[0] - b[0]);
			LlmGuardrails guardrails = LlmGuardrails.defaults();
			Runnable screen = () -> lead.forEach((k, v) -> {
				guardrails.injection(k, String.valueOf(v));
				guardrails.redact(String.valueOf(v));
			});
			time("warm-up", screen, 20_000);
			double[] g = time("guardrails alone: a lead's inputs screened and redacted", screen, 100_000);
			System.out.printf(Locale.ROOT, "guardrails: %.1f µs per call (p50)%n", g[0] * 1000);
		}
	}

	static double[] best(double[] a, double[] b) {
		return new double[] { Math.min(a[0], b[0]), Math.min(a[1] == 0 ? Double.MAX_VALUE : a[1], b[1]), Math.min(a[2], b[2]) };
	}

	/** p50, p95 and mean in milliseconds. */
	static double[] time(String label, Runnable call, int n) {
		double[] ms = new double[n];
		for (int i = 0; i < n; i++) {
			long start = System.nanoTime();
			call.run();
			ms[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(ms);
		double mean = Arrays.stream(ms).average().orElse(0);
		double[] r = { ms[n / 2], ms[(int) Math.ceil(0.95 * n) - 1], mean };
		if (!label.equals("warm-up")) {
			System.out.printf(Locale.ROOT, "%-68s p50 %.3f ms  p95 %.3f ms  mean %.3f ms%n", label, r[0], r[1], r[2]);
		}
		return r;
	}
}
