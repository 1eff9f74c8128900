package io.smartops.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.Converter;

/** A declared LLM agent's declaration in one JSON column. */
@Converter
class LlmDeclarationColumn extends JsonColumn<LlmDeclaration> {

	LlmDeclarationColumn(ObjectMapper json) {
		super(json, LlmDeclaration.class, "LLM agent declaration");
	}
}
