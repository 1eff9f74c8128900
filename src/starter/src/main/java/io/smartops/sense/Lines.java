package io.smartops.sense;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * A list of constraint names in one text column, one name a line: the names hold commas
 * ({@code carrier-capacity[3PL-A,1]}) but never a line break, so they come back whole.
 */
@Converter
class Lines implements AttributeConverter<List<String>, String> {

	@Override
	public String convertToDatabaseColumn(List<String> names) {
		return names == null || names.isEmpty() ? null : String.join("\n", names);
	}

	@Override
	public List<String> convertToEntityAttribute(String column) {
		return column == null || column.isEmpty() ? List.of() : List.of(column.split("\n"));
	}
}
