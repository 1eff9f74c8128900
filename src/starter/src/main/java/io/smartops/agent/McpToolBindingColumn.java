package io.smartops.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** An MCP-tool agent's binding in one JSON column, written and read with Spring's mapper. */
@Converter
class McpToolBindingColumn implements AttributeConverter<McpToolBinding, String> {

	private final ObjectMapper json;

	McpToolBindingColumn(ObjectMapper json) {
		this.json = json;
	}

	@Override
	public String convertToDatabaseColumn(McpToolBinding binding) {
		try {
			return binding == null ? null : json.writeValueAsString(binding);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("an MCP tool binding that cannot be written", e);
		}
	}

	@Override
	public McpToolBinding convertToEntityAttribute(String column) {
		try {
			return column == null ? null : json.readValue(column, McpToolBinding.class);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("the stored MCP tool binding cannot be read: " + e.getOriginalMessage(), e);
		}
	}
}
