package io.smartops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The command line in-process: output, messages and exit statuses of the contract. */
class SmartOpsCliTests {

	static final ObjectMapper JSON = new ObjectMapper();

	record Run(int status, String out, String err) {
	}

	static Run run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = SmartOpsCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	static String example(String name) {
		return Path.of("src/server/src/test/resources/examples", name).toString();
	}

	@Test
	void planPrintsThePlanJsonAndExitsZero() throws Exception {
		Run r = run("plan", example("small.json"));
		assertThat(r.status()).isZero();
		JsonNode plan = JSON.readTree(r.out());
		assertThat(plan.get("status").asText()).isEqualTo("OPTIMAL");
		assertThat(plan.get("margin").asDouble()).isBetween(16655.25, 16655.27);
	}

	@Test
	void infeasibleScenarioPrintsThePlanAndExitsOne() throws Exception {
		Run r = run("plan", example("infeasible.json"));
		assertThat(r.status()).isEqualTo(1);
		JsonNode plan = JSON.readTree(r.out());
		assertThat(plan.get("status").asText()).isEqualTo("INFEASIBLE");
		assertThat(plan.get("conflict").toString()).contains("co2-cap").contains("fill-rate");
	}

	@Test
	void aNumberBeyondTheOptimizersRangeExitsTwoNamingTheField(@TempDir Path dir) throws Exception {
		String huge = Files.readString(Path.of(example("small.json"))).replaceFirst("\"holdingCost\": [0-9.]+",
				"\"holdingCost\": 1e308");
		Path file = Files.writeString(dir.resolve("huge.json"), huge);
		Run r = run("plan", file.toString());
		assertThat(r.status()).isEqualTo(2);
		assertThat(r.err().lines()).hasSize(1);
		assertThat(r.err()).contains("products[0].holdingCost").contains("larger than");
	}

	@Test
	void invalidScenarioExitsTwoWithOneLineNamingTheField(@TempDir Path dir) throws Exception {
		String broken = Files.readString(Path.of(example("small.json"))).replaceFirst("\"periods\": 3", "\"periods\": -1");
		Path file = Files.writeString(dir.resolve("broken.json"), broken);
		Run r = run("plan", file.toString());
		assertThat(r.status()).isEqualTo(2);
		assertThat(r.out()).isEmpty();
		assertThat(r.err().lines()).hasSize(1);
		assertThat(r.err()).contains("periods: -1 must be at least 1");
	}

	@Test
	void missingFileAndBadOptionsExitTwo() {
		assertThat(run("plan", "no-such-file.json").status()).isEqualTo(2);
		assertThat(run("plan", "--time-limit", "soon", example("small.json")).err()).contains("--time-limit");
		assertThat(run("plan", "--backend", "gurobi", example("small.json")).err()).contains("--backend");
		assertThat(run("plan").err()).contains("SCENARIO.json is required");
		assertThat(run("generate", "--products", "0", "--warehouses", "1", "--stores", "1", "--periods", "1",
				"--options", "1").status()).isEqualTo(2);
	}

	@Test
	void generateWritesAScenarioOfTheFamilyAskedForAndNamesTheFamiliesForAnUnknownOne() throws Exception {
		String[] size = { "--products", "3", "--warehouses", "2", "--stores", "3", "--periods", "3", "--options", "2",
				"--seed", "5" };
		Run standard = run(concat("generate", size));
		Run carriers = run(concat("generate", concat("--family", concat("many-carriers", size))));
		assertThat(standard.status()).isZero();
		assertThat(carriers.status()).isZero();
		assertThat(JSON.readTree(standard.out()).path("carriers")).hasSize(3);
		assertThat(JSON.readTree(carriers.out()).path("carriers")).hasSize(7);
		assertThat(JSON.readTree(carriers.out()).path("name").asText()).endsWith("-many-carriers");

		Run unknown = run(concat("generate", concat("--family", concat("huge", size))));
		assertThat(unknown.status()).isEqualTo(2);
		assertThat(unknown.err()).contains("--family: no family huge").contains("sparse-lanes");
	}

	static String[] concat(String first, String... rest) {
		String[] all = new String[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}

	@Test
	void compareReportsBothMarginsAndTheUplift() throws Exception {
		Run r = run("plan", "--compare", example("medium.json"));
		assertThat(r.status()).isZero();
		JsonNode c = JSON.readTree(r.out());
		double optimized = c.get("optimizedMargin").asDouble();
		double siloed = c.get("siloedMargin").asDouble();
		assertThat(optimized).isGreaterThanOrEqualTo(siloed);
		assertThat(c.get("uplift").asDouble()).isCloseTo(optimized - siloed, org.assertj.core.api.Assertions.within(1e-6));
	}

	@Test
	void siloedPrintsTheBaselinePlan() throws Exception {
		Run r = run("plan", "--siloed", example("small.json"));
		assertThat(r.status()).isZero();
		assertThat(JSON.readTree(r.out()).get("backend").asText()).isEqualTo("siloed/bnb");
	}

	@Test
	void generateWritesAValidScenarioThatPlans(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("g.json");
		Run g = run("generate", "--products", "3", "--warehouses", "2", "--stores", "4", "--periods", "3", "--options",
				"2", "--seed", "7", "--out", file.toString());
		assertThat(g.status()).isZero();
		Run p = run("plan", file.toString());
		assertThat(p.status()).isZero();
	}
}
