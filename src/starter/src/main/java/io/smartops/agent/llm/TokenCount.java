package io.smartops.agent.llm;

/**
 * Tokens of one or more model calls by type, as providers price them.
 *
 * @param input prompt tokens read fresh
 * @param output completion tokens
 * @param cached prompt tokens read from the provider's prompt cache (cheaper)
 */
public record TokenCount(long input, long output, long cached) {

	public static final TokenCount NONE = new TokenCount(0, 0, 0);

	public TokenCount plus(TokenCount other) {
		return new TokenCount(input + other.input, output + other.output, cached + other.cached);
	}

	public long total() {
		return input + output + cached;
	}
}
