package io.smartops.agent.llm;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentProvider;

/**
 * The LLM agents Smart Ops ships, as data ({@code io/smartops/agents/llm-agents.json}): declared
 * like any an administrator posts, registered once at start on connection {@code default}, and
 * unavailable until that connection is configured. What administrators make of them later (new
 * versions, stages) is theirs: a start does not overwrite it. The declared agents' handlers are
 * made by the workers that serve them.
 */
public final class ShippedLlmAgents implements AgentProvider {

	static final String RESOURCE = "/io/smartops/agents/llm-agents.json";

	private final List<AgentLibrary.Registration> registrations;

	public ShippedLlmAgents(ObjectMapper json) {
		try (InputStream in = ShippedLlmAgents.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is not on the classpath");
			}
			this.registrations = json.readValue(in, new TypeReference<List<AgentLibrary.Registration>>() {
			});
		}
		catch (IOException e) {
			throw new IllegalStateException(RESOURCE + " cannot be read: " + e.getMessage(), e);
		}
	}

	public List<AgentLibrary.Registration> registrations() {
		return registrations;
	}

	@Override
	public List<AgentHandler> handlers() {
		return List.of();
	}

	@Override
	public List<AgentLibrary.Descriptor> descriptors() {
		return List.of();
	}

	@Override
	public void register(AgentLibrary library) {
		registrations.forEach(library::ensureDeclared);
	}
}
