package io.smartops.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.Converter;

/** An MCP-tool agent's binding in one JSON column. */
@Converter
class McpToolBindingColumn extends JsonColumn<McpToolBinding> {

	McpToolBindingColumn(ObjectMapper json) {
		super(json, McpToolBinding.class, "MCP tool binding");
	}
}
