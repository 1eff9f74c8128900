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
import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentKind;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentProperties;
import io.smartops.agent.AgentProvider;
import io.smartops.agent.AgentStatus;
import io.smartops.agent.llm.DeclaredLlmAgent;
import io.smartops.agent.llm.LlmConnections;
import io.smartops.agent.llm.LlmGuardrails;
import io.smartops.agent.llm.LlmTools;
import io.smartops.agent.mcp.McpToolAgent;
import io.smartops.agent.mcp.McpToolClients;

/**
 * Keeps the workers attached to it serving every agent of the library that is declared as data
 * and not retired: MCP-tool agents and declared LLM agents (evaluators are not served: they judge
 * calls, no process routes to them). An agent registered on this node is served at once (after its
 * registration commits), one registered on another node of the cluster within
 * {@code smartops.agents.mcp-refresh}; a retired one is no longer served. The in-server workers
 * attach themselves. It is also where a declared agent's fallback is found: among the providers'
 * agents and the declared ones this node runs.
 */
@Component
public class DeclaredAgentServing {

	private static final Logger log = LoggerFactory.getLogger(DeclaredAgentServing.class);

	private final AgentLibrary library;
	private final McpToolClients clients;
	private final ObjectMapper json;
	private final AgentProperties properties;
	private final LlmConnections connections;
	private final LlmGuardrails guardrails;
	private final List<AgentProvider> providers;
	/** The attached workers and the declared agents each serves. */
	private final Map<AgentServing, Set<String>> attached = new ConcurrentHashMap<>();
	/** The declared agents' handlers by id, made once per agent (a version never changes). */
	private final Map<String, AgentHandler> declared = new ConcurrentHashMap<>();
	private ScheduledExecutorService refresh;

	DeclaredAgentServing(AgentLibrary library, McpToolClients clients, ObjectMapper json, AgentProperties properties,
			LlmConnections connections, LlmGuardrails guardrails, List<AgentProvider> providers) {
		this.library = library;
		this.clients = clients;
		this.json = json;
		this.properties = properties;
		this.connections = connections;
		this.guardrails = guardrails;
		this.providers = providers;
	}

	/** Serves the library's declared agents on these workers from now on. */
	public synchronized void attach(AgentServing workers) {
		attached.put(workers, new HashSet<>());
		if (refresh == null) {
			refresh = Executors.newSingleThreadScheduledExecutor(r -> {
				Thread t = new Thread(r, "declared-agents");
				t.setDaemon(true);
				return t;
			});
			long millis = properties.mcpRefresh().toMillis();
			refresh.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
		}
		reconcile();
	}

	/** Stops serving declared agents on these workers (they are closing). */
	public synchronized void detach(AgentServing workers) {
		Set<String> served = attached.remove(workers);
		if (served != null) {
			served.forEach(workers::stopServing);
		}
	}

	/** An agent registered or changed here: serve a new declared agent at once, stop a retired one. */
	@TransactionalEventListener(fallbackExecution = true)
	void changed(AgentLibrary.Changed change) {
		if (change.kind() == AgentKind.MCP_TOOL || change.kind() == AgentKind.LLM) {
			reconcile();
		}
	}

	/** The handler of an agent this node runs (a provider's, one its workers serve, or a declared one), or null. */
	public AgentHandler handler(String agentId) {
		for (AgentProvider p : providers) {
			AgentHandler h = p.handler(agentId);
			if (h != null) {
				return h;
			}
		}
		for (AgentServing workers : attached.keySet()) {
			AgentHandler h = workers.handler(agentId);
			if (h != null) {
				return h;
			}
		}
		AgentHandler h = declared.get(agentId);
		if (h != null) {
			return h;
		}
		return library.find(agentId).filter(DeclaredAgentServing::servable).map(this::handlerOf).orElse(null);
	}

	private AgentHandler handlerOf(Agent agent) {
		return declared.computeIfAbsent(agent.getId(), id -> agent.getKind() == AgentKind.MCP_TOOL
				? new McpToolAgent(agent, clients, json)
				: new DeclaredLlmAgent(agent.getId(), agent.getLlm(), connections, guardrails, tools(agent), this::handler));
	}

	private LlmTools tools(Agent agent) {
		var declared = agent.getLlm().tools();
		return declared == null ? LlmTools.none()
				: new LlmTools(clients, declared.servers(), declared.maxCalls() == null ? 3 : declared.maxCalls());
	}

	private static boolean servable(Agent a) {
		return (a.getKind() == AgentKind.MCP_TOOL && a.getMcpTool() != null)
				|| (a.getKind() == AgentKind.LLM && a.getLlm() != null);
	}

	private void refresh() {
		try {
			reconcile();
		}
		catch (RuntimeException e) {
			log.warn("declared agents not refreshed: {}", e.toString());
		}
	}

	synchronized void reconcile() {
		if (attached.isEmpty()) {
			return;
		}
		List<Agent> wanted = java.util.stream.Stream.concat(library.ofKind(AgentKind.MCP_TOOL).stream(),
				library.ofKind(AgentKind.LLM).stream())
			.filter(a -> a.getStatus() != AgentStatus.RETIRED && servable(a))
			.filter(a -> a.getLlm() == null || a.getLlm().judge() == null)
			.toList();
		Set<String> ids = new HashSet<>();
		wanted.forEach(a -> ids.add(a.getId()));
		attached.forEach((workers, served) -> {
			for (Agent agent : wanted) {
				if (served.add(agent.getId())) {
					workers.serve(handlerOf(agent));
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
