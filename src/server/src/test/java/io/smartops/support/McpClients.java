package io.smartops.support;

import java.time.Duration;
import java.util.Base64;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;

/** The MCP Java SDK's client against a Streamable HTTP endpoint, logged in with HTTP basic. */
public final class McpClients {

	private McpClients() {
	}

	public static McpSyncClient connect(String baseUrl, String endpoint, String user, String password) {
		HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport.builder(baseUrl)
			.endpoint(endpoint);
		if (user != null) {
			String credentials = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
			transport.customizeRequest(request -> request.header("Authorization", credentials));
		}
		McpSyncClient client = McpClient.sync(transport.build()).requestTimeout(Duration.ofSeconds(60)).build();
		client.initialize();
		return client;
	}
}
