package io.smartops.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smartops.plan.model.LinearModel;
import io.smartops.plan.scenario.InvalidScenarioException;
import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.ScenarioJson;

/** A scenario too large for the heap is refused up front with a message naming its size and the limit. */
class ModelMemoryTests {

	@Test
	void theCountFromTheScenarioMatchesTheModelItBuildsInEveryFamily() {
		for (ScenarioGenerator.Family family : ScenarioGenerator.Family.values()) {
			Scenario s = new ScenarioGenerator(3, family).generate(new ScenarioGenerator.Size(6, 3, 6, 4, 3));
			LinearModel model = new RetailModel(s).model();
			long actual = model.rows().stream().mapToLong(LinearModel.Row::size).sum();
			assertThat((double) ModelMemory.nonzeros(s)).as(family.label()).isBetween(0.9 * actual, 1.1 * actual);
		}
	}

	@Test
	void aModelLargerThanTheFreeHeapIsRefusedNamingItsSizeAndTheLimit() {
		Scenario s = new ScenarioGenerator(1).generate(new ScenarioGenerator.Size(10, 3, 10, 4, 3));
		long nonzeros = ModelMemory.nonzeros(s);
		long needed = nonzeros * ModelMemory.BYTES_PER_NONZERO;
		ModelMemory.check(nonzeros, 4 * needed, needed);
		assertThatThrownBy(() -> ModelMemory.check(nonzeros, 4 * needed, needed - 1)).isInstanceOf(InvalidScenarioException.class)
			.satisfies(e -> assertThat(((InvalidScenarioException) e).problems()).singleElement()
				.asString()
				.startsWith("scenario: too large for this process's memory")
				.contains(String.format("%,d nonzeros", ModelMemory.nonzeros(s)))
				.contains(String.format("of the %,d MB limit", (4 * needed) >> 20))
				.contains("-Xmx"));
	}

	/** The command line in a JVM of its own with a small heap: exit 2 and one line, not an OutOfMemoryError. */
	@Test
	void theCommandLineExitsTwoForAScenarioTooLargeForItsHeap(@TempDir Path dir) throws Exception {
		Scenario s = new ScenarioGenerator(1).generate(new ScenarioGenerator.Size(30, 4, 25, 6, 3));
		Path file = Files.writeString(dir.resolve("large.json"), ScenarioJson.write(s));
		Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
				"-cp", System.getProperty("java.class.path"), "io.smartops.server.SmartOpsServer", "plan", file.toString())
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(dir.resolve("err.txt").toFile())
			.start();
		assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
		List<String> err = Files.readAllLines(dir.resolve("err.txt")).stream()
			// the test class path's logging bindings announce themselves; the JVM warns about native access
			.filter(line -> !line.startsWith("WARNING") && !line.startsWith("SLF4J") && !line.isBlank())
			.toList();
		assertThat(p.exitValue()).as(String.join("\n", err)).isEqualTo(2);
		assertThat(err).singleElement().asString().contains("scenario: too large for this process's memory").contains("-Xmx");
	}
}
