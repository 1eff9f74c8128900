package io.smartops.agent.worker;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentKind;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentProperties;
import io.smartops.agent.AgentStatus;
import io.smartops.agent.mcp.McpToolAgent;
import io.smartops.agent.mcp.McpToolClients;

/**
 * Keeps the workers attached to it serving every MCP-tool agent of the library that is not
 * retired: an agent registered on this node at once (after its registration commits), one
 * registered on another node of the cluster within {@code smartops.agents.mcp-refresh}; a retired
 * one is no longer served. The in-server workers attach themselves.
 */
@Component
public class McpToolAgentServing {

	private static final Logger log = LoggerFactory.getLogger(McpToolAgentServing.class);

	private final AgentLibrary library;
	private final McpToolClients clients;
	private final ObjectMapper json;
	private final AgentProperties properties;
	/** The attached workers and the MCP-tool agents each serves. */
	private final Map<AgentServing, Set<String>> attached = new ConcurrentHashMap<>();
	private ScheduledExecutorService refresh;

	McpToolAgentServing(AgentLibrary library, McpToolClients clients, ObjectMapper json, AgentProperties properties) {
		this.library = library;
		this.clients = clients;
		this.json = json;
		this.properties = properties;
	}

	/** Serves the library's MCP-tool agents on these workers from now on. */
	public synchronized void attach(AgentServing workers) {
		attached.put(workers, new HashSet<>());
		if (refresh == null) {
			refresh = Executors.newSingleThreadScheduledExecutor(r -> {
				Thread t = new Thread(r, "mcp-tool-agents");
				t.setDaemon(true);
				return t;
			});
			long millis = properties.mcpRefresh().toMillis();
			refresh.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
		}
		reconcile();
	}

	/** Stops serving MCP-tool agents on these workers (they are closing). */
	public synchronized void detach(AgentServing workers) {
		Set<String> served = attached.remove(workers);
		if (served != null) {
			served.forEach(workers::stopServing);
		}
	}

	/** An agent registered or changed here: serve a new MCP-tool agent at once, stop a retired one. */
	@TransactionalEventListener(fallbackExecution = true)
	void changed(AgentLibrary.Changed change) {
		if (change.kind() == AgentKind.MCP_TOOL) {
			reconcile();
		}
	}

	private void refresh() {
		try {
			reconcile();
		}
		catch (RuntimeException e) {
			log.warn("MCP-tool agents not refreshed: {}", e.toString());
		}
	}

	synchronized void reconcile() {
		if (attached.isEmpty()) {
			return;
		}
		List<Agent> wanted = library.ofKind(AgentKind.MCP_TOOL).stream()
			.filter(a -> a.getStatus() != AgentStatus.RETIRED && a.getMcpTool() != null)
			.toList();
		Set<String> ids = new HashSet<>();
		wanted.forEach(a -> ids.add(a.getId()));
		attached.forEach((workers, served) -> {
			for (Agent agent : wanted) {
				if (served.add(agent.getId())) {
					workers.serve(new McpToolAgent(agent, clients, json));
				}
			}
			for (String id : Set.copyOf(served)) {
				if (!ids.contains(id)) {
					workers.stopServing(id);
					served.remove(id);
				}
			}
		});
	}

	@PreDestroy
	synchronized void stop() {
		if (refresh != null) {
			refresh.shutdownNow();
			refresh = null;
		}
	}
}
