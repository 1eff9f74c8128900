package io.smartops.agent.mcp;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * One MCP session per server (the MCP Java SDK's client over Streamable HTTP), opened at the first
 * call and shared by the agents that call that server's tools. A call that fails drops the session,
 * so the next call opens a fresh one (a restarted server, an expired session).
 */
public final class McpToolClients implements AutoCloseable {

	private final Duration timeout;
	private final Map<String, McpSyncClient> sessions = new ConcurrentHashMap<>();

	public McpToolClients(Duration timeout) {
		this.timeout = timeout;
	}

	public McpSchema.CallToolResult call(String serverUrl, String tool, Map<String, Object> arguments) {
		McpSyncClient client = session(serverUrl);
		try {
			return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
		}
		catch (RuntimeException e) {
			drop(serverUrl, client);
			throw e;
		}
	}

	/** The open session with a server (the LLM agents list and call its tools through it). */
	public McpSyncClient session(String serverUrl) {
		return sessions.computeIfAbsent(serverUrl, this::open);
	}

	private McpSyncClient open(String serverUrl) {
		URI uri = URI.create(serverUrl);
		String base = uri.getScheme() + "://" + uri.getRawAuthority();
		String endpoint = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/mcp" : uri.getRawPath();
		McpSyncClient client = McpClient
			.sync(HttpClientStreamableHttpTransport.builder(base).endpoint(endpoint).connectTimeout(timeout).build())
			.requestTimeout(timeout)
			.clientInfo(new McpSchema.Implementation("smartops", "0.1.0"))
			.build();
		try {
			client.initialize();
			return client;
		}
		catch (RuntimeException e) {
			client.close();
			throw e;
		}
	}

	private void drop(String serverUrl, McpSyncClient client) {
		if (sessions.remove(serverUrl, client)) {
			client.close();
		}
	}

	@Override
	public void close() {
		sessions.values().forEach(McpSyncClient::close);
		sessions.clear();
	}
}
