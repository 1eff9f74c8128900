package io.smartops.server;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged server as a cluster on the machine's PostgreSQL, measured from outside
 * ({@code .ci/benchmarks/cluster.sh}):
 * <ul>
 * <li>{@code failover}: two nodes; the demo plan is approved on node 1, which is killed
 * ({@code kill -9}) as soon as its first action is dispatched. Reports the time until every action
 * is dispatched, actions lost, orders duplicated at the receivers (the demo applications' orders,
 * suppliers' e-mails and work orders) and instances left stuck.</li>
 * <li>{@code worker-failover}: one node and a standalone worker, killed while it holds agent
 * tasks; every lead must still reach "Review proposal".</li>
 * <li>{@code concurrent-start}: two nodes started at the same moment on an empty database: both
 * must come up, with one schema, one demo seed and exactly one demo coordinator run.</li>
 * <li>{@code load}: leads posted to 1 and to 2 nodes: instances and agent tasks per second until
 * every lead waits at "Review proposal", and p50/p95 of {@code POST /leads}.</li>
 * </ul>
 * Every node runs the {@code postgres} profile against a database of its own made for the run.
 */
public final class ClusterBenchmark {

	static final String PG = System.getenv().getOrDefault("SMARTOPS_TEST_PG_HOST", "127.0.0.1:5432");
	static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes());
	static final ObjectMapper JSON = new ObjectMapper();
	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String database = "smartops_cluster_" + ProcessHandle.current().pid();
	private final Path logs;
	private final List<Process> processes = new ArrayList<>();

	ClusterBenchmark() throws IOException {
		this.logs = Files.createTempDirectory("smartops-cluster");
	}

	public static void main(String[] args) throws Exception {
		String mode = args.length > 0 ? args[0] : "failover";
		ClusterBenchmark bench = new ClusterBenchmark();
		Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll));
		try {
			switch (mode) {
				case "failover" -> bench.failover();
				case "worker-failover" -> bench.workerFailover(args.length > 1 ? Integer.parseInt(args[1]) : 40);
				case "concurrent-start" -> bench.concurrentStart();
				case "load" -> bench.load(args.length > 1 ? Integer.parseInt(args[1]) : 200,
						args.length > 2 ? Integer.parseInt(args[2]) : 8);
				default -> throw new IllegalArgumentException("mode: failover, worker-failover, concurrent-start or load");
			}
		}
		finally {
			bench.stopAll();
			bench.dropDatabase();
		}
		System.out.println("node logs: " + bench.logs);
	}

	// ---------------------------------------------------------------- scenarios

	/** What a failover left: counts that must be zero, and the time to recovery. */
	record Failover(long actions, long dispatchedBeforeKill, double recoverySeconds, long lost, long appActions,
			long ordersReceived, long duplicatedMails, long duplicatedWorkOrders, long stuckJobs, long incidents) {
	}

	/** What two nodes started at once left. */
	record ConcurrentStart(double upSeconds, long demoRuns, long products, long migrations) {
	}

	Failover failover() throws Exception {
		createDatabase();
		int p1 = freePort();
		int p2 = freePort();
		Process node1 = node("node1", p1, true, true);
		waitUp(p1, node1);
		Process node2 = node("node2", p2, false, true);
		waitUp(p2, node2);
		String task = waitFor(Duration.ofSeconds(180), () -> approvalTask(p1), "the demo run's approval");
		String runId = sql("select id from smartops_planning_run order by started_at desc limit 1");
		send(p1, "POST", "/engine-rest/task/" + task + "/complete",
				"{\"variables\":{\"approved\":{\"value\":true},\"approvalComment\":{\"value\":\"failover\"}}}");
		long approved = System.nanoTime();
		waitFor(Duration.ofSeconds(120), () -> count("select count(*) from smartops_action_item where run_id = '" + runId
				+ "' and dispatched_at is not null") > 0 ? "" : null, "the first dispatch");
		long total = count("select count(*) from smartops_action_item where run_id = '" + runId + "'");
		long before = count("select count(*) from smartops_action_item where run_id = '" + runId
				+ "' and dispatched_at is not null");
		node1.destroyForcibly().waitFor();
		long killed = System.nanoTime();
		log("killed node 1 (kill -9) %.1f s after the approval, with %d of %d actions dispatched",
				(killed - approved) / 1e9, before, total);
		waitFor(Duration.ofSeconds(600), () -> count("select count(*) from smartops_action_item where run_id = '" + runId
				+ "' and dispatched_at is null and status not in ('CANCELLED','SUPERSEDED')") == 0 ? "" : null,
				"every action dispatched");
		double recovery = (System.nanoTime() - killed) / 1e9;
		Thread.sleep(3000);
		long lost = count("select count(*) from smartops_action_item where run_id = '" + runId
				+ "' and dispatched_at is null");
		long appOrders = count("select count(*) from smartops_action_item where run_id = '" + runId
				+ "' and channel = 'APPLICATION'");
		long received = count("select count(*) from smartops_demo_app_request where idempotency_key like '" + runId + "/%'");
		long redelivered = count("select count(*) from smartops_demo_app_request where idempotency_key like '" + runId
				+ "/%' and deliveries > 1");
		long mails = count("select count(*) from smartops_outbox_mail m join smartops_action_item a on a.id = m.action_id "
				+ "where a.run_id = '" + runId + "'");
		long mailActions = count("select count(distinct m.action_id) from smartops_outbox_mail m join smartops_action_item a "
				+ "on a.id = m.action_id where a.run_id = '" + runId + "'");
		long workOrders = count("select count(*) from act_ru_task where task_def_key_ = 'Task_CarryOutWorkOrder'");
		long workOrderInstances = count(
				"select count(distinct proc_inst_id_) from act_ru_task where task_def_key_ = 'Task_CarryOutWorkOrder'");
		long stuck = count("select count(*) from act_ru_job where lock_owner_ is not null and lock_exp_time_ < now()");
		long incidents = count("select count(*) from act_ru_incident");
		System.out.printf(Locale.ROOT, "%nfailover of one of two nodes during the demo plan's dispatch%n");
		System.out.printf(Locale.ROOT, "actions %d, dispatched before the kill %d%n", total, before);
		System.out.printf(Locale.ROOT, "every action dispatched %.1f s after the kill%n", recovery);
		System.out.printf(Locale.ROOT, "actions lost %d%n", lost);
		System.out.printf(Locale.ROOT, "application orders: %d actions, %d orders received (%d redelivered with their key)%n",
				appOrders, received, redelivered);
		System.out.printf(Locale.ROOT, "supplier e-mails: %d for %d orders (%d duplicated)%n", mails, mailActions,
				mails - mailActions);
		System.out.printf(Locale.ROOT, "work orders in Tasklist: %d for %d actions (%d duplicated)%n", workOrders,
				workOrderInstances, workOrders - workOrderInstances);
		System.out.printf(Locale.ROOT, "jobs stuck on a dead lock %d, incidents %d%n", stuck, incidents);
		return new Failover(total, before, recovery, lost, appOrders, received, mails - mailActions,
				workOrders - workOrderInstances, stuck, incidents);
	}

	void workerFailover(int leads) throws Exception {
		createDatabase();
		int p1 = freePort();
		Process node1 = node("node1", p1, false, true);
		waitUp(p1, node1);
		Process worker = worker("worker1", p1);
		Thread.sleep(5000);
		// the node's own workers serve the same topics: post while watching for a task the standalone worker holds
		java.util.concurrent.CompletableFuture<List<String>> posting = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> {
				try {
					return postLeads(List.of(p1), leads, 4, new ArrayList<>());
				}
				catch (Exception e) {
					throw new IllegalStateException(e);
				}
			});
		waitFor(Duration.ofSeconds(120), () -> count("select count(*) from act_ru_ext_task where worker_id_ like "
				+ "'smartops-standalone%' and lock_exp_time_ > now()") > 0 ? "" : null, "the worker's first locked task");
		long locked = count("select count(*) from act_ru_ext_task where worker_id_ like 'smartops-standalone%' "
				+ "and lock_exp_time_ > now()");
		worker.destroyForcibly().waitFor();
		long killed = System.nanoTime();
		log("killed the standalone worker (kill -9) holding %d agent tasks", locked);
		List<String> instances = posting.get();
		waitFor(Duration.ofSeconds(600), () -> atReview(instances) == instances.size() ? "" : null, "every lead at review");
		double recovery = (System.nanoTime() - killed) / 1e9;
		System.out.printf(Locale.ROOT, "%nstandalone worker killed holding %d agent tasks of %d leads%n", locked, leads);
		System.out.printf(Locale.ROOT, "every lead at \"Review proposal\" %.1f s after the kill; stuck %d, incidents %d%n",
				recovery, instances.size() - atReview(instances), count("select count(*) from act_ru_incident"));
	}

	ConcurrentStart concurrentStart() throws Exception {
		createDatabase();
		int p1 = freePort();
		int p2 = freePort();
		long start = System.nanoTime();
		Process node1 = node("node1", p1, true, true);
		Process node2 = node("node2", p2, true, true);
		waitUp(p1, node1);
		waitUp(p2, node2);
		double up = (System.nanoTime() - start) / 1e9;
		waitFor(Duration.ofSeconds(120), () -> count("select count(*) from smartops_planning_run") > 0 ? "" : null,
				"the demo run");
		Thread.sleep(5000);
		System.out.printf(Locale.ROOT, "%ntwo nodes started at once on an empty database: both up after %.1f s%n", up);
		System.out.printf(Locale.ROOT, "demo coordinator runs %d, seeded products %d, stores %d, migrations applied %d%n",
				count("select count(*) from smartops_planning_run"), count("select count(*) from retail_product"),
				count("select count(*) from retail_store"), migrationsApplied());
		return new ConcurrentStart(up, count("select count(*) from smartops_planning_run"),
				count("select count(*) from retail_product"), migrationsApplied());
	}

	/** Smart Ops' migrations applied, over every capability's history table (each once, however many nodes). */
	private long migrationsApplied() throws Exception {
		long applied = 0;
		for (String capability : SchemaMigrationTests.CAPABILITIES) {
			applied += count("select count(*) from smartops_" + capability + "_schema_history where success and type = 'SQL'");
		}
		return applied;
	}

	void load(int leads, int threads) throws Exception {
		List<String> lines = new ArrayList<>();
		for (int nodes = 1; nodes <= 2; nodes++) {
			createDatabase();
			List<Integer> ports = new ArrayList<>();
			for (int n = 1; n <= nodes; n++) {
				int port = freePort();
				Process p = node("load" + nodes + "-node" + n, port, false, true);
				waitUp(port, p);
				ports.add(port);
			}
			// warm-up: one lead through every node's agents
			List<String> warm = postLeads(ports, nodes, 1, new ArrayList<>());
			waitFor(Duration.ofSeconds(120), () -> atReview(warm) == warm.size() ? "" : null, "warm-up");
			List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
			long tasksBefore = count("select count(*) from act_hi_ext_task_log where state_ = 2");
			long start = System.nanoTime();
			List<String> instances = postLeads(ports, leads, threads, latencies);
			waitFor(Duration.ofSeconds(900), () -> atReview(instances) == instances.size() ? "" : null,
					"every lead at review");
			double seconds = (System.nanoTime() - start) / 1e9;
			long agentTasks = count("select count(*) from act_hi_ext_task_log where state_ = 2") - tasksBefore;
			List<Long> sorted = new ArrayList<>(latencies);
			Collections.sort(sorted);
			lines.add(String.format(Locale.ROOT, "%d node(s): %d leads in %.1f s: %.2f instances/s, %.2f agent tasks/s, "
					+ "POST /leads p50 %d ms p95 %d ms", nodes, leads, seconds, leads / seconds, agentTasks / seconds,
					sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1)));
			log("%s", lines.get(lines.size() - 1));
			stopAll();
			dropDatabase();
		}
		System.out.printf(Locale.ROOT, "%nsales-operations on PostgreSQL, %d leads, %d posting threads%n", leads, threads);
		lines.forEach(System.out::println);
	}

	// ---------------------------------------------------------------- processes

	Process node(String name, int port, boolean startRun, boolean inServerWorkers) throws IOException {
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g", "-jar", "target/smartops.jar",
				"--spring.profiles.active=postgres", "--server.port=" + port,
				"--spring.datasource.url=jdbc:postgresql://" + PG + "/" + database, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--smartops.demo.enabled=true", "--smartops.demo.start-run=" + startRun,
				"--smartops.agents.in-server-workers=" + inServerWorkers, "--smartops.data-dir=" + logs.resolve(name),
				"--logging.level.root=WARN"));
		if ("true".equals(System.getenv("PIN_CORES")) && name.matches(".*node\\d+")) {
			// node N runs on core N-1 only (taskset), so that what a second node adds shows on a small machine
			int core = Integer.parseInt(name.replaceAll(".*node(\\d+)$", "$1")) - 1;
			command.addAll(0, List.of("taskset", "-c", Integer.toString(core)));
		}
		ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(logs.resolve(name + ".log").toFile());
		secrets(pb);
		Process p = pb.start();
		processes.add(p);
		return p;
	}

	Process worker(String name, int serverPort) throws IOException {
		ProcessBuilder pb = new ProcessBuilder(java(), "-Xmx512m", "-jar", "target/smartops.jar",
				"--spring.profiles.active=worker", "--smartops.worker.server-url=http://localhost:" + serverPort,
				"--smartops.worker.threads=2", "--logging.level.root=WARN").redirectErrorStream(true)
			.redirectOutput(logs.resolve(name + ".log").toFile());
		secrets(pb);
		Process p = pb.start();
		processes.add(p);
		return p;
	}

	private static void secrets(ProcessBuilder pb) {
		pb.environment().put("SMARTOPS_WORKER_PASSWORD", "bench-worker-secret");
		pb.environment().put("SMARTOPS_CONFIRM_SECRET", "bench-confirm-secret");
		pb.environment().put("SMARTOPS_APPS_API_KEY", "bench-apps-key");
		pb.environment().remove("SMARTOPS_ADMIN_USER");
		pb.environment().remove("SMARTOPS_ADMIN_PASSWORD");
	}

	void stopAll() {
		for (Process p : processes) {
			p.destroy();
		}
		for (Process p : processes) {
			try {
				if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
					p.destroyForcibly();
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		processes.clear();
	}

	// ---------------------------------------------------------------- HTTP

	List<String> postLeads(List<Integer> ports, int leads, int threads, List<Long> latencies) throws Exception {
		List<String> ids = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> running = new ArrayList<>();
		String run = Long.toString(System.nanoTime(), 36);
		for (int t = 0; t < threads; t++) {
			running.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < leads; i = next.getAndIncrement()) {
					int port = ports.get(i % ports.size());
					String lead = """
							{"companyName":"Cluster %s %d AG","contactName":"Carla Cluster","email":"carla@c%s%d.example",
							 "country":"DE","employees":%d,"source":"web"}""".formatted(run, i, run, i, 100 + i % 3000);
					long s = System.nanoTime();
					HttpResponse<String> r = send(port, "POST", "/smartops/api/leads", lead);
					latencies.add((System.nanoTime() - s) / 1_000_000);
					if (r.statusCode() != 201) {
						throw new IllegalStateException("POST /leads answered " + r.statusCode() + ": " + r.body());
					}
					ids.add(JSON.readTree(r.body()).get("processInstanceId").asText());
				}
				return null;
			}));
		}
		for (Future<?> f : running) {
			f.get();
		}
		pool.shutdown();
		return ids;
	}

	private String approvalTask(int port) {
		try {
			JsonNode tasks = JSON.readTree(send(port, "GET",
					"/engine-rest/task?processDefinitionKey=operating-plan-coordinator&taskDefinitionKey=Task_ApprovePlan", null)
				.body());
			return tasks.isArray() && tasks.size() > 0 ? tasks.get(0).get("id").asText() : null;
		}
		catch (Exception e) {
			return null;
		}
	}

	static HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", AUTH)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	void waitUp(int port, Process p) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		while (System.nanoTime() < deadline && p.isAlive()) {
			try {
				if (send(port, "GET", "/actuator/health", null).statusCode() == 200) {
					return;
				}
			}
			catch (ConnectException | java.net.http.HttpTimeoutException starting) {
				// not up yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("node on port " + port + " did not start; logs in " + logs);
	}

	static <T> T waitFor(Duration limit, java.util.function.Supplier<T> condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		long lastLog = System.nanoTime();
		while (System.nanoTime() < deadline) {
			T value = condition.get();
			if (value != null) {
				return value;
			}
			if (System.nanoTime() - lastLog > 10_000_000_000L) {
				log("waiting for %s …", what);
				lastLog = System.nanoTime();
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("not reached within " + limit + ": " + what);
	}

	// ---------------------------------------------------------------- database

	/** How many of the instances wait at "Review proposal". */
	long atReview(List<String> instances) {
		if (instances.isEmpty()) {
			return 0;
		}
		return count("select count(distinct proc_inst_id_) from act_ru_task where task_def_key_ = 'Task_ReviewProposal' "
				+ "and proc_inst_id_ in ('" + String.join("','", instances) + "')");
	}

	void createDatabase() throws SQLException {
		try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG + "/postgres", "postgres", "")) {
			c.createStatement().execute("drop database if exists " + database + " with (force)");
			c.createStatement().execute("create database " + database);
		}
	}

	void dropDatabase() {
		try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG + "/postgres", "postgres", "")) {
			c.createStatement().execute("drop database if exists " + database + " with (force)");
		}
		catch (SQLException e) {
			log("could not drop %s: %s", database, e.getMessage());
		}
	}

	long count(String query) {
		String v = sql(query);
		return v == null ? 0 : Long.parseLong(v);
	}

	String sql(String query) {
		try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG + "/" + database, "postgres", "");
				ResultSet rs = c.createStatement().executeQuery(query)) {
			return rs.next() ? rs.getString(1) : null;
		}
		catch (SQLException e) {
			throw new IllegalStateException(query, e);
		}
	}

	static void log(String format, Object... args) {
		System.out.printf(Locale.ROOT, "%tT " + format + "%n", concat(System.currentTimeMillis(), args));
	}

	private static Object[] concat(Object first, Object[] rest) {
		Object[] all = new Object[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
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
