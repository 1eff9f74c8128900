package io.smartops.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.smartops.core.web.ApiError;
import io.smartops.core.web.ClientError;
import io.smartops.core.web.RequestBounds;
import io.smartops.core.security.WorkerTopics;

/**
 * The persistent agent catalogue: registration (validated), status changes, lookups by
 * capability. Every change is audited with who made it.
 */
@Service
public class AgentLibrary implements WorkerTopics {

	/** A registration that breaks the rules; field → problem. */
	public static class InvalidAgentException extends RuntimeException implements ClientError {

		private final Map<String, String> fields;

		InvalidAgentException(Map<String, String> fields) {
			super("invalid agent: " + fields);
			this.fields = fields;
		}

		public Map<String, String> fields() {
			return fields;
		}

		@Override
		public int status() {
			return 400;
		}

		@Override
		public ApiError body() {
			return new ApiError("invalid agent", fields);
		}
	}

	/**
	 * A foreign agent's registration as posted: {@code {capability, name, version, costPerCall,
	 * expectedLatencyMillis, quality}} and, optionally, {@code dailyCallBudget}, {@code dailyCostBudget}
	 * and {@code serviceUser} (the account its worker logs in as: the one account, besides agent
	 * administrators, that may report its calls). With {@code mcp} it is an MCP-tool agent instead:
	 * the server's own workers call that tool of an external MCP server ({@link McpToolBinding}).
	 */
	public record Registration(
			@NotBlank(message = "is required") @Size(max = 60)
			@jakarta.validation.constraints.Pattern(regexp = "[a-z0-9][a-z0-9-]*",
					message = "\"${validatedValue}\" must be lower-case letters, digits and hyphens") String capability,
			@NotBlank(message = "is required") @Size(max = 100) String name,
			@NotBlank(message = "is required") @Size(max = 40) String version,
			@NotNull(message = "is required")
			@DecimalMin(value = "0", message = "${validatedValue} must be at least 0")
			@DecimalMax(value = "1000000", message = "${validatedValue} must be at most 1000000") Double costPerCall,
			@NotNull(message = "is required")
			@Min(value = 0, message = "${validatedValue} must be at least 0")
			@Max(value = MAX_LATENCY_MILLIS, message = "${validatedValue} must be at most 86400000") Long expectedLatencyMillis,
			@NotNull(message = "is required")
			@DecimalMin(value = "0", message = "${validatedValue} is outside [0, 1]")
			@DecimalMax(value = "1", message = "${validatedValue} is outside [0, 1]") Double quality,
			@Min(value = 0, message = "${validatedValue} must be at least 0")
			@Max(value = 1_000_000_000, message = "${validatedValue} must be at most 1000000000") Long dailyCallBudget,
			@DecimalMin(value = "0", message = "${validatedValue} must be at least 0")
			@DecimalMax(value = "1000000000", message = "${validatedValue} must be at most 1000000000") Double dailyCostBudget,
			@Size(max = 64) String serviceUser, @Valid McpToolBinding mcp, @Valid LlmDeclaration llm, AgentStatus stage) {

		public Registration(String capability, String name, String version, Double costPerCall, Long expectedLatencyMillis,
				Double quality) {
			this(capability, name, version, costPerCall, expectedLatencyMillis, quality, null, null, null, null, null, null);
		}

		public Registration(String capability, String name, String version, Double costPerCall, Long expectedLatencyMillis,
				Double quality, Long dailyCallBudget, Double dailyCostBudget, String serviceUser) {
			this(capability, name, version, costPerCall, expectedLatencyMillis, quality, dailyCallBudget, dailyCostBudget,
					serviceUser, null, null, null);
		}

		public Registration(String capability, String name, String version, Double costPerCall, Long expectedLatencyMillis,
				Double quality, Long dailyCallBudget, Double dailyCostBudget, String serviceUser, McpToolBinding mcp) {
			this(capability, name, version, costPerCall, expectedLatencyMillis, quality, dailyCallBudget, dailyCostBudget,
					serviceUser, mcp, null, null);
		}

		/** A declared LLM agent's registration. */
		public static Registration llm(String capability, String name, String version, long expectedLatencyMillis,
				double quality, LlmDeclaration llm) {
			return new Registration(capability, name, version, 0.0, expectedLatencyMillis, quality, null, null, null, null,
					llm, null);
		}

		/** The same registration entering the library at the given stage. */
		public Registration at(AgentStatus stage) {
			return new Registration(capability, name, version, costPerCall, expectedLatencyMillis, quality, dailyCallBudget,
					dailyCostBudget, serviceUser, mcp, llm, stage);
		}

		/** The same registration as another version with another declaration. */
		Registration as(String newVersion, LlmDeclaration declaration, AgentStatus newStage) {
			return new Registration(capability, name, newVersion, costPerCall, expectedLatencyMillis, quality, dailyCallBudget,
					dailyCostBudget, serviceUser, mcp, declaration, newStage);
		}
	}

