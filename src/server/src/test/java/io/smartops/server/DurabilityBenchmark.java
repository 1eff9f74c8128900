package io.smartops.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;


/**
 * What durable commits cost on the default H2 database: leads posted over HTTP (each starts a
 * sales-operations instance and writes its history) with H2's default 500 ms write delay against
 * {@code WRITE_DELAY=0}, which the server uses, side by side and alternating, on a fresh database
 * file each run, after a warm-up round of each. Prints instances per second and p50/p95 of {@code POST /leads} per setting and the
 * ratio. Run with {@code .ci/benchmarks/durability.sh [LEADS] [THREADS]}.
 */
public final class DurabilityBenchmark {

	private static final Logger log = LoggerFactory.getLogger(DurabilityBenchmark.class);
	private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes());

	record Result(String setting, double perSecond, long p50, long p95) {
	}

	public static void main(String[] args) throws Exception {
		int leads = args.length > 0 ? Integer.parseInt(args[0]) : 400;
		int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
		List<Result> results = new ArrayList<>();
		// round 0 warms the JVM up (the first contexts run cold code) and is not counted
		for (int round = 0; round <= 3; round++) {
			for (int delay : new int[] { 500, 0 }) {
				Result r = run(delay, leads, threads);
				log.info("round {} WRITE_DELAY={}: {} instances/s, POST /leads p50 {} ms p95 {} ms", round, delay,
						String.format(Locale.ROOT, "%.1f", r.perSecond()), r.p50(), r.p95());
				if (round > 0) {
					results.add(r);
				}
			}
		}
		double delayed = results.stream().filter(r -> r.setting().equals("500")).mapToDouble(Result::perSecond).average()
			.orElseThrow();
		double durable = results.stream().filter(r -> r.setting().equals("0")).mapToDouble(Result::perSecond).average()
			.orElseThrow();
		System.out.printf(Locale.ROOT, "%n%d leads, %d threads, 3 rounds each after a warm-up round%n", leads, threads);
		System.out.printf(Locale.ROOT, "%-14s %12s %8s %8s%n", "WRITE_DELAY", "instances/s", "p50 ms", "p95 ms");
		for (Result r : results) {
			System.out.printf(Locale.ROOT, "%-14s %12.1f %8d %8d%n", r.setting() + " ms", r.perSecond(), r.p50(), r.p95());
		}
		System.out.printf(Locale.ROOT, "durable commits keep %.1f%% of the throughput (%.1f against %.1f instances/s)%n",
				100 * durable / delayed, durable, delayed);
	}

	private static Result run(int writeDelay, int leads, int threads) throws Exception {
		Path data = Files.createTempDirectory("smartops-durability");
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SmartOpsServer.class).run("--server.port=0",
				"--spring.datasource.url=jdbc:h2:file:" + data + "/smartops;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY="
						+ writeDelay,
				"--smartops.demo.start-run=false", "--smartops.agents.in-server-workers=false",
				"--camunda.bpm.job-execution.enabled=false", "--logging.level.root=WARN",
				"--logging.level.io.smartops.server.DurabilityBenchmark=INFO");
		try {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			HttpClient http = HttpClient.newHttpClient();
			URI uri = URI.create("http://localhost:" + port + "/smartops/api/leads");
			post(http, uri, 0); // warm-up
			List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
			AtomicInteger next = new AtomicInteger(1);
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			long start = System.nanoTime();
			List<Future<?>> running = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				running.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i <= leads; i = next.getAndIncrement()) {
						long s = System.nanoTime();
						post(http, uri, i);
						latencies.add((System.nanoTime() - s) / 1_000_000);
					}
					return null;
				}));
			}
			for (Future<?> f : running) {
				f.get();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			pool.shutdown();
			List<Long> sorted = new ArrayList<>(latencies);
			Collections.sort(sorted);
			return new Result(Integer.toString(writeDelay), leads / seconds, sorted.get(sorted.size() / 2),
					sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1));
		}
		finally {
			app.close();
		}
	}

	private static void post(HttpClient http, URI uri, int i) throws Exception {
		String lead = """
				{"companyName":"Durable %d GmbH","contactName":"Dana Durable","email":"dana@durable%d.example",
				 "country":"DE","employees":%d,"source":"web"}""".formatted(i, i, 50 + i % 5000);
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", AUTH)
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(lead)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != 201) {
			throw new IllegalStateException("POST /leads answered " + r.statusCode() + ": " + r.body());
		}
	}
}
