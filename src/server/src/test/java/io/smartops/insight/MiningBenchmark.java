package io.smartops.insight;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.smartops.demo.sales.SalesProcess;
import io.smartops.server.SmartOpsServer;
import io.smartops.support.BenchmarkDatabase;

/**
 * The process-mining benchmark ({@code docs/benchmarks.md}): loads a large sales-operations history
 * with {@link InsightBenchmark}'s generator, then over HTTP exports the event log in each format and
 * checks conformance, each timed, with the bytes written and the JVM's peak heap use during it (a
 * thread samples the heap every 20 ms, after a full collection before each run). The baseline,
 * side by side: one streaming query that reads the same task-execution rows and writes nothing.
 * Usage: {@code .ci/benchmarks/mining.sh h2|postgres INSTANCES}.
 */
public final class MiningBenchmark {

	private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes());

	public static void main(String[] args) throws Exception {
		String vendor = args.length > 0 ? args[0] : "h2";
		int instances = args.length > 1 ? Integer.parseInt(args[1]) : 160_000;
		List<String> settings = new ArrayList<>(List.of("--server.port=0", "--smartops.demo.enabled=false",
				"--smartops.demo.start-run=false", "--smartops.agents.in-server-workers=false",
				"--camunda.bpm.job-execution.enabled=false", "--logging.level.root=WARN",
				"--logging.level.io.smartops.insight=INFO", "--smartops.insights.digest.enabled=false"));
		BenchmarkDatabase database = BenchmarkDatabase.fresh(vendor, "smartops_mining_bench");
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SmartOpsServer.class).run(database.with(settings));
		try {
			Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);
			Instant from = to.minus(90, ChronoUnit.DAYS);
			String definitionId = app.getBean(org.camunda.bpm.engine.RepositoryService.class).createProcessDefinitionQuery()
				.processDefinitionKey(SalesProcess.KEY).latestVersion().singleResult().getId();
			DataSource dataSource = app.getBean(DataSource.class);
			long[] rows = InsightBenchmark.load(dataSource, definitionId, instances, from.toEpochMilli(), to.toEpochMilli(),
					false);
			if (vendor.equals("postgres")) {
				try (Connection c = dataSource.getConnection()) {
					c.createStatement().execute("analyze");
				}
			}
			System.out.printf(Locale.ROOT, "%n%s: %d instances, %d task executions in history (generated in %.1f s); the JVM's"
					+ " heap is capped at %d MB%n", vendor, rows[0], rows[1], rows[3] / 1000.0,
					Runtime.getRuntime().maxMemory() / (1024 * 1024));
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			String base = "http://localhost:" + port + "/smartops/api/insights/processes/" + SalesProcess.KEY;
			String window = "from=" + from + "&to=" + to;
			HttpClient http = HttpClient.newHttpClient();

			Run baseline = measure(() -> {
				long n = 0;
				try (Connection c = dataSource.getConnection()) {
					c.setAutoCommit(false);
					try (PreparedStatement ps = c.prepareStatement("select process_instance_id, activity_id, activity_name,"
							+ " executor_kind, executor_id, executor_group, started_epoch_millis, duration_millis, cost, outcome"
							+ " from smartops_task_execution where process_definition_key = ?")) {
						ps.setFetchSize(500);
						ps.setString(1, SalesProcess.KEY);
						try (ResultSet rs = ps.executeQuery()) {
							while (rs.next()) {
								n += rs.getString(2).length();
							}
						}
					}
					c.rollback();
				}
				return n;
			});
			System.out.printf(Locale.ROOT, "baseline: one streaming query over the task executions: %.1f s, peak heap %d MB%n",
					baseline.seconds(), baseline.peakMegabytes());
			for (String format : List.of("xes", "ocel", "csv")) {
				URI uri = URI.create(base + "/event-log?format=" + format + "&" + window);
				Run r = measure(() -> download(http, uri));
				System.out.printf(Locale.ROOT, "export %-4s: %.1f s (%.1f× the baseline), %,d bytes, peak heap %d MB%n", format,
						r.seconds(), r.seconds() / baseline.seconds(), r.result(), r.peakMegabytes());
			}
			URI conformance = URI.create(base + "/conformance?" + window);
			Run c = measure(() -> download(http, conformance));
			System.out.printf(Locale.ROOT, "conformance: %.1f s (%.1f× the baseline), peak heap %d MB%n", c.seconds(),
					c.seconds() / baseline.seconds(), c.peakMegabytes());
			URI variants = URI.create(base + "/variants?" + window);
			Run v = measure(() -> download(http, variants));
			System.out.printf(Locale.ROOT, "variants: %.1f s, peak heap %d MB%n", v.seconds(), v.peakMegabytes());
		}
		finally {
			app.close();
			database.delete();
		}
	}

	record Run(double seconds, long result, long peakMegabytes) {
	}

	interface Work {
		long run() throws Exception;
	}

	/** Runs the work after a full collection, timing it while a thread samples the heap's use. */
	static Run measure(Work work) throws Exception {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		AtomicLong peak = new AtomicLong();
		LongSupplier used = () -> memory.getHeapMemoryUsage().getUsed();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				peak.accumulateAndGet(used.getAsLong(), Math::max);
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		});
		sampler.setDaemon(true);
		sampler.start();
		long start = System.nanoTime();
		long result = work.run();
		double seconds = (System.nanoTime() - start) / 1e9;
		sampler.interrupt();
		sampler.join();
		return new Run(seconds, result, peak.get() / (1024 * 1024));
	}

	/** GETs the URI and counts the bytes of the answer as they arrive. */
	static long download(HttpClient http, URI uri) throws Exception {
		HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", AUTH).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		long bytes = 0;
		byte[] buffer = new byte[65536];
		try (InputStream in = r.body()) {
			for (int n; (n = in.read(buffer)) > 0;) {
				bytes += n;
			}
		}
		if (r.statusCode() != 200) {
			throw new IllegalStateException("GET " + uri + ": " + r.statusCode());
		}
		return bytes;
	}
}
