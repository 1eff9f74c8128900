package io.smartops.agent.llm;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free local port that speaks one provider's chat protocol and answers
 * from a script: an answer with its token usage (fresh, output, cached), a refusal, an error status
 * (429), a tool call (OpenAI), or no answer within the client's timeout. It records every request
 * body, so a test sees the prompt as it left. Protocols: OpenAI chat completions, Anthropic
 * Messages, Ollama's chat API, Azure OpenAI's deployments, Gemini's generateContent and Bedrock's
 * Converse.
 */
public final class FakeLlmServer implements AutoCloseable {

	public enum Protocol {
		OPENAI, ANTHROPIC, OLLAMA, AZURE_OPENAI, GOOGLE_GENAI, BEDROCK
	}

	public sealed interface Reply permits Answer, Refusal, Refuse, Stall, CallTool {
	}

	/** 200 with this assistant text and token usage. */
	public record Answer(String content, int inputTokens, int outputTokens, int cachedTokens) implements Reply {
		public Answer(String content, int inputTokens, int outputTokens) {
			this(content, inputTokens, outputTokens, 0);
		}
	}

	/** 200 with the provider's own form of a refusal (OpenAI's refusal field, Anthropic's stop reason; prose elsewhere). */
	public record Refusal(String text) implements Reply {
	}

	/** An error status, e.g. 429 Too Many Requests. */
	public record Refuse(int status) implements Reply {
	}

	/** Answers only after this long (past the client's timeout). */
	public record Stall(long millis) implements Reply {
	}

	/** OpenAI: 200 asking the client to call a tool with these arguments (JSON) first. */
	public record CallTool(String name, String arguments) implements Reply {
	}

	private static final ObjectMapper JSON = new ObjectMapper();

