package io.smartops.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.smartops.support.FormWording;

/**
 * Every Tasklist form in the business's words: each form shipped in {@code forms/} is checked
 * with the variables of a real task of its process by the test of that process
 * ({@link FormWording#assertInWords}), and the checker itself catches what it must.
 */
class FormWordingTests {

	@Test
	void everyFormIsCheckedWithARealTaskOfItsProcess() throws IOException {
		List<String> forms;
		try (Stream<Path> files = Files.list(Path.of("forms"))) {
			forms = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".form"))
				.map(n -> n.substring(0, n.length() - ".form".length())).sorted().toList();
		}
		String tests;
		try (Stream<Path> sources = Files.walk(Path.of("src", "server", "src", "test", "java"))) {
			StringBuilder all = new StringBuilder();
			for (Path p : sources.filter(p -> p.toString().endsWith("Tests.java")).toList()) {
				all.append(Files.readString(p));
			}
			tests = all.toString();
		}
		List<String> unchecked = new ArrayList<>();
		for (String form : forms) {
			if (!tests.contains("FormWording.assertInWords(\"" + form + "\"")) {
				unchecked.add(form);
			}
		}
		assertThat(forms).isNotEmpty();
		assertThat(unchecked).as("forms no test shows with a real task's variables").isEmpty();
	}

	@Test
	void theCheckerFindsKeysIdsModelRowsAndUnformattedNumbers() throws IOException {
		String form = """
				{"components":[{"type":"text","text":"## Plan\\n{{summary}}"},
				 {"type":"textfield","key":"margin","label":"Margin"}]}""";
		assertThat(FormWording.problems(FormWording.shown(form, Map.of("summary", "committedRevenue 1234567.891",
				"margin", "carrier-capacity[3PL-A,1] for 0e6a3c1e-1f2b-11ef-9a6b-0242ac120002"))))
			.hasSize(4)
			.anyMatch(p -> p.startsWith("a key written as code"))
			.anyMatch(p -> p.startsWith("an unformatted number"))
			.anyMatch(p -> p.startsWith("an optimizer's row name"))
			.anyMatch(p -> p.startsWith("a raw id"));
		assertThat(FormWording.problems(FormWording.shown(form, Map.of("summary",
				"Revenue from committed orders +1,234,567.89", "margin", "Carrier 3PL-A is full in period 1")))).isEmpty();
	}
}
