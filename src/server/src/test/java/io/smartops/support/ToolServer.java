package io.smartops.support;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * A real MCP server for the tests, outside Smart Ops: the MCP Java SDK's server on Streamable HTTP
 * in its own embedded Tomcat on a free port, serving the tools it is given and recording every call's
 * arguments.
 */
public final class ToolServer implements AutoCloseable {

	/** One tool: its name, input schema and what it answers for the arguments (an error when it throws). */
	public record Tool(String name, String inputSchema, Function<Map<String, Object>, Map<String, Object>> answer) {
	}

	public final List<Map<String, Object>> calls = new CopyOnWriteArrayList<>();

	private final Tomcat tomcat = new Tomcat();
	private final McpSyncServer server;
	private final int port;

	public ToolServer(Tool... tools) throws Exception {
		JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
		HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
			.jsonMapper(json)
			.mcpEndpoint("/mcp")
			.build();
		server = McpServer.sync(transport)
			.serverInfo("test-tools", "1")
			.capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
			.tools(java.util.Arrays.stream(tools).map(t -> specification(t, json)).toList())
			.build();
		File base = Files.createTempDirectory("tool-server").toFile();
		tomcat.setBaseDir(base.getAbsolutePath());
		tomcat.setPort(0);
		tomcat.getConnector();
		Context context = tomcat.addContext("", base.getAbsolutePath());
		Wrapper servlet = Tomcat.addServlet(context, "mcp", transport);
		servlet.setAsyncSupported(true);
		context.addServletMappingDecoded("/mcp", "mcp");
		tomcat.start();
		port = tomcat.getConnector().getLocalPort();
	}

	private SyncToolSpecification specification(Tool tool, JacksonMcpJsonMapper json) {
		return SyncToolSpecification.builder()
			.tool(McpSchema.Tool.builder().name(tool.name()).description("test tool " + tool.name())
				.inputSchema(json, tool.inputSchema()).build())
			.callHandler((exchange, request) -> {
				calls.add(request.arguments());
				try {
					Map<String, Object> answer = tool.answer().apply(request.arguments());
					return McpSchema.CallToolResult.builder().structuredContent(answer).addTextContent(answer.toString()).build();
				}
				catch (RuntimeException e) {
					return McpSchema.CallToolResult.builder().isError(true).addTextContent(e.getMessage()).build();
				}
			})
			.build();
	}

	public String url() {
		return "http://127.0.0.1:" + port + "/mcp";
	}

	@Override
	public void close() throws Exception {
		server.close();
		tomcat.stop();
		tomcat.destroy();
	}
}