	/** An agent was registered or its status changed (workers start or stop serving it). */
	public record Changed(String agentId, AgentKind kind) {
	}

	/** The largest price of one call and the longest expected latency (a day) a registration may state. */
	static final long MAX_LATENCY_MILLIS = 86_400_000;


	private final AgentRepository agents;
	private final AgentChangeRepository changes;
	private final IdentityService identity;
	private final ApplicationEventPublisher events;
	private final ExternalTaskService externalTasks;
	private final LlmConnectionNames connections;

	AgentLibrary(AgentRepository agents, AgentChangeRepository changes, IdentityService identity,
			ApplicationEventPublisher events, ExternalTaskService externalTasks, LlmConnectionNames connections) {
		this.externalTasks = externalTasks;
		this.connections = connections;
		this.events = events;
		this.agents = agents;
		this.changes = changes;
		this.identity = identity;
	}

	/**
	 * Registers an agent as posted: a foreign one, an MCP-tool one ({@code mcp}) or a declared LLM one
	 * ({@code llm}). Every problem is refused with 400 naming its field before anything is stored.
	 */
	@Transactional
	public Agent registerForeign(Registration r) {
		return register(r, false);
	}

	private Agent register(Registration r, boolean shipped) {
		// what each field may be is declared on the registration's fields
		Map<String, String> errors = new LinkedHashMap<>(RequestBounds.problems(r));
		if (r.serviceUser() != null && identity.createUserQuery().userId(r.serviceUser()).count() == 0) {
			errors.put("serviceUser", "no user " + r.serviceUser());
		}
		if (r.stage() != null && r.stage() != AgentStatus.ACTIVE && r.stage() != AgentStatus.SHADOW) {
			errors.put("stage", r.stage() + ": an agent enters the library ACTIVE or SHADOW");
		}
		if (r.mcp() != null) {
			errors.putAll(r.mcp().problems());
			if (r.serviceUser() != null) {
				errors.put("serviceUser", "an MCP-tool agent is called by the server's own workers; leave serviceUser out");
			}
		}
		if (r.llm() != null) {
			if (r.mcp() != null) {
				errors.put("llm", "an agent is an MCP-tool agent or an LLM agent, not both");
			}
			if (r.serviceUser() != null) {
				errors.put("serviceUser", "a declared LLM agent is called by the server's own workers; leave serviceUser out");
			}
			// a shipped agent may name a connection this node has not configured: it is unavailable until it is
			java.util.Set<String> known = new java.util.LinkedHashSet<>(connections.names());
			if (shipped && r.llm().connection() != null) {
				known.add(r.llm().connection());
			}
			errors.putAll(r.llm().problems(r.capability(), known, agents::findById));
		}
		if (!errors.isEmpty()) {
			throw new InvalidAgentException(errors);
		}
		String id = slug(r.name()) + "-" + slug(r.version());
		if (agents.existsById(id)) {
			throw new InvalidAgentException(Map.of("name", "an agent \"" + r.name() + "\" version " + r.version()
					+ " is already registered as " + id));
		}
		AgentKind kind = r.llm() != null ? AgentKind.LLM : r.mcp() == null ? AgentKind.FOREIGN : AgentKind.MCP_TOOL;
		Agent agent = new Agent(id, r.capability(), r.name(), r.version(), kind, r.costPerCall(), r.expectedLatencyMillis(),
				r.quality()).budget(r.dailyCallBudget(), r.dailyCostBudget())
			.serviceUser(r.serviceUser());
		if (r.mcp() != null) {
			agent.mcpTool(r.mcp())
				.contract(String.join(",", r.mcp().inputs()),
						String.join(",", r.mcp().outputs().keySet()), null);
		}
		if (r.llm() != null) {
			agent.llm(r.llm())
				.contract(String.join(",", r.llm().inputNames()), String.join(",", r.llm().outputNames()),
						r.llm().outputSchema() == null ? null : r.llm().outputSchema().toString());
			agent.setAvailable(connections.usable(r.llm().connection()));
		}
		// a newcomer to a capability that has an active agent earns its place from the shadow stage
		boolean incumbent = agents.findByCapabilityOrderById(r.capability()).stream()
			.anyMatch(a -> a.getStatus() == AgentStatus.ACTIVE);
		AgentStatus stage = r.stage() != null ? r.stage() : incumbent ? AgentStatus.SHADOW : AgentStatus.ACTIVE;
		agent.setStatus(stage);
		agents.save(agent);
		audit(id, "enters the library " + stage + (r.stage() != null ? " (as registered)"
				: incumbent ? " (the capability has an active agent)" : " (the capability's first agent)"));
		audit(id, switch (kind) {
			case MCP_TOOL -> "registered MCP-tool agent for " + r.capability() + ": tool " + r.mcp().tool() + " of "
					+ r.mcp().serverUrl() + " on topic " + agent.getTopic();
			case LLM -> "registered LLM agent for " + r.capability() + ": model " + r.llm().model() + " on connection "
					+ r.llm().connection() + (agent.isAvailable() ? "" : " (not usable here yet: unavailable)") + " on topic "
					+ agent.getTopic();
			default -> "registered foreign agent for " + r.capability() + " on topic " + agent.getTopic();
		});
		events.publishEvent(new Changed(id, kind));
		return agent;
	}

