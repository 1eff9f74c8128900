package io.smartops.support;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationContext;

import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.worker.AgentWorkers;
import io.smartops.agent.worker.DeclaredAgentServing;
import io.smartops.agent.worker.RetryPolicy;

/**
 * Workers against the test server's engine REST API that serve every MCP-tool agent of the
 * library, attached to {@link DeclaredAgentServing} as the in-server workers are (the tests run
 * without in-server workers).
 */
public final class McpToolWorkers implements AutoCloseable {

	private final DeclaredAgentServing serving;
	private final AgentWorkers workers;

	public McpToolWorkers(ApplicationContext context, int port, String workerId) {
		AgentLibrary library = context.getBean(AgentLibrary.class);
		this.serving = context.getBean(DeclaredAgentServing.class);
		this.workers = new AgentWorkers(new AgentWorkers.Settings("http://localhost:" + port + "/engine-rest", "demo", "demo",
				workerId, 30_000, 1_000, new RetryPolicy(3, 5_000)), List.of(),
				id -> library.find(id).orElseThrow().getTopic(), context.getBean(MeterRegistry.class),
				context.getBean(AgentTelemetry.class));
		serving.attach(workers);
	}

	@Override
	public void close() {
		serving.detach(workers);
		workers.close();
	}
}
