package io.smartops.server;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How fast the packaged server starts and works a lead, measured from outside
 * ({@code .ci/benchmarks/speed.sh}):
 * <ul>
 * <li>{@code start}: the server with the demo on a fresh H2 database, then restarted on it, each as
 * {@code java -jar} and as the Docker image runs it (the jar extracted, with a class-data archive
 * made by a training run): seconds to the first answer of {@code /actuator/health}, and on the
 * fresh database until the demo history's warm-up has ended.</li>
 * <li>{@code leads h2|postgres}: leads posted to {@code /smartops/api/leads} one at a time (idle),
 * then at fixed rates: each lead's automated part end to end (the instance's start to "Review
 * proposal", or to its end when no person is needed, from the engine's history), each agent
 * task's pick-up (its creation to the agent's start, from the history and the call records) and
 * the POST's own time; p50 and p95.</li>
 * </ul>
 */
public final class SpeedBenchmark {

	static final String PG = ClusterBenchmark.PG;

	private final Path work;
	private final List<Process> processes = new ArrayList<>();

	SpeedBenchmark() throws IOException {
		this.work = Files.createTempDirectory("smartops-speed");
	}

	public static void main(String[] args) throws Exception {
		String mode = args.length > 0 ? args[0] : "start";
		SpeedBenchmark bench = new SpeedBenchmark();
		Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll));
		try {
			switch (mode) {
				case "start" -> bench.start();
				case "leads" -> bench.leads(args.length > 1 ? args[1] : "h2", args.length > 2 ? Integer.parseInt(args[2]) : 40,
						args.length > 3 ? args[3] : "5,10,20");
				default -> throw new IllegalArgumentException("mode: start or leads");
			}
		}
		finally {
			bench.stopAll();
		}
		System.out.println("logs: " + bench.work);
	}

	// ---------------------------------------------------------------- start

	void start() throws Exception {
		Path extracted = work.resolve("app");
		run(List.of(java(), "-Djarmode=tools", "-jar", "target/smartops.jar", "extract", "--destination",
				extracted.toString()));
		// the class-data archive: a training run that stops once the context has refreshed (Spring Boot's CDS)
		Path training = work.resolve("training-data");
		run(List.of(java(), "-XX:ArchiveClassesAtExit=" + extracted.resolve("app.jsa"), "-Dspring.context.exit=onRefresh",
				"-jar", extracted.resolve("smartops.jar").toString(), "--smartops.data-dir=" + training));
		List<String> lines = new ArrayList<>();
		for (String how : List.of("java -jar", "extracted + CDS")) {
			List<String> command = how.equals("java -jar") ? List.of(java(), "-jar", "target/smartops.jar")
					: List.of(java(), "-XX:SharedArchiveFile=" + extracted.resolve("app.jsa"), "-jar",
							extracted.resolve("smartops.jar").toString());
			Path data = work.resolve("data-" + how.replaceAll("\\W+", "-"));
			for (String start : List.of("fresh database", "restart")) {
				int port = freePort();
				long begun = System.nanoTime();
				Process server = server(command, port, data, how + " " + start);
				double firstAnswer = waitUp(port, server);
				String warm = "";
				if (start.equals("fresh database")) {
					ClusterBenchmark.waitFor(Duration.ofSeconds(300), () -> warmUpDone(port) ? "" : null, "the demo history");
					warm = String.format(Locale.ROOT, ", demo history seeded after %.1f s", (System.nanoTime() - begun) / 1e9);
				}
				lines.add(String.format(Locale.ROOT, "%-16s %-15s first answer after %.1f s%s", how, start, firstAnswer, warm));
				ClusterBenchmark.log("%s", lines.get(lines.size() - 1));
				stop(server);
			}
		}
		System.out.printf(Locale.ROOT, "%nserver start, the demo on H2 (%d cores)%n", Runtime.getRuntime().availableProcessors());
		lines.forEach(System.out::println);
	}

	boolean warmUpDone(int port) {
		try {
			HttpResponse<String> r = ClusterBenchmark.send(port, "GET", "/smartops/api/node/warm-up", null);
			return r.statusCode() == 200 && ClusterBenchmark.JSON.readTree(r.body()).isEmpty();
		}
		catch (Exception e) {
			return false;
		}
	}

	// ---------------------------------------------------------------- leads

	/** What one lead's automated part took. */
	record Lead(double endToEndMillis, double postMillis, List<Double> pickUpMillis) {
	}

	void leads(String database, int idle, String rates) throws Exception {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g", "-jar", "target/smartops.jar"));
		String db = "smartops_speed_" + ProcessHandle.current().pid();
		if (database.equals("postgres")) {
			database(db, true);
			command.addAll(List.of("--spring.profiles.active=postgres", "--spring.datasource.url=jdbc:postgresql://" + PG + "/" + db,
					"--spring.datasource.username=postgres", "--spring.datasource.password=", "--smartops.demo.enabled=true"));
		}
		command.addAll(List.of("--smartops.demo.history.enabled=false", "--smartops.demo.start-run=false"));
		// settings to compare with the defaults, e.g. SERVER_ARGS="--smartops.agents.worker-threads=4"
		String extra = System.getenv().getOrDefault("SERVER_ARGS", "").strip();
		if (!extra.isEmpty()) {
			command.addAll(List.of(extra.split("\\s+")));
		}
		Process server = server(command, port, work.resolve("data-leads"), "leads " + database);
		try {
			waitUp(port, server);
			phase(port, "warm-up", 20, 5);
			List<String> lines = new ArrayList<>();
			lines.add(phase(port, "idle, one at a time", idle, 0));
			for (String rate : rates.split(",")) {
				double perSecond = Double.parseDouble(rate);
				lines.add(phase(port, String.format(Locale.ROOT, "%.0f leads/s for 10 s", perSecond), (int) (perSecond * 10),
						perSecond));
			}
			System.out.printf(Locale.ROOT, "%nsales-operations leads on %s (%d cores), %s%n", database,
					Runtime.getRuntime().availableProcessors(),
					extra.isEmpty() ? "the server's defaults" : "the server's defaults and " + extra);
			System.out.println("load | leads | automated part p50 / p95 / max (ms) | agent pick-up p50 / p95 (ms) | POST p50 / p95 (ms)");
			lines.forEach(System.out::println);
		}
		finally {
			stop(server);
			if (database.equals("postgres")) {
				database(db, false);
			}
		}
	}

	/** Posts {@code count} leads, one after the other's automated part (rate 0) or at a fixed rate, and measures them. */
	String phase(int port, String name, int count, double rate) throws Exception {
		Map<String, Double> posts = new ConcurrentHashMap<>();
		ExecutorService pool = Executors.newFixedThreadPool(rate == 0 ? 1 : 16);
		List<Future<String>> posted = new ArrayList<>();
		long begun = System.nanoTime();
		String run = Long.toString(System.nanoTime(), 36);
		for (int i = 0; i < count; i++) {
			if (rate > 0) {
				long due = begun + (long) (i / rate * 1e9);
				long wait = due - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
			}
			int n = i;
			Future<String> f = pool.submit(() -> {
				String lead = """
						{"companyName":"Speed %s %d AG","contactName":"Sam Speed","email":"sam@s%s%d.example",
						 "country":"DE","employees":%d,"source":"web"}""".formatted(run, n, run, n, 200 + n % 3000);
				long s = System.nanoTime();
				HttpResponse<String> r = ClusterBenchmark.send(port, "POST", "/smartops/api/leads", lead);
				double millis = (System.nanoTime() - s) / 1e6;
				if (r.statusCode() != 201) {
					throw new IllegalStateException("POST /leads answered " + r.statusCode() + ": " + r.body());
				}
				String id = ClusterBenchmark.JSON.readTree(r.body()).get("processInstanceId").asText();
				posts.put(id, millis);
				return id;
			});
			posted.add(f);
			if (rate == 0) {
				String id = f.get();
				ClusterBenchmark.waitFor(Duration.ofSeconds(60), () -> automatedPartEnded(port, id) ? "" : null, "lead " + id);
			}
		}
		List<String> ids = new ArrayList<>();
		for (Future<String> f : posted) {
			ids.add(f.get());
		}
		pool.shutdown();
		ClusterBenchmark.waitFor(Duration.ofSeconds(600), () -> ids.stream().allMatch(id -> automatedPartEnded(port, id)) ? "" : null,
				"every lead of " + name);
		List<Double> endToEnd = new ArrayList<>();
		List<Double> pickUps = new ArrayList<>();
		List<Double> postTimes = new ArrayList<>();
		for (String id : ids) {
			Lead lead = measure(port, id, posts.get(id));
			endToEnd.add(lead.endToEndMillis());
			pickUps.addAll(lead.pickUpMillis());
			postTimes.add(lead.postMillis());
		}
		String line = String.format(Locale.ROOT, "%s | %d | %.0f / %.0f / %.0f | %.0f / %.0f | %.0f / %.0f", name, count,
				pct(endToEnd, 50), pct(endToEnd, 95), pct(endToEnd, 100), pct(pickUps, 50), pct(pickUps, 95),
				pct(postTimes, 50), pct(postTimes, 95));
		ClusterBenchmark.log("%s", line);
		return line;
	}

	static final List<String> AGENT_TASKS = List.of("Task_EnrichCompany", "Task_ScoreLead", "Task_DraftProposal");
	static final List<String> AUTOMATION_ENDS = List.of("Task_ReviewProposal", "Task_CheckLeadScore", "Task_FixLeadData");

	boolean automatedPartEnded(int port, String instance) {
		try {
			return end(activities(port, instance)) != null;
		}
		catch (Exception e) {
			return false;
		}
	}

	JsonNode activities(int port, String instance) throws Exception {
		return ClusterBenchmark.JSON.readTree(ClusterBenchmark
			.send(port, "GET", "/engine-rest/history/activity-instance?processInstanceId=" + instance, null)
			.body());
	}

	/** When the automated part ended: a person's first task began, or the instance ended without one. */
	static OffsetDateTime end(JsonNode activities) {
		OffsetDateTime end = null;
		for (JsonNode a : activities) {
			boolean person = AUTOMATION_ENDS.contains(a.get("activityId").asText());
			boolean ended = a.get("activityType").asText().endsWith("EndEvent");
			if (person || ended) {
				OffsetDateTime at = time(a.get("startTime"));
				end = end == null || at.isBefore(end) ? at : end;
			}
		}
		return end;
	}

	Lead measure(int port, String instance, double postMillis) throws Exception {
		JsonNode activities = activities(port, instance);
		OffsetDateTime start = null;
		for (JsonNode a : activities) {
			OffsetDateTime at = time(a.get("startTime"));
			start = start == null || at.isBefore(start) ? at : start;
		}
		JsonNode calls = ClusterBenchmark.JSON.readTree(ClusterBenchmark
			.send(port, "GET", "/smartops/api/agent-calls?processInstanceId=" + instance, null)
			.body());
		List<Double> pickUps = new ArrayList<>();
		for (JsonNode a : activities) {
			if (!AGENT_TASKS.contains(a.get("activityId").asText())) {
				continue;
			}
			for (JsonNode c : calls) {
				if (a.get("activityId").asText().equals(c.path("activityId").asText())) {
					pickUps.add(Duration.between(time(a.get("startTime")), OffsetDateTime.parse(c.get("startedAt").asText()))
						.toNanos() / 1e6);
					break;
				}
			}
		}
		return new Lead(Duration.between(start, end(activities)).toNanos() / 1e6, postMillis, pickUps);
	}

	static OffsetDateTime time(JsonNode engineTime) {
		// the engine's REST format: 2026-12-07T10:48:09.689+0000
		String t = engineTime.asText();
		return OffsetDateTime.parse(t.substring(0, t.length() - 2) + ":" + t.substring(t.length() - 2));
	}

	static double pct(List<Double> values, int p) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
	}

	/** Makes (or drops) a database of its own for the run on the machine's PostgreSQL. */
	static void database(String name, boolean create) throws java.sql.SQLException {
		try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://" + PG + "/postgres", "postgres", "")) {
			c.createStatement().execute("drop database if exists " + name + " with (force)");
			if (create) {
				c.createStatement().execute("create database " + name);
			}
		}
	}

	// ---------------------------------------------------------------- processes

	Process server(List<String> command, int port, Path data, String name) throws IOException {
		List<String> all = new ArrayList<>(command);
		all.addAll(List.of("--server.port=" + port, "--smartops.data-dir=" + data, "--logging.level.root=WARN"));
		ProcessBuilder pb = new ProcessBuilder(all).redirectErrorStream(true)
			.redirectOutput(work.resolve(name.replaceAll("\\W+", "-") + ".log").toFile());
		pb.environment().remove("SMARTOPS_ADMIN_USER");
		pb.environment().remove("SMARTOPS_ADMIN_PASSWORD");
		// the postgres profile's cluster secrets (the H2 server ignores them)
		pb.environment().put("SMARTOPS_WORKER_PASSWORD", "bench-worker-secret");
		pb.environment().put("SMARTOPS_CONFIRM_SECRET", "bench-confirm-secret");
		pb.environment().put("SMARTOPS_APPS_API_KEY", "bench-apps-key");
		Process p = pb.start();
		processes.add(p);
		return p;
	}

	void run(List<String> command) throws Exception {
		Process p = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(work.resolve("setup.log").toFile())
			.start();
		if (p.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed; see " + work.resolve("setup.log"));
		}
	}

	/** Seconds from now back to the process's start until the first answer of /actuator/health. */
	double waitUp(int port, Process p) throws Exception {
		long begun = p.info().startInstant().map(i -> i.toEpochMilli()).orElse(System.currentTimeMillis());
		long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
		while (System.nanoTime() < deadline && p.isAlive()) {
			try {
				if (ClusterBenchmark.send(port, "GET", "/actuator/health", null).statusCode() == 200) {
					return (System.currentTimeMillis() - begun) / 1e3;
				}
			}
			catch (ConnectException | java.net.http.HttpTimeoutException starting) {
				// not up yet
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("the server on port " + port + " did not start; logs in " + work);
	}

	void stop(Process p) throws InterruptedException {
		p.destroy();
		if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
			p.destroyForcibly().waitFor();
		}
		processes.remove(p);
	}

	void stopAll() {
		for (Process p : new ArrayList<>(processes)) {
			try {
				stop(p);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