	/**
	 * A new version of a declared LLM agent: the same agent with a new prompt, model, schema or any
	 * other part of its declaration ({@code changes} replaces the fields it gives). It is registered
	 * beside the old one and enters as a SHADOW, so the stage gates decide with evidence whether it
	 * replaces it. 404 for an unknown agent; 400 when the agent is no declared LLM agent or the new
	 * declaration cannot work.
	 */
	@Transactional
	public Agent newVersion(String id, String version, LlmDeclaration changes) {
		Agent old = agents.findById(id).orElseThrow(() -> new UnknownAgentException(id));
		if (old.getLlm() == null) {
			throw new InvalidAgentException(Map.of("id", id + " is a " + old.getKind() + " agent, not a declared LLM agent"));
		}
		if (version == null || version.isBlank()) {
			throw new InvalidAgentException(Map.of("version", "is required: the new version's name"));
		}
		LlmDeclaration merged = merge(old.getLlm(), changes);
		Registration r = new Registration(old.getCapability(), old.getName(), old.getVersion(), old.getCostPerCall(),
				old.getExpectedLatencyMillis(), old.getQuality(), old.getDailyCallBudget(), old.getDailyCostBudget(), null, null,
				null, null).as(version, merged, AgentStatus.SHADOW);
		Agent created = registerForeign(r);
		audit(created.getId(), "new version of " + id);
		return created;
	}

	private static LlmDeclaration merge(LlmDeclaration a, LlmDeclaration b) {
		if (b == null) {
			return a;
		}
		return new LlmDeclaration(or(b.connection(), a.connection()), or(b.model(), a.model()),
				or(b.temperature(), a.temperature()), or(b.maxTokens(), a.maxTokens()), or(b.maxModelCalls(), a.maxModelCalls()),
				b.inputs().isEmpty() ? a.inputs() : b.inputs(), or(b.prompt(), a.prompt()), or(b.outputSchema(), a.outputSchema()),
				or(b.confidenceField(), a.confidenceField()), b.checks().isEmpty() ? a.checks() : b.checks(),
				b.prices().input() == null && b.prices().output() == null && b.prices().cached() == null ? a.prices()
						: b.prices(),
				or(b.tools(), a.tools()), or(b.fallback(), a.fallback()), b.denyOutput().isEmpty() ? a.denyOutput()
						: b.denyOutput(),
				or(b.judge(), a.judge()));
	}

	private static <T> T or(T given, T old) {
		return given != null ? given : old;
	}

