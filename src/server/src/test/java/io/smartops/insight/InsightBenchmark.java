package io.smartops.insight;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.smartops.server.SmartOpsServer;
import io.smartops.support.BenchmarkDatabase;
import io.smartops.demo.sales.SalesProcess;

/**
 * How fast a process's insight answers on a large history: loads N instances of
 * {@code sales-operations} (about eleven task executions each, and the agents' calls) straight
 * into the engine's history table and the task-execution table of a fresh database — the same rows
 * the engine and the recorder write, shaped like the sales process's paths — then times
 * {@code GET /smartops/api/insights/processes/sales-operations} over the 90 days, after a warm-up.
 * With the history digest on (the default) the generator queues each instance as the engine does
 * when it ends, and the benchmark digests the queue before the requests; {@code raw} turns the
 * digest off, so that the requests read every raw row. Prints how fast the generator loads, how
 * fast the digest is written, and the request's p50/p95/max. Run with
 * {@code .ci/benchmarks/insights.sh h2|postgres [INSTANCES] [REQUESTS] [digest|raw]}.
 */
public final class InsightBenchmark {

	private static final Logger log = LoggerFactory.getLogger(InsightBenchmark.class);
	private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes());
	private static final long MINUTE = 60_000;
	private static final long HOUR = 60 * MINUTE;

	public static void main(String[] args) throws Exception {
		String vendor = args.length > 0 ? args[0] : "h2";
		int instances = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
		int requests = args.length > 2 ? Integer.parseInt(args[2]) : 20;
		boolean digest = args.length <= 3 || args[3].equals("digest");
		List<String> settings = new ArrayList<>(List.of("--server.port=0", "--smartops.demo.enabled=false",
				"--smartops.demo.start-run=false", "--smartops.agents.in-server-workers=false",
				"--camunda.bpm.job-execution.enabled=false", "--logging.level.root=WARN",
				"--logging.level.io.smartops.insight=INFO", "--logging.level.io.smartops.insight.ProcessInsights=DEBUG",
				// the benchmark digests the queue itself, after loading, to time it
				"--smartops.insights.digest.enabled=" + digest, "--smartops.insights.digest.interval=1h",
				"--smartops.insights.digest.settle=0s"));
		BenchmarkDatabase database = BenchmarkDatabase.fresh(vendor, "smartops_insight_bench");
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SmartOpsServer.class)
			.run(database.with(settings));
		try {
			Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);
			Instant from = to.minus(90, ChronoUnit.DAYS);
			String definitionId = app.getBean(org.camunda.bpm.engine.RepositoryService.class)
				.createProcessDefinitionQuery().processDefinitionKey(SalesProcess.KEY).latestVersion().singleResult()
				.getId();
			long[] rows = load(app.getBean(DataSource.class), definitionId, instances, from.toEpochMilli(),
					to.toEpochMilli(), digest);
			if (vendor.equals("postgres")) {
				// what autovacuum does in a live database; a bulk load outruns it, and stale statistics make the
				// planner scan the task executions instead of reading an instance's by index
				try (Connection c = app.getBean(DataSource.class).getConnection()) {
					c.createStatement().execute("analyze");
				}
			}
			long digestMillis = 0;
			if (digest) {
				long s = System.nanoTime();
				HistoryDigester digester = app.getBean(HistoryDigester.class);
				digester.digestQueued();
				digestMillis = (System.nanoTime() - s) / 1_000_000;
				if (digester.queued() != 0) {
					throw new IllegalStateException(digester.queued() + " instances left undigested");
				}
			}
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			HttpClient http = HttpClient.newHttpClient();
			URI uri = URI.create("http://localhost:" + port + "/smartops/api/insights/processes/" + SalesProcess.KEY
					+ "?from=" + from + "&to=" + to);
			for (int i = 0; i < 3; i++) {
				get(http, uri);
			}
			List<Long> millis = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				long s = System.nanoTime();
				get(http, uri);
				millis.add((System.nanoTime() - s) / 1_000_000);
			}
			Collections.sort(millis);
			System.out.printf(Locale.ROOT, "%n%s, history digest %s: %d instances, %d task executions, %d agent calls in"
					+ " history%n", vendor, digest ? "on" : "off (raw rows)", rows[0], rows[1], rows[2]);
			System.out.printf(Locale.ROOT, "history generator: %.1f s, %.0f rows/s%n", rows[3] / 1000.0,
					(rows[0] + rows[1] + rows[2]) / (rows[3] / 1000.0));
			if (digest) {
				System.out.printf(Locale.ROOT, "history digest: %.1f s, %.0f instances/s, %.0f task executions/s%n",
						digestMillis / 1000.0, rows[0] / (digestMillis / 1000.0), rows[1] / (digestMillis / 1000.0));
			}
			System.out.printf(Locale.ROOT, "GET /insights/processes/%s (90 days), %d requests after 3 warm-up:"
					+ " p50 %d ms, p95 %d ms, max %d ms%n", SalesProcess.KEY, requests, millis.get(millis.size() / 2),
					millis.get((int) Math.ceil(millis.size() * 0.95) - 1), millis.get(millis.size() - 1));
		}
		finally {
			app.close();
			database.delete();
		}
	}

	private static void get(HttpClient http, URI uri) throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", AUTH).build(),
				HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != 200) {
			throw new IllegalStateException("GET " + uri + ": " + r.statusCode() + " " + r.body());
		}
	}

	/**
	 * The generator: instances over the window, each on one of the sales process's paths (new
	 * customer through review and registration, rejected, disqualified, existing customer, bad data
	 * fixed once or twice, a low-confidence score checked by a person, a review past its SLA), with
	 * people's waits, agents' calls and their costs. Batches of 1,000 instances per transaction;
	 * with {@code queue} each is queued for the digest as the engine queues an instance that ends.
	 * Returns instances, executions, calls and the milliseconds it took.
	 */
	static long[] load(DataSource dataSource, String definitionId, int instances, long from, long to, boolean queue)
			throws Exception {
		SplittableRandom random = new SplittableRandom(42);
		long started = System.nanoTime();
		long executions = 0;
		long calls = 0;
		try (Connection c = dataSource.getConnection()) {
			c.setAutoCommit(false);
			PreparedStatement pi = c.prepareStatement("insert into ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_,"
					+ " PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_, END_TIME_, DURATION_, START_ACT_ID_, END_ACT_ID_,"
					+ " ROOT_PROC_INST_ID_, STATE_) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
			PreparedStatement te = c.prepareStatement("insert into smartops_task_execution (activity_instance_id,"
					+ " process_instance_id, process_definition_key, process_definition_id, execution_id, activity_id,"
					+ " activity_name, executor_kind, started_at, started_epoch_millis, ended_at, duration_millis,"
					+ " work_started_epoch_millis, working_millis, cost, outcome, failures, escalations, executor_group,"
					+ " executor_id, sequence_counter) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
			PreparedStatement ac = c.prepareStatement("insert into smartops_agent_call (agent_id, agent_version,"
					+ " process_instance_id, activity_id, worker_id, started_at, latency_millis, outcome, confidence,"
					+ " cost, model_calls, prompt_tokens, completion_tokens, feedback) values (?, '1', ?, ?, 'bench', ?,"
					+ " ?, ?, ?, ?, 0, 0, 0, ?)");
			PreparedStatement pending = c.prepareStatement("insert into smartops_insight_pending (process_instance_id,"
					+ " process_definition_key, ended_at, queued_at) values (?, ?, ?, ?)");
			for (int n = 0; n < instances; n++) {
				String id = "bench-" + n;
				long start = from + (long) (random.nextDouble() * (to - from - 3 * 86_400_000L));
				InstancePath path = new InstancePath(id, start, random);
				path.task(SalesProcess.TASK_VALIDATE_LEAD, "AUTOMATION", 5, 0);
				boolean broken = random.nextDouble() < 0.06;
				int fixes = broken ? (random.nextDouble() < 0.17 ? 2 : 1) : 0;
				for (int f = 0; f < fixes; f++) {
					path.human(SalesProcess.TASK_FIX_LEAD_DATA, "sales-data-stewards", 4 * HOUR, 6 * MINUTE, false);
					path.task(SalesProcess.TASK_VALIDATE_LEAD, "AUTOMATION", 5, 0);
				}
				path.task(SalesProcess.TASK_DEDUPLICATE_LEAD, "AUTOMATION", 8, 0);
				if (random.nextDouble() < 0.25) {
					path.task(SalesProcess.TASK_ATTACH_TO_CUSTOMER, "AUTOMATION", 4, 0);
				}
				else {
					path.task(SalesProcess.TASK_ASSIGN_TERRITORY, "AUTOMATION", 6, 0);
					path.agent(SalesProcess.TASK_ENRICH_COMPANY, "company-enrichment-reference", 80, 0.0001, null);
					boolean unsure = random.nextDouble() < 0.08;
					path.agent(SalesProcess.TASK_SCORE_LEAD, unsure ? "lead-scoring-ml" : "lead-scoring-rules", 60,
							0.0001, null);
					if (unsure) {
						path.human(SalesProcess.TASK_CHECK_LEAD_SCORE, "sales-emea", 2 * HOUR, 8 * MINUTE, false);
					}
					if (random.nextDouble() < 0.2) {
						path.end("End_LeadDisqualified");
					}
					else {
						path.agent(SalesProcess.TASK_DRAFT_PROPOSAL, "proposal-drafting-template", 50, 0.0005,
								random.nextDouble() < 0.35 ? "EDITED" : "ACCEPTED");
						path.human(SalesProcess.TASK_REVIEW_PROPOSAL, "sales-emea", 9 * HOUR, 25 * MINUTE, true);
						if (random.nextDouble() < 0.65) {
							path.task(SalesProcess.TASK_REGISTER_CUSTOMER, "AUTOMATION", 7, 0);
						}
					}
				}
				path.end(null);
				executions += path.write(te, ac, definitionId);
				calls += path.calls;
				pi.setString(1, id);
				pi.setString(2, id);
				pi.setString(3, id);
				pi.setString(4, SalesProcess.KEY);
				pi.setString(5, definitionId);
				pi.setTimestamp(6, new Timestamp(start));
				pi.setTimestamp(7, new Timestamp(path.now));
				pi.setLong(8, path.now - start);
				pi.setString(9, SalesProcess.START);
				pi.setString(10, path.endActivity);
				pi.setString(11, id);
				pi.setString(12, "COMPLETED");
				pi.addBatch();
				if (queue) {
					pending.setString(1, id);
					pending.setString(2, SalesProcess.KEY);
					pending.setTimestamp(3, new Timestamp(path.now));
					pending.setTimestamp(4, new Timestamp(System.currentTimeMillis()));
					pending.addBatch();
				}
				if ((n + 1) % 1000 == 0 || n + 1 == instances) {
					pi.executeBatch();
					if (queue) {
						pending.executeBatch();
					}
					te.executeBatch();
					ac.executeBatch();
					c.commit();
					if ((n + 1) % 10_000 == 0 || n + 1 == instances) {
						double seconds = (System.nanoTime() - started) / 1e9;
						log.info("history generator: {} instances, {} task executions, {} agent calls in {} s ({} rows/s)",
								n + 1, executions, calls, String.format(Locale.ROOT, "%.1f", seconds),
								String.format(Locale.ROOT, "%.0f", (n + 1 + executions + calls) / seconds));
					}
				}
			}
		}
		return new long[] { instances, executions, calls, (System.nanoTime() - started) / 1_000_000 };
	}

	/** One instance's tasks as the recorder would have written them, in order. */
	private static final class InstancePath {

		record Row(String activity, String kind, long start, long duration, long workStart, long working, Double cost,
				String group, String executor, int escalations, String agent, String feedback) {
		}

		final String id;
		final SplittableRandom random;
		final List<Row> rows = new ArrayList<>();
		long now;
		String endActivity = "End_ProposalAccepted";
		long calls;

		InstancePath(String id, long start, SplittableRandom random) {
			this.id = id;
			this.now = start;
			this.random = random;
		}

		double lognormal(double median, double sigma) {
			double u = 1 - random.nextDouble();
			return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble()));
		}

		void task(String activity, String kind, long duration, double cost) {
			rows.add(new Row(activity, kind, now, duration, now, duration, null, null, null, 0, null, null));
			now += duration;
		}

		void agent(String activity, String agent, long latency, double cost, String feedback) {
			long wait = (long) lognormal(2_000, 0.8);
			long work = Math.max(5, (long) lognormal(latency, 0.4));
			rows.add(new Row(activity, "AGENT", now, wait + work, now + wait, work, cost, null, agent, 0, agent, feedback));
			now += wait + work;
		}

		void human(String activity, String group, long waitMedian, long workMedian, boolean sla) {
			long wait = (long) lognormal(waitMedian, 1.0);
			long work = (long) lognormal(workMedian, 0.6);
			int escalations = sla && wait + work > 48 * HOUR ? 1 : 0;
			rows.add(new Row(activity, "HUMAN", now, wait + work, now + wait, work, null, group,
					group + "-" + (1 + random.nextInt(3)), escalations, null, null));
			now += wait + work;
		}

		void end(String activity) {
			if (activity != null) {
				endActivity = activity;
			}
		}

		int write(PreparedStatement te, PreparedStatement ac, String definitionId) throws Exception {
			int k = 0;
			for (Row r : rows) {
				te.setString(1, id + "-" + k);
				te.setString(2, id);
				te.setString(3, SalesProcess.KEY);
				te.setString(4, definitionId);
				te.setString(5, id);
				te.setString(6, r.activity());
				te.setString(7, r.activity());
				te.setString(8, r.kind());
				te.setTimestamp(9, new Timestamp(r.start()));
				te.setLong(10, r.start());
				te.setTimestamp(11, new Timestamp(r.start() + r.duration()));
				te.setLong(12, r.duration());
				te.setLong(13, r.workStart());
				te.setLong(14, r.working());
				te.setObject(15, r.cost());
				te.setString(16, "COMPLETED");
				te.setInt(17, 0);
				te.setInt(18, r.escalations());
				te.setString(19, r.group());
				te.setString(20, r.executor());
				te.setLong(21, k);
				te.addBatch();
				if (r.agent() != null) {
					ac.setString(1, r.agent());
					ac.setString(2, id);
					ac.setString(3, r.activity());
					ac.setTimestamp(4, new Timestamp(r.workStart()));
					ac.setLong(5, r.working());
					ac.setString(6, "COMPLETED");
					ac.setDouble(7, 0.8);
					ac.setDouble(8, r.cost());
					ac.setString(9, r.feedback());
					ac.addBatch();
					calls++;
				}
				k++;
			}
			return rows.size();
		}
	}
}
