package io.smartops.agent.worker;

import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentProperties;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.AgentProvider;
import io.smartops.core.execution.InstanceTracing;
import io.smartops.core.execution.NodeWarmUp;
import io.smartops.core.security.Roles;
import jakarta.annotation.PreDestroy;

/**
 * Registers every provider's agents (built-in, coordinator) in the library and runs their
 * workers inside the server, on the engine's Java API ({@link InProcessWorkers}): woken by the
 * engine as soon as an agent task is committed on this node, with no HTTP between the worker and
 * its own engine. It also keeps the service user {@code smartops-worker} (password from
 * {@code SMARTOPS_WORKER_PASSWORD}, else a random one per start that never leaves the process), a
 * member of {@link Roles#WORKERS}, as which standalone workers log in. The same workers serve the
 * library's MCP-tool and declared LLM agents, as they are registered on any node ({@link DeclaredAgentServing}).
 * Off with {@code smartops.agents.in-server-workers=false} (the tests complete agent tasks
 * themselves or start workers explicitly).
 */
@Component
@ConditionalOnProperty(name = "smartops.agents.in-server-workers", havingValue = "true", matchIfMissing = true)
class InServerWorkers {

	private static final Logger log = LoggerFactory.getLogger(InServerWorkers.class);

	static final String WORKER_USER = "smartops-worker";

	/**
	 * How long an agent task stays locked to this node's worker; extended while the agent works, so
	 * a crashed node's tasks go to another worker within this time.
	 */
	static final long LOCK_MILLIS = 30_000;

	private final AgentLibrary library;
	private final IdentityService identity;
	private final MeterRegistry meters;
	private final List<AgentProvider> providers;
	private final AgentTelemetry telemetry;
	private final int threads;
	private final String configuredPassword;
	private final DeclaredAgentServing mcpTools;
	private final NodeWarmUp warmUp;
	private final InstanceTracing tracing;
	private final ExternalTaskService externalTasks;
	private final long longPollMillis;
	private InProcessWorkers workers;
	private boolean stopped;

	InServerWorkers(AgentLibrary library, IdentityService identity, ExternalTaskService externalTasks,
			MeterRegistry meters, List<AgentProvider> providers, AgentTelemetry telemetry,
			AgentProperties properties, WorkerSettings worker, DeclaredAgentServing mcpTools, NodeWarmUp warmUp,
			InstanceTracing tracing) {
		this.warmUp = warmUp;
		this.tracing = tracing;
		this.externalTasks = externalTasks;
		this.longPollMillis = worker.longPoll().toMillis();
		this.mcpTools = mcpTools;
		this.library = library;
		this.providers = providers;
		this.telemetry = telemetry;
		this.threads = properties.workerThreads();
		this.meters = meters;
		this.identity = identity;
		this.configuredPassword = worker.password();
	}

	/** Once the node's warm-ups (the demo history) have ended: they own the engine's agent tasks until then. */
	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		warmUp.afterWarmUp(this::start);
	}

	synchronized void start() {
		if (stopped) {
			return;
		}
		providers.forEach(p -> p.register(library));
		String password = configuredPassword.isBlank() ? UUID.randomUUID().toString() : configuredPassword;
		serviceUser(password);
		workers = new InProcessWorkers(externalTasks,
				new InProcessWorkers.Settings("smartops-in-server", LOCK_MILLIS, longPollMillis, new RetryPolicy(3, 5_000), threads),
				providers.stream().flatMap(p -> p.handlers().stream()).toList(), id -> library.find(id).orElseThrow().getTopic(),
				meters, telemetry, tracing);
		log.info("in-server agent workers started: {} thread(s) on the engine's Java API", threads);
		mcpTools.attach(workers);
	}

	private void serviceUser(String password) {
		User user = identity.createUserQuery().userId(WORKER_USER).singleResult();
		if (user == null) {
			user = identity.newUser(WORKER_USER);
			user.setFirstName("Smart Ops");
			user.setLastName("agent worker");
		}
		user.setPassword(password);
		identity.saveUser(user);
		if (identity.createUserQuery().userId(WORKER_USER).memberOfGroup(Roles.WORKERS).count() == 0) {
			identity.createMembership(WORKER_USER, Roles.WORKERS);
		}
	}

	/** Stops polling when the context starts closing, before the web server the workers talk to goes away. */
	@EventListener(ContextClosedEvent.class)
	@PreDestroy
	synchronized void stop() {
		stopped = true;
		if (workers != null) {
			mcpTools.detach(workers);
			workers.close();
			workers = null;
		}
	}
}
