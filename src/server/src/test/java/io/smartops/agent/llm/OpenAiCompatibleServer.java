package io.smartops.agent.llm;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free local port that speaks the OpenAI chat-completions protocol
 * ({@code POST /v1/chat/completions}) and answers from a script: a JSON answer, a malformed one,
 * HTTP 429, or no answer within the client's timeout. It records every request body.
 */
public final class OpenAiCompatibleServer implements AutoCloseable {

	public sealed interface Reply permits Answer, Refuse, Stall, CallTool {
	}

	/** 200 asking the client to call a tool with these arguments (JSON) first. */
	public record CallTool(String name, String arguments) implements Reply {
	}

	/** 200 with this assistant content and token usage. */
	public record Answer(String content, int promptTokens, int completionTokens) implements Reply {
	}

	/** An error status, e.g. 429 Too Many Requests. */
	public record Refuse(int status) implements Reply {
	}

	/** Answers only after this long (past the client's timeout). */
	public record Stall(long millis) implements Reply {
	}

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpServer server;
	private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
	final List<String> requests = new CopyOnWriteArrayList<>();

	public OpenAiCompatibleServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/v1/chat/completions", this::handle);
		server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		server.start();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	public OpenAiCompatibleServer then(Reply... replies) {
		script.addAll(List.of(replies));
		return this;
	}

	private void handle(HttpExchange exchange) throws IOException {
		requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		Reply reply = script.poll();
		if (reply == null) {
			reply = new Refuse(500);
		}
		if (reply instanceof Answer a) {
			send(exchange, 200, completion(a));
		}
		else if (reply instanceof CallTool t) {
			send(exchange, 200, toolCall(t));
		}
		else if (reply instanceof Refuse r) {
			send(exchange, r.status(), "{\"error\":{\"message\":\"scripted " + r.status() + "\",\"type\":\"rate_limit\"}}");
		}
		else if (reply instanceof Stall s) {
			try {
				Thread.sleep(s.millis());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			send(exchange, 200, completion(new Answer("{}", 1, 1)));
		}
	}

	private static String completion(Answer a) throws IOException {
		ObjectNode root = JSON.createObjectNode();
		root.put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 1_700_000_000L).put("model", "test-model");
		ObjectNode choice = root.putArray("choices").addObject();
		choice.put("index", 0).put("finish_reason", "stop");
		choice.putObject("message").put("role", "assistant").put("content", a.content());
		root.putObject("usage")
			.put("prompt_tokens", a.promptTokens())
			.put("completion_tokens", a.completionTokens())
			.put("total_tokens", a.promptTokens() + a.completionTokens());
		return JSON.writeValueAsString(root);
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
