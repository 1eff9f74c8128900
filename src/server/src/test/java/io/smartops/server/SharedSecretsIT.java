package io.smartops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server in the {@code postgres} profile without its shared secrets: one line naming
 * each missing variable, exit status 2, and no database touched (its database here is an H2 file
 * that would exist had a connection been opened).
 */
class SharedSecretsIT {

	@TempDir
	Path data;

	@Test
	void aNodeWithoutItsSharedSecretsExitsWithOneLineBeforeItOpensTheDatabase() throws Exception {
		Path database = data.resolve("cluster");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", "target/smartops.jar", "--spring.profiles.active=postgres",
				"--spring.datasource.url=jdbc:h2:file:" + database, "--spring.datasource.username=sa",
				"--smartops.data-dir=" + data));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(data.resolve("node.log").toFile());
		SharedSecrets.REQUIRED.keySet().forEach(builder.environment()::remove);
		Process node = builder.start();
		assertThat(node.waitFor(90, TimeUnit.SECONDS)).as("the node exits").isTrue();

		List<String> lines = Files.readAllLines(data.resolve("node.log")).stream().filter(l -> !l.isBlank()).toList();
		assertThat(node.exitValue()).as(String.join("\n", lines)).isEqualTo(2);
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).startsWith("smartops: ")
			.contains("SMARTOPS_WORKER_PASSWORD", "SMARTOPS_CONFIRM_SECRET", "SMARTOPS_APPS_API_KEY");
		try (var files = Files.list(data)) {
			assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("cluster"));
		}
	}
}
