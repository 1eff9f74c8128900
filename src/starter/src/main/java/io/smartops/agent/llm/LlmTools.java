package io.smartops.agent.llm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.modelcontextprotocol.client.McpSyncClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;

import io.smartops.agent.mcp.McpToolClients;

/**
 * The MCP tools a declared LLM agent may call while it works (its declaration's {@code tools}):
 * every tool of those servers, as Spring AI tool callbacks, with one count per agent task. A task may
 * make at most the declared {@code maxCalls} tool calls; the next one aborts the model
 * call, which then counts as failed (retried within the cap on model calls, then the fallback
 * agent answers).
 */
public final class LlmTools {

	private static final Logger log = LoggerFactory.getLogger(LlmTools.class);

	/** A tool call past the task's cap. */
	static final class ToolCallCapExceeded extends RuntimeException {
		ToolCallCapExceeded(int cap) {
			super("this task already made its " + cap + " tool calls");
		}
	}

	private final McpToolClients clients;
	private final List<String> servers;
	private final int maxToolCallsPerTask;

	public LlmTools(McpToolClients clients, List<String> servers, int maxToolCallsPerTask) {
		this.clients = clients;
		this.servers = List.copyOf(servers);
		this.maxToolCallsPerTask = maxToolCallsPerTask;
	}

	public static LlmTools none() {
		return new LlmTools(null, List.of(), 0);
	}

	/** A count of one task's tool calls, shared by its model calls. */
	public static final class TaskCount {
		private final AtomicInteger calls = new AtomicInteger();

		public int calls() {
			return calls.get();
		}
	}

	/** The tools for one task; empty when no server is configured or none answers. */
	List<ToolCallback> forTask(TaskCount count) {
		if (servers.isEmpty() || clients == null) {
			return List.of();
		}
		List<McpSyncClient> sessions = new ArrayList<>();
		for (String server : servers) {
			try {
				sessions.add(clients.session(server));
			}
			catch (RuntimeException e) {
				log.warn("MCP server {} is not reachable; the LLM agent works without its tools: {}", server, e.toString());
			}
		}
		if (sessions.isEmpty()) {
			return List.of();
		}
		return Arrays.stream(SyncMcpToolCallbackProvider.builder().mcpClients(sessions).build().getToolCallbacks())
			.<ToolCallback>map(tool -> new Capped(tool, count, maxToolCallsPerTask))
			.toList();
	}

	/** A tool that counts its calls against the task's cap. */
	private record Capped(ToolCallback tool, TaskCount count, int cap) implements ToolCallback {

		@Override
		public ToolDefinition getToolDefinition() {
			return tool.getToolDefinition();
		}

		@Override
		public ToolMetadata getToolMetadata() {
			return tool.getToolMetadata();
		}

		@Override
		public String call(String input) {
			return call(input, null);
		}

		@Override
		public String call(String input, ToolContext context) {
			if (count.calls.incrementAndGet() > cap) {
				throw new ToolCallCapExceeded(cap);
			}
			return tool.call(input, context);
		}
	}
}
