package io.smartops.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.smartops.SmartOpsTest;
import io.smartops.agent.llm.ShippedLlmAgents;

/**
 * The "Agent task" element template in {@code processes/.camunda/element-templates/agent-task.json}
 * is what the server makes of the agents it ships ({@code GET /smartops/api/agents/element-template}
 * on a fresh demo): every capability with what it reads and writes, and the selection fields of
 * the per-capability templates. When an agent's contract changes, the file must be made again:
 * the test writes what it expects to {@code target/agent-task.json}.
 */
@SmartOpsTest
class AgentTaskTemplateTests {

	static final Path COMMITTED = Path.of("processes/.camunda/element-templates/agent-task.json");

	@Autowired
	List<AgentProvider> providers;

	@Autowired
	ObjectMapper json;

	@Test
	void theCommittedTemplateIsWhatTheShippedAgentsMake() throws Exception {
		List<AgentTaskTemplate.Declared> shipped = new ArrayList<>();
		for (AgentProvider provider : providers) {
			provider.descriptors().stream().filter(d -> d.kind() != AgentKind.AUTOMATION)
				.forEach(d -> shipped.add(new AgentTaskTemplate.Declared(d.capability(), d.inputs(), d.outputs())));
			if (provider instanceof ShippedLlmAgents llm) {
				llm.registrations().forEach(r -> shipped.add(new AgentTaskTemplate.Declared(r.capability(),
						r.llm().inputNames(), r.llm().outputNames())));
			}
		}
		String expected = json.copy().enable(SerializationFeature.INDENT_OUTPUT)
			.writeValueAsString(AgentTaskTemplate.of(json, AgentTaskTemplate.contracts(shipped))) + "\n";
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/agent-task.json"), expected);
		assertThat(Files.readString(COMMITTED)).as("made again from target/agent-task.json").isEqualTo(expected);
		assertThat(expected).contains("lead-scoring (reads ").contains("proposal-drafting (reads contactName, companyName")
			.doesNotContain("lead-validation");
	}
}
