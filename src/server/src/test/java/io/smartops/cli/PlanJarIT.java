package io.smartops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code java -jar target/smartops.jar plan|generate}: no engine, no web server, the contract's exit statuses. */
class PlanJarIT {

	record Result(int status, String out, String err) {
	}

	static Result jar(Path dir, String... args) throws Exception {
		String[] command = new String[args.length + 3];
		command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		command[1] = "-jar";
		command[2] = Path.of("target", "smartops.jar").toString();
		System.arraycopy(args, 0, command, 3, args.length);
		Path out = dir.resolve("out.txt");
		Path err = dir.resolve("err.txt");
		Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		int status = p.waitFor();
		return new Result(status, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
	}

	@Test
	void planPrintsOnlyThePlanOnStandardOutput(@TempDir Path dir) throws Exception {
		Result r = jar(dir, "plan", "src/server/src/test/resources/examples/medium.json");
		assertThat(r.status()).isZero();
		JsonNode plan = new ObjectMapper().readTree(r.out());
		assertThat(plan.get("margin").asDouble()).isBetween(47421.18, 47421.20);
		assertThat(r.err()).doesNotContain("Tomcat").doesNotContain("ProcessEngine");
	}

	@Test
	void verboseShowsTheSolversProgressOnStandardErrorOnly(@TempDir Path dir) throws Exception {
		Result r = jar(dir, "plan", "--verbose", "src/server/src/test/resources/examples/medium.json");
		assertThat(r.status()).isZero();
		assertThat(r.err()).contains("branch-and-bound: root LP bound").contains("incumbent").contains("gap")
			.contains("search complete");
		Result scip = jar(dir, "plan", "--verbose", "--backend", "scip", "src/server/src/test/resources/examples/medium.json");
		assertThat(scip.err()).contains("primalbound").contains("dualbound").contains("gap");
		assertThat(new ObjectMapper().readTree(r.out()).get("status").asText()).isEqualTo("OPTIMAL");
	}

	@Test
	void infeasibleExitsOneAndInvalidExitsTwo(@TempDir Path dir) throws Exception {
		assertThat(jar(dir, "plan", "src/server/src/test/resources/examples/infeasible.json").status()).isEqualTo(1);
		Path bad = Files.writeString(dir.resolve("bad.json"), "{\"periods\": 1}");
		Result r = jar(dir, "plan", bad.toString());
		assertThat(r.status()).isEqualTo(2);
		assertThat(r.err()).contains("products: is required");
	}

	@Test
	void generateWritesAScenario(@TempDir Path dir) throws Exception {
		Result r = jar(dir, "generate", "--products", "2", "--warehouses", "1", "--stores", "2", "--periods", "2",
				"--options", "2", "--seed", "3");
		assertThat(r.status()).isZero();
		assertThat(new ObjectMapper().readTree(r.out()).get("demand").size()).isPositive();
	}
}
