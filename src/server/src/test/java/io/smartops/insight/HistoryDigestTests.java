package io.smartops.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.SmartOpsTest;
import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentCallReport;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.builtin.BuiltinAgents;

/**
 * The history digest through the real engine: every instance that ends is queued in the engine's
 * transaction, the digester takes each off the queue once, and an insight is the same whether it
 * reads the raw rows, the queued instances raw, or the digests — over a window whose edges cut days
 * and with instances running, canceled and reworked.
 */
@SmartOpsTest
class HistoryDigestTests {

	static final Instant T0 = Instant.parse("2026-04-06T06:00:00Z");
	static final long MINUTE = 60_000;

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	ExternalTaskService externalTasks;

	@Autowired
	AgentLibrary library;

	@Autowired
	BuiltinAgents builtins;

	@Autowired
	AgentTelemetry telemetry;

	@Autowired
	HistoryReader reader;

	@Autowired
	HistoryDigester digester;

	@Autowired
	InsightProperties properties;

	@Autowired
	ProcessInsights insights;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectMapper json;

	String key;
	String topic;

	@BeforeEach
	void deploy() {
		builtins.register(library);
		key = "digest-" + Long.toString(System.nanoTime(), 36);
		topic = key + "-check";
		repository.createDeployment()
			.addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key).name("Digest test")
				.startEvent("Start").name("Request received")
				.userTask("Task_Review").name("Review request").camundaCandidateGroups("sales-emea")
				.serviceTask("Task_Check").name("Check request").camundaExternalTask(topic)
				.exclusiveGateway("Gateway_Again").name("Again?")
				.condition("again", "${again}").connectTo("Task_Review")
				.moveToNode("Gateway_Again").condition("done", "${!again}")
				.endEvent("End").name("Request handled")
				.done())
			.deploy();
	}

	@AfterEach
	void clock() {
		ClockUtil.reset();
	}

	/**
	 * Instance n starts at T0 + 7n hours (fourteen of them span four days): a person claims the
	 * review after a wait that varies and works 40 minutes, an agent checks it; every fourth is
	 * reviewed twice, every fifth from the fourth on still waits for its review, every seventh from
	 * the sixth on is canceled.
	 */
	void run(int n) {
		Instant start = T0.plus(Duration.ofHours(7L * n));
		at(start);
		ProcessInstance pi = runtime.startProcessInstanceByKey(key, key + "-" + n);
		if (n % 7 == 6) {
			at(start.plus(Duration.ofMinutes(20)));
			runtime.deleteProcessInstance(pi.getId(), "withdrawn");
			return;
		}
		if (n % 5 == 3) {
			return;
		}
		Instant now = start;
		for (int round = 0; round < (n % 4 == 0 ? 2 : 1); round++) {
			Task review = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
			now = now.plus(Duration.ofMinutes(30 + (n * 17) % 50));
			at(now);
			tasks.claim(review.getId(), "digest-reviewer-" + (n % 2));
			now = now.plus(Duration.ofMinutes(40));
			at(now);
			tasks.complete(review.getId());
			now = now.plus(Duration.ofMinutes(10 + n));
			at(now);
			List<LockedExternalTask> locked = externalTasks.fetchAndLock(1, "digest-worker").topic(topic, 60_000)
				.businessKey(pi.getBusinessKey()).execute();
			telemetry.record(new AgentCallReport(library.all().get(0).getId(), locked.get(0).getId(), pi.getId(),
					"Task_Check", "digest-worker", now, 3 * MINUTE, AgentCall.Outcome.COMPLETED, 0.6 + n / 100.0, null, 1, 0,
					0, "p", "r", null, null));
			now = now.plus(Duration.ofMinutes(5));
			at(now);
			externalTasks.complete(locked.get(0).getId(), "digest-worker",
					Map.of("again", n % 4 == 0 && round == 0));
		}
	}

	static void at(Instant t) {
		ClockUtil.setCurrentTime(Date.from(t));
	}

	long queued() {
		return jdbc.queryForObject("select count(*) from smartops_insight_pending where process_definition_key = ?",
				Long.class, key);
	}

	void digestAll() {
		while (digester.digestBatch(Instant.now())[0] > 0) {
			// the next batch
		}
	}

	/** The insight from the raw rows, as with the digest off. */
	JsonNode raw(long from, long to) {
		return json.valueToTree(new InsightCalculator(properties).calculate(reader.load(key, null, from, to), from, to,
				3 * 3_600_000L));
	}

	/** The insight as a request reads it with the digest on: the digests, and the rest raw. */
	JsonNode digested(long from, long to) {
		InsightCalculator calculator = new InsightCalculator(properties);
		InsightCalculator.Tally tally = calculator.tally(from, to)
			.add(HistoryDigest.of(reader.undigested(key, null, from, to)));
		reader.digested(key, null, tally);
		return json.valueToTree(calculator.calculate(tally, 3 * 3_600_000L));
	}

	@Test
	void anInsightIsTheSameFromTheDigestsAsFromTheRawRowsOverAWindowThatCutsDays() {
		for (int n = 0; n < 14; n++) {
			run(n);
		}
		// 14 instances: 2 canceled (n = 6, 13), 2 still under review (n = 3, 8), 10 completed, 3 of them reviewed twice
		assertThat(queued()).as("each ended instance queued once, in the engine's transaction").isEqualTo(12);
		long from = T0.plus(Duration.ofHours(5)).toEpochMilli();
		long to = T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(19)).toEpochMilli();
		JsonNode raw = raw(from, to);
		// the first ended before the window, the last started at its end
		assertThat(raw.get("endToEnd").get("completed").asLong()).isEqualTo(9);
		assertThat(raw.get("endToEnd").get("runningAtEnd").asLong()).isEqualTo(2);
		assertSame(digested(from, to), raw);

		digestAll();
		assertThat(queued()).isZero();
		List<Map<String, Object>> days = jdbc.queryForList("select bucket_day, instance_count, execution_count,"
				+ " call_count from smartops_insight_day where process_definition_key = ? order by bucket_day", key);
		assertThat(days).as("a row for each of the five days the history touches").hasSize(5);
		assertThat(days.stream().mapToInt(d -> ((Number) d.get("instance_count")).intValue()).sum()).isEqualTo(12);
		// a review and a check each of the 10 completed, twice for 3 of them, and the canceled ones' reviews;
		// the running instances' reviews are not digested
		assertThat(days.stream().mapToInt(d -> ((Number) d.get("execution_count")).intValue()).sum())
			.isEqualTo(2 * 10 + 2 * 3 + 2);
		assertSame(digested(from, to), raw);
		long allDays = T0.minus(Duration.ofDays(1)).toEpochMilli();
		assertSame(digested(allDays, to + 86_400_000L), raw(allDays, to + 86_400_000L));

		assertThat(digester.digestBatch(Instant.now())[0]).as("nothing is digested twice").isZero();
		JsonNode review = activity(raw, "Task_Review");
		assertThat(review.get("reworkRate").asDouble()).isPositive();
		assertThat(review.get("quality").get("agentCalls").asLong()).isZero();
		assertThat(activity(raw, "Task_Check").get("quality").get("agentCalls").asLong()).isPositive();
	}

	@Test
	void turningTheDigestOnAgainDigestsTheWholeHistoryAnew() {
		for (int n = 0; n < 5; n++) {
			run(n);
		}
		digestAll();
		long from = T0.toEpochMilli();
		long to = T0.plus(Duration.ofDays(2)).toEpochMilli();
		JsonNode before = digested(from, to);

		jdbc.update("update smartops_insight_state set state_value = 'off'");
		digester.reconcile();
		long ended = jdbc.queryForObject("select count(*) from ACT_HI_PROCINST where END_TIME_ is not null", Long.class);
		assertThat(jdbc.queryForObject("select count(*) from smartops_insight_pending", Long.class)).isEqualTo(ended);
		assertThat(jdbc.queryForObject("select count(*) from smartops_insight_day", Long.class)).isZero();
		assertSame(digested(from, to), before);

		digestAll();
		assertThat(jdbc.queryForObject("select count(*) from smartops_insight_pending", Long.class)).isZero();
		assertSame(digested(from, to), before);
		assertSame(before, raw(from, to));
		assertThat(jdbc.queryForObject("select state_value from smartops_insight_state", String.class)).isEqualTo("on");
	}

	@Test
	void aRequestReadsTheDigestsOfTheVersionItAsksFor() {
		for (int n = 0; n < 3; n++) {
			run(n);
		}
		digestAll();
		Instant from = T0.minus(Duration.ofDays(1));
		Instant to = T0.plus(Duration.ofDays(2));
		ProcessInsight all = insights.insight(key, null, from, to);
		ProcessInsight first = insights.insight(key, 1, from, to);
		assertThat(first.endToEnd().completed()).isEqualTo(all.endToEnd().completed()).isEqualTo(3);
		repository.createDeployment()
			.addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key).startEvent("Start").endEvent("End").done())
			.deploy();
		at(T0.plus(Duration.ofHours(30)));
		runtime.startProcessInstanceByKey(key);
		digestAll();
		assertThat(insights.insight(key, 2, from, to).endToEnd().completed()).isEqualTo(1);
		assertThat(insights.insight(key, 1, from, to).endToEnd().completed()).isEqualTo(3);
		assertThat(insights.insight(key, null, from, to).endToEnd().completed()).isEqualTo(4);
	}

	@Test
	void aBusyDayIsKeptInSegmentsThatABatchRewritesAloneAndIsReadWhole() {
		String process = "segments-" + Long.toString(System.nanoTime(), 36);
		long day = T0.toEpochMilli();
		java.util.function.IntFunction<List<HistoryDigest.ExecutionDigest>> executions = n -> java.util.stream.IntStream
			.range(0, n)
			.mapToObj(i -> new HistoryDigest.ExecutionDigest("Task_Busy", "Busy", io.smartops.core.execution.TaskExecution.ExecutorKind.AUTOMATION,
					day + i, 10, 10, Double.NaN, io.smartops.core.execution.TaskExecution.Outcome.COMPLETED, 0, 0, null, null, 1,
					false))
			.toList();
		digester.merge(process, "v1", new HistoryDigest(List.of(), executions.apply(HistoryDigester.SEGMENT_EXECUTIONS + 1),
				List.of()));
		digester.merge(process, "v1", new HistoryDigest(List.of(), executions.apply(10), List.of()));
		digester.merge(process, "v1", new HistoryDigest(List.of(), executions.apply(10), List.of()));
		assertThat(jdbc.queryForList("select execution_count from smartops_insight_day where process_definition_key = ?"
				+ " order by segment", Integer.class, process))
			.as("a full segment stays as it is; the next batches share a new one")
			.containsExactly(HistoryDigester.SEGMENT_EXECUTIONS + 1, 20);
		InsightCalculator.Tally tally = new InsightCalculator(properties).tally(day, day + 86_400_000L);
		reader.digested(process, null, tally);
		assertThat(tally.activities.get("Task_Busy").executions).isEqualTo(HistoryDigester.SEGMENT_EXECUTIONS + 21);
	}

	static JsonNode activity(JsonNode result, String id) {
		for (JsonNode a : result.get("activities")) {
			if (a.get("activityId").asText().equals(id)) {
				return a;
			}
		}
		throw new AssertionError("no activity " + id + " in " + result);
	}

	/** The same tree; numbers equal to 1e-9 relative (sums taken in another order). */
	static void assertSame(JsonNode actual, JsonNode expected) {
		compare(actual, expected, "$");
	}

	private static void compare(JsonNode a, JsonNode e, String path) {
		if (e.isNumber() && a.isNumber()) {
			double x = a.asDouble();
			double y = e.asDouble();
			assertThat(Math.abs(x - y)).as(path + ": " + x + " against " + y)
				.isLessThanOrEqualTo(1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y))));
			return;
		}
		assertThat(a.getNodeType()).as(path).isEqualTo(e.getNodeType());
		if (e.isObject()) {
			assertThat(iterable(a.fieldNames())).as(path).containsExactlyInAnyOrderElementsOf(iterable(e.fieldNames()));
			e.fieldNames().forEachRemaining(f -> compare(a.get(f), e.get(f), path + "." + f));
		}
		else if (e.isArray()) {
			assertThat(a.size()).as(path + " " + a + " against " + e).isEqualTo(e.size());
			for (int k = 0; k < e.size(); k++) {
				compare(a.get(k), e.get(k), path + "[" + k + "]");
			}
		}
		else {
			assertThat(a).as(path).isEqualTo(e);
		}
	}

	private static List<String> iterable(Iterator<String> names) {
		List<String> out = new java.util.ArrayList<>();
		names.forEachRemaining(out::add);
		return out;
	}
}