	/**
	 * Registers a declared LLM agent shipped as data at start, once: an agent that is already in the
	 * library keeps what administrators made of it; only its availability follows its connection.
	 * A shipped declaration is checked like a posted one (a broken one fails the start, naming it).
	 */
	@Transactional
	public Agent ensureDeclared(Registration r) {
		String id = slug(r.name()) + "-" + slug(r.version());
		Optional<Agent> existing = agents.findById(id);
		if (existing.isEmpty()) {
			return register(r, true);
		}
		Agent agent = existing.get();
		boolean usable = agent.getLlm() != null && connections.usable(agent.getLlm().connection());
		if (agent.isAvailable() != usable) {
			agent.setAvailable(usable);
			audit(id, usable ? "available" : "unavailable (its connection is not configured)");
		}
		return agent;
	}

	/**
	 * A built-in agent's descriptor: capability, contract (input and output variables, JSON schema
	 * of the outputs), cost model (per call and per 1,000 tokens), expected latency, quality and
	 * daily budget (null: unlimited).
	 */
	public record Descriptor(String id, String capability, String name, String version, AgentKind kind,
			double costPerCall, double costPerThousandTokens, long expectedLatencyMillis, double quality,
			List<String> inputs, List<String> outputs, String outputSchema, Long dailyCallBudget, Double dailyCostBudget,
			String activityRef, AgentStatus initialStage) {

		public Descriptor(String id, String capability, String name, String version, AgentKind kind, double costPerCall,
				double costPerThousandTokens, long expectedLatencyMillis, double quality, List<String> inputs,
				List<String> outputs, String outputSchema, Long dailyCallBudget, Double dailyCostBudget, String activityRef) {
			this(id, capability, name, version, kind, costPerCall, costPerThousandTokens, expectedLatencyMillis, quality,
					inputs, outputs, outputSchema, dailyCallBudget, dailyCostBudget, activityRef, AgentStatus.ACTIVE);
		}

		/** The same agent entering the library at another stage the first time it is registered. */
		public Descriptor startingAt(AgentStatus stage) {
			return new Descriptor(id, capability, name, version, kind, costPerCall, costPerThousandTokens,
					expectedLatencyMillis, quality, inputs, outputs, outputSchema, dailyCallBudget, dailyCostBudget,
					activityRef, stage);
		}
	}

	/**
	 * Registers a built-in agent at start, or brings its entry up to date: availability (an LLM
	 * agent without a model is unavailable), its measured evaluation and, where it measures one, its
	 * quality. Idempotent; every change is audited.
	 */
	@Transactional
	public Agent ensureBuiltin(Descriptor d, boolean available, String evaluation, Double measuredQuality) {
		Agent agent = agents.findById(d.id()).orElseGet(() -> {
			Agent created = agents.save(new Agent(d.id(), d.capability(), d.name(), d.version(), d.kind(), d.costPerCall(),
					d.expectedLatencyMillis(), d.quality())
				.contract(String.join(",", d.inputs()), String.join(",", d.outputs()), d.outputSchema())
				.tokenPrice(d.costPerThousandTokens())
				.budget(d.dailyCallBudget(), d.dailyCostBudget())
				.activityRef(d.activityRef()));
			created.setStatus(d.initialStage());
			audit(d.id(), "registered built-in agent for " + d.capability() + " on topic " + created.getTopic() + ", "
					+ d.initialStage());
			return created;
		});
		if (agent.isAvailable() != available) {
			agent.setAvailable(available);
			audit(d.id(), available ? "available" : "unavailable (no model configured)");
		}
		if (evaluation != null && !evaluation.equals(agent.getEvaluation())) {
			agent.setEvaluation(evaluation);
			audit(d.id(), "evaluation " + evaluation);
		}
		if (measuredQuality != null && Math.abs(measuredQuality - agent.getQuality()) > 1e-9) {
			audit(d.id(), String.format(Locale.ROOT, "quality %.3f -> %.3f (measured)", agent.getQuality(), measuredQuality));
			agent.setQuality(measuredQuality);
		}
		return agent;
	}

	/**
	 * Changes an agent's stage where no gate is needed (a canary rolled back, a candidate retired,
	 * an agent deprecated, reinstated or retired once drained). 404 for an unknown agent; 409 for a
	 * change the gate must make or no agent may make, naming why; nothing changes then.
	 */
	@Transactional
	public Agent changeStatus(String id, AgentStatus status) {
		return change(id, status, null, false, "status");
	}