	static {
		// answer without Nagle's delay: headers and body are two writes, and a delayed acknowledgement would
		// hold every answer for 40 ms (read once, by the first JDK HTTP server of the JVM)
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private final Protocol protocol;
	private final HttpServer server;
	private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
	private volatile java.util.function.Function<String, Reply> responder = body -> new Refuse(500);
	public final List<String> requests = new CopyOnWriteArrayList<>();
	public final List<String> paths = new CopyOnWriteArrayList<>();

	public FakeLlmServer(Protocol protocol) throws IOException {
		this(protocol, 0);
	}

	public FakeLlmServer(Protocol protocol, int port) throws IOException {
		this.protocol = protocol;
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.createContext("/", this::handle);
		server.setExecutor(Executors.newCachedThreadPool());
		server.start();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Answers each request the script does not: from its body (a test server shared by many calls). */
	public FakeLlmServer respondWith(java.util.function.Function<String, Reply> responder) {
		this.responder = responder;
		return this;
	}

	public FakeLlmServer then(Reply... replies) {
		script.addAll(List.of(replies));
		return this;
	}

	private void handle(HttpExchange exchange) throws IOException {
		requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		paths.add(exchange.getRequestURI().toString());
		Reply reply = script.poll();
		if (reply == null) {
			reply = responder.apply(requests.get(requests.size() - 1));
		}
		if (reply instanceof Stall s) {
			try {
				Thread.sleep(s.millis());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			reply = new Answer("{}", 1, 1);
		}
		if (reply instanceof Refuse r) {
			send(exchange, r.status(), error(r.status()));
		}
		else if (reply instanceof CallTool t) {
			send(exchange, 200, toolCall(t));
		}
		else if (reply instanceof Refusal r) {
			send(exchange, 200, refusal(r.text()));
		}
		else {
			send(exchange, 200, answer((Answer) reply));
		}
	}

	private String error(int status) {
		return switch (protocol) {
			case ANTHROPIC -> "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"scripted " + status + "\"}}";
			case OLLAMA -> "{\"error\":\"scripted " + status + "\"}";
			case GOOGLE_GENAI -> "{\"error\":{\"code\":" + status + ",\"message\":\"scripted\",\"status\":\"RESOURCE_EXHAUSTED\"}}";
			case BEDROCK -> "{\"message\":\"scripted " + status + "\"}";
			default -> "{\"error\":{\"message\":\"scripted " + status + "\",\"type\":\"rate_limit\",\"code\":\"" + status + "\"}}";
		};
	}

	private String answer(Answer a) throws IOException {
		ObjectNode root = JSON.createObjectNode();
		switch (protocol) {
			case OPENAI, AZURE_OPENAI -> {
				root.put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 1_700_000_000L).put("model", "test-model");
				ObjectNode choice = root.putArray("choices").addObject();
				choice.put("index", 0).put("finish_reason", "stop");
				choice.putObject("message").put("role", "assistant").put("content", a.content());
				ObjectNode usage = root.putObject("usage")
					.put("prompt_tokens", a.inputTokens() + a.cachedTokens())
					.put("completion_tokens", a.outputTokens())
					.put("total_tokens", a.inputTokens() + a.cachedTokens() + a.outputTokens());
				usage.putObject("prompt_tokens_details").put("cached_tokens", a.cachedTokens());
			}
			case ANTHROPIC -> {
				root.put("id", "msg_test").put("type", "message").put("role", "assistant").put("model", "test-model");
				root.putArray("content").addObject().put("type", "text").put("text", a.content());
				root.put("stop_reason", "end_turn");
				root.putObject("usage")
					.put("input_tokens", a.inputTokens())
					.put("output_tokens", a.outputTokens())
					.put("cache_read_input_tokens", a.cachedTokens())
					.put("cache_creation_input_tokens", 0);
			}
			case OLLAMA -> {
				root.put("model", "test-model").put("created_at", "2026-12-07T10:00:00Z");
				root.putObject("message").put("role", "assistant").put("content", a.content());
				root.put("done", true).put("done_reason", "stop");
				root.put("prompt_eval_count", a.inputTokens()).put("eval_count", a.outputTokens());
			}
			case GOOGLE_GENAI -> {
				ObjectNode candidate = root.putArray("candidates").addObject();
				candidate.putObject("content").put("role", "model").putArray("parts").addObject().put("text", a.content());
				candidate.put("finishReason", "STOP").put("index", 0);
				root.putObject("usageMetadata")
					.put("promptTokenCount", a.inputTokens() + a.cachedTokens())
					.put("candidatesTokenCount", a.outputTokens())
					.put("cachedContentTokenCount", a.cachedTokens())
					.put("totalTokenCount", a.inputTokens() + a.cachedTokens() + a.outputTokens());
				root.put("modelVersion", "test-model");
			}
			case BEDROCK -> {
				root.putObject("output").putObject("message").put("role", "assistant").putArray("content").addObject()
					.put("text", a.content());
				root.put("stopReason", "end_turn");
				root.putObject("usage")
					.put("inputTokens", a.inputTokens())
					.put("outputTokens", a.outputTokens())
					.put("totalTokens", a.inputTokens() + a.outputTokens() + a.cachedTokens())
					.put("cacheReadInputTokens", a.cachedTokens());
				root.putObject("metrics").put("latencyMs", 12);
			}
		}
		return JSON.writeValueAsString(root);
	}

	private String refusal(String text) throws IOException {
		if (protocol == Protocol.OPENAI) {
			ObjectNode root = JSON.createObjectNode();
			root.put("id", "chatcmpl-refusal").put("object", "chat.completion").put("created", 1_700_000_000L).put("model", "test-model");
			ObjectNode choice = root.putArray("choices").addObject();
			choice.put("index", 0).put("finish_reason", "stop");
			choice.putObject("message").put("role", "assistant").putNull("content").put("refusal", text);
			root.putObject("usage").put("prompt_tokens", 40).put("completion_tokens", 5).put("total_tokens", 45);
			return JSON.writeValueAsString(root);
		}
		if (protocol == Protocol.ANTHROPIC) {
			ObjectNode root = JSON.createObjectNode();
			root.put("id", "msg_refusal").put("type", "message").put("role", "assistant").put("model", "test-model");
			root.putArray("content").addObject().put("type", "text").put("text", text);
			root.put("stop_reason", "refusal");
			root.putObject("usage").put("input_tokens", 40).put("output_tokens", 5);
			return JSON.writeValueAsString(root);
		}
		return answer(new Answer(text, 40, 5));
	}

	private static String toolCall(CallTool t) throws IOException {
		ObjectNode root = JSON.createObjectNode();
		root.put("id", "chatcmpl-tool").put("object", "chat.completion").put("created", 1_700_000_000L).put("model", "test-model");
		ObjectNode choice = root.putArray("choices").addObject();
		choice.put("index", 0).put("finish_reason", "tool_calls");
		ObjectNode message = choice.putObject("message").put("role", "assistant");
		message.putNull("content");
		ObjectNode call = message.putArray("tool_calls").addObject().put("id", "call-" + System.nanoTime()).put("type", "function");
		call.putObject("function").put("name", t.name()).put("arguments", t.arguments());
		root.putObject("usage").put("prompt_tokens", 30).put("completion_tokens", 10).put("total_tokens", 40);
		return JSON.writeValueAsString(root);
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		try {
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		catch (IOException closedByClient) {
			// the client gave up (timeout): nothing to answer
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
