package io.smartops.mcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * A tool's arguments checked against the input schema it publishes, before it runs: the schema is
 * where an argument's bounds are said (a length, a range, a list's size, the values it may take),
 * and what a client is told is what the server holds it to. Each problem is named by its argument.
 * The schemas are JSON Schema 2020-12, read by networknt's validator (a well-kept library, already
 * what the MCP SDK validates with).
 */
final class ArgumentSchemas {

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private final ObjectMapper json;
	private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	ArgumentSchemas(ObjectMapper json) {
		this.json = json;
	}

	/** The problems per argument (empty when the arguments fit the schema). */
	Map<String, String> problems(McpTool tool, Map<String, Object> arguments) {
		Schema schema = schemas.computeIfAbsent(tool.name(), name -> REGISTRY.getSchema(tool.inputSchema()));
		JsonNode node = json.valueToTree(arguments == null ? Map.of() : arguments);
		Map<String, String> problems = new LinkedHashMap<>();
		for (Error e : schema.validate(node)) {
			if ("additionalProperties".equals(e.getKeyword())) {
				continue; // Arguments names an unknown argument with the ones the tool knows
			}
			String at = field(e.getInstanceLocation().toString());
			String field = "required".equals(e.getKeyword()) && e.getProperty() != null
					? (at.isEmpty() ? "" : at + ".") + e.getProperty()
					: at.isEmpty() ? (e.getProperty() == null ? "arguments" : e.getProperty()) : at;
			String message = "required".equals(e.getKeyword()) ? "is required"
					: e.getMessage().replaceFirst("^\\$[^:]*: ", "");
			problems.putIfAbsent(field, message);
		}
		return problems;
	}

	/** An instance location as a field path, {@code parameters.people}, whether written as a JSON path or a pointer. */
	static String field(String location) {
		return location.replaceFirst("^\\$\\.?", "").replaceFirst("^/", "").replace('/', '.');
	}
}