	/**
	 * The promotion gate's change (SHADOW → CANARY with its share, CANARY → ACTIVE), made by the
	 * promotion process once the evidence passed and the owner approved; audited with the gate's
	 * summary. Other changes as {@link #changeStatus}.
	 */
	@Transactional
	public Agent changeThroughGate(String id, AgentStatus status, Double canaryShare, String gateSummary) {
		if (status == AgentStatus.CANARY && (canaryShare == null || !(canaryShare > 0 && canaryShare <= 1))) {
			throw new InvalidAgentException(Map.of("canaryShare", canaryShare + " is outside (0, 1]"));
		}
		Agent agent = change(id, status, gateSummary, true, "stage");
		agent.setCanaryShare(status == AgentStatus.CANARY ? canaryShare : null);
		return agent;
	}

	/** A canary's share of process instances changed (0..1); 409 when the agent is no canary. */
	@Transactional
	public Agent changeCanaryShare(String id, double share) {
		if (!(share >= 0 && share <= 1)) {
			throw new InvalidAgentException(Map.of("canaryShare", share + " is outside [0, 1]"));
		}
		Agent agent = agents.findById(id).orElseThrow(() -> new UnknownAgentException(id));
		if (agent.getStatus() != AgentStatus.CANARY) {
			throw new io.smartops.core.web.ConflictException("agent " + id + " is " + agent.getStatus() + ", not a canary");
		}
		audit(id, String.format(Locale.ROOT, "canary share %.3f -> %.3f", agent.getCanaryShare(), share));
		agent.setCanaryShare(share);
		return agent;
	}

	private Agent change(String id, AgentStatus status, String why, boolean throughGate, String what) {
		Agent agent = agents.findById(id).orElseThrow(() -> new UnknownAgentException(id));
		String refusal = StageGate.refusal(id, agent.getStatus(), status, throughGate);
		if (refusal != null) {
			throw new io.smartops.core.web.ConflictException(refusal);
		}
		if (status == AgentStatus.RETIRED && agent.getStatus() == AgentStatus.DEPRECATED) {
			long open = openTasks(agent);
			if (open > 0) {
				throw new io.smartops.core.web.ConflictException("agent " + id + " still has " + open
						+ " open task(s) on " + agent.getTopic() + "; it is retired once they have drained");
			}
		}
		AgentStatus before = agent.getStatus();
		agent.setStatus(status);
		audit(id, what + " " + before + " -> " + status + (why == null ? "" : ": " + why));
		events.publishEvent(new Changed(id, agent.getKind()));
		return agent;
	}

	/** Adds a line to an agent's audit (a promotion that ended without a stage change). */
	@Transactional
	public void note(String agentId, String change) {
		agents.findById(agentId).orElseThrow(() -> new UnknownAgentException(agentId));
		audit(agentId, change);
	}

	/** How many tasks are still open on an agent's topic (a deprecated agent drains to 0). */
	public long openTasks(Agent agent) {
		return externalTasks.createExternalTaskQuery().topicName(agent.getTopic()).count();
	}

	/** A built-in agent's topic for every worker account, a foreign agent's for its service user only. */
	@Override
	public List<String> refused(String userId, java.util.Collection<String> topics) {
		java.util.Set<String> served = new java.util.HashSet<>();
		agents.findByTopicIn(topics).stream().filter(a -> a.servedBy(userId)).forEach(a -> served.add(a.getTopic()));
		return topics.stream().filter(t -> !served.contains(t)).toList();
	}

	public List<Agent> all() {
		return agents.findAll();
	}

	public List<Agent> ofKind(AgentKind kind) {
		return agents.findByKind(kind);
	}

	public List<Agent> forCapability(String capability) {
		return agents.findByCapabilityOrderById(capability);
	}

	public Optional<Agent> find(String id) {
		return agents.findById(id);
	}

	public List<AgentChange> history(String id) {
		return changes.findByAgentIdOrderByChangedAt(id);
	}

	private void audit(String agentId, String change) {
		Authentication current = identity.getCurrentAuthentication();
		changes.save(new AgentChange(agentId, current == null ? "system" : current.getUserId(),
				change.length() > 1000 ? change.substring(0, 997) + "..." : change));
	}

	static String slug(String s) {
		String slug = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
		return slug.isEmpty() ? "agent" : slug;
	}

	/** No agent with that id. */
	public static class UnknownAgentException extends io.smartops.core.web.NotFoundException {
		public UnknownAgentException(String id) {
			super("no agent with id " + id);
		}
	}
}
