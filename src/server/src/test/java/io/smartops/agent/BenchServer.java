package io.smartops.agent;

import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.smartops.server.SmartOpsServer;

/**
 * What the agent benchmarks share: a server on an in-memory database with the job executor on and
 * no in-server workers (the benchmark starts its own), a burst of process instances timed until
 * the last has ended, and the best of several runs.
 */
final class BenchServer {

	/** One run's figures, as the benchmarks' tables compare them. */
	interface Measured {

		String mode();

		int threads();

		double throughput();
	}

	private BenchServer() {
	}

	/** A server on {@code jdbc:h2:mem:DATABASE}, logging warnings and the benchmark's own lines. */
	static ConfigurableApplicationContext start(String database, Class<?> benchmark) {
		return start(database, benchmark, false);
	}

	/**
	 * A server on {@code jdbc:h2:mem:DATABASE}, or with {@code postgres} on a fresh database of that
	 * name on the machine's PostgreSQL ({@code SMARTOPS_TEST_PG_HOST}, else 127.0.0.1:5432).
	 */
	static ConfigurableApplicationContext start(String database, Class<?> benchmark, boolean postgres) {
		String url = "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
		if (postgres) {
			String host = System.getenv().getOrDefault("SMARTOPS_TEST_PG_HOST", "127.0.0.1:5432");
			try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://" + host + "/postgres",
					"postgres", "")) {
				c.createStatement().execute("drop database if exists " + database + " with (force)");
				c.createStatement().execute("create database " + database);
			}
			catch (java.sql.SQLException e) {
				throw new IllegalStateException("no PostgreSQL at " + host, e);
			}
			url = "jdbc:postgresql://" + host + "/" + database;
		}
		// command-line arguments: they override application.yaml (builder properties would not)
		return new SpringApplicationBuilder(SmartOpsServer.class)
			.run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=" + (postgres ? "postgres" : "sa"),
					"--spring.datasource.password=", "--smartops.agents.in-server-workers=false",
					"--camunda.bpm.job-execution.enabled=true", "--smartops.demo.history.enabled=false",
					"--smartops.demo.start-run=false", "--logging.level.root=WARN",
					"--logging.level." + benchmark.getName() + "=INFO");
	}

	/** The engine's REST API of a started server. */
	static String engineRest(ConfigurableApplicationContext app) {
		return "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/engine-rest";
	}

	/**
	 * Starts {@code instances} instances of {@code processKey} and waits until as many more have
	 * ended; the seconds that took. Fails after five minutes, naming the run.
	 */
	static double startAndAwait(ConfigurableApplicationContext app, String processKey, int instances, String run)
			throws InterruptedException {
		RuntimeService runtime = app.getBean(RuntimeService.class);
		HistoryService history = app.getBean(HistoryService.class);
		long before = history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey).finished().count();
		long start = System.nanoTime();
		for (int i = 0; i < instances; i++) {
			runtime.startProcessInstanceByKey(processKey);
		}
		long deadline = System.currentTimeMillis() + 300_000;
		long done;
		while ((done = history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey).finished().count()
				- before) < instances) {
			if (System.currentTimeMillis() > deadline) {
				throw new IllegalStateException(run + ": only " + done + " of " + instances + " tasks done in 300 s");
			}
			Thread.sleep(20);
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/** The best throughput among the runs of a mode and a number of threads. */
	static double best(List<? extends Measured> results, String mode, int threads) {
		return results.stream()
			.filter(r -> r.mode().equals(mode) && r.threads() == threads)
			.mapToDouble(Measured::throughput)
			.max()
			.orElseThrow();
	}
}
