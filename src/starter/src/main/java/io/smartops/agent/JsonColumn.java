package io.smartops.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;

/** A value kept as JSON in one column, written and read with Spring's mapper. */
abstract class JsonColumn<T> implements AttributeConverter<T, String> {

	private final ObjectMapper json;
	private final Class<T> type;
	private final String what;

	JsonColumn(ObjectMapper json, Class<T> type, String what) {
		this.json = json;
		this.type = type;
		this.what = what;
	}

	@Override
	public String convertToDatabaseColumn(T value) {
		try {
			return value == null ? null : json.writeValueAsString(value);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(what + " that cannot be written", e);
		}
	}

	@Override
	public T convertToEntityAttribute(String column) {
		try {
			return column == null ? null : json.readValue(column, type);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("the stored " + what + " cannot be read: " + e.getOriginalMessage(), e);
		}
	}
}
