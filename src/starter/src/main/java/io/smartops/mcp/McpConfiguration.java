package io.smartops.mcp;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.WebMvcStreamableServerTransportProvider;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.smartops.coordinate.RunContext;
import io.smartops.core.security.CurrentUser;

/**
 * Smart Ops as an MCP server: Spring AI's server on Streamable HTTP at {@code /mcp}
 * ({@code spring.ai.mcp.server.*} in application.yaml), behind the same HTTP basic authentication
 * as the REST API (the filter in {@code SecurityConfiguration} answers 401 before MCP sees a
 * request). The transport keeps the logged-in caller in each request's MCP context, and every
 * tool of every {@link ToolSet} and both document resources run as that caller with the role
 * checks of the matching REST endpoint.
 */
@Configuration(proxyBeanMethods = false)
class McpConfiguration {

	/** Spring AI's transport, plus the caller of each request (the filter logged them in on this thread). */
	@Bean
	WebMvcStreamableServerTransportProvider webMvcStreamableServerTransportProvider(
			@Qualifier("mcpServerObjectMapper") ObjectMapper mcpJson, McpServerStreamableHttpProperties properties,
			IdentityService identity) {
		return WebMvcStreamableServerTransportProvider.builder()
			.jsonMapper(new JacksonMcpJsonMapper(mcpJson))
			.mcpEndpoint(properties.getMcpEndpoint())
			.keepAliveInterval(properties.getKeepAliveInterval())
			.disallowDelete(properties.isDisallowDelete())
			.contextExtractor(request -> McpCaller.context(identity.getCurrentAuthentication()))
			.build();
	}

	/**
	 * Ends the MCP sessions (and their open event streams) when the server stops, before the web
	 * server's graceful shutdown, which would otherwise wait its whole timeout for streams of
	 * clients that never hang up.
	 */
	@Bean
	SmartLifecycle mcpSessionsEndFirst(WebMvcStreamableServerTransportProvider transport) {
		return new SmartLifecycle() {
			private volatile boolean running;

			@Override
			public void start() {
				running = true;
			}

			@Override
			public void stop() {
				running = false;
				transport.closeGracefully().block(Duration.ofSeconds(5));
			}

			@Override
			public boolean isRunning() {
				return running;
			}

			@Override
			public int getPhase() {
				// stopped before WebServerGracefulShutdownLifecycle (lower phases stop later)
				return Integer.MAX_VALUE;
			}
		};
	}

	@Bean
	CallerScope mcpCallerScope(CurrentUser user) {
		return new CallerScope(user);
	}

	@Bean
	List<SyncToolSpecification> smartOpsMcpTools(List<ToolSet> sets, CallerScope scope, CurrentUser user, ObjectMapper json,
			@Qualifier("mcpServerObjectMapper") ObjectMapper mcpJson) {
		McpTools tools = new McpTools(scope, user, json, new JacksonMcpJsonMapper(mcpJson));
		return sets.stream().flatMap(set -> set.tools().stream()).map(tools::specification).toList();
	}

	@Bean
	List<SyncResourceTemplateSpecification> smartOpsMcpDocuments(RunContext documents, CallerScope scope,
			CurrentUser user) {
		return new DocumentResources(documents, scope, user).specifications();
	}
}
