package io.smartops.agent;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A set of agents a capability ships: their handlers (run by external-task workers) and their
 * library entries. The in-server workers register and run every provider's agents, so a new
 * capability plugs its agents in by declaring one provider bean.
 */
public interface AgentProvider {

	List<AgentHandler> handlers();

	List<AgentLibrary.Descriptor> descriptors();

	default AgentHandler handler(String agentId) {
		return handlers().stream().filter(h -> h.agentId().equals(agentId)).findFirst().orElse(null);
	}

	/** Registers or updates every agent's library entry with its availability and measured evaluation. */
	default void register(AgentLibrary library) {
		for (AgentLibrary.Descriptor d : descriptors()) {
			AgentHandler handler = handler(d.id());
			Map<String, Object> evaluation = handler == null ? Map.of() : handler.evaluation();
			Double measuredQuality = evaluation.get("heldOutAuc") instanceof Number auc ? auc.doubleValue() : null;
			String json;
			try {
				json = evaluation.isEmpty() ? null : Json.MAPPER.writeValueAsString(new java.util.TreeMap<>(evaluation));
			}
			catch (JsonProcessingException e) {
				throw new IllegalStateException(e);
			}
			library.ensureBuiltin(d, handler == null || handler.available(), json, measuredQuality);
		}
	}

	/** One mapper for every provider's evaluations. */
	final class Json {
		static final ObjectMapper MAPPER = new ObjectMapper();

		private Json() {
		}
	}
}
