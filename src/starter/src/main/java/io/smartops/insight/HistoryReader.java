package io.smartops.insight;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.smartops.agent.AgentCall;
import io.smartops.insight.HistoryDigest.InstanceDigest;
import io.smartops.insight.ProcessHistory.AgentCallRecord;
import io.smartops.insight.ProcessHistory.Execution;
import io.smartops.insight.ProcessHistory.Instance;
import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.core.execution.TaskExecution.Outcome;

/**
 * Loads a process's history for a window: its instances from the engine's history
 * ({@code ACT_HI_PROCINST}), their task executions from the project's task-execution table (every
 * figure of a task in one row) and the agent calls on them from the call audit — all of it raw, or
 * the digests of ended instances and only the rest raw. Read-only queries; nothing of the engine's
 * runtime is touched.
 */
@Repository
class HistoryReader {

	/** How many ids one {@code in (…)} list holds. */
	private static final int CHUNK = 500;

	private final JdbcTemplate jdbc;

	HistoryReader(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The instances that ran in [from, to) — of one version when {@code definitionId} is given —
	 * with every execution of their tasks and the agent calls on those tasks.
	 */
	ProcessHistory load(String processKey, String definitionId, long from, long to) {
		String version = definitionId == null ? "" : " and PROC_DEF_ID_ = ?";
		List<Object> args = new ArrayList<>(List.of(processKey, new Timestamp(to), new Timestamp(from)));
		if (definitionId != null) {
			args.add(definitionId);
		}
		List<Instance> instances = jdbc.query("select ID_, START_TIME_, END_TIME_, STATE_ from ACT_HI_PROCINST"
				+ " where PROC_DEF_KEY_ = ? and START_TIME_ < ? and (END_TIME_ is null or END_TIME_ >= ?)" + version,
				HistoryReader::instance, args.toArray());
		long earliest = from;
		Set<String> ids = new HashSet<>(instances.size() * 2);
		for (Instance i : instances) {
			earliest = Math.min(earliest, i.startMillis());
			ids.add(i.id());
		}
		List<Object> executionArgs = new ArrayList<>(List.of(processKey, earliest, to));
		if (definitionId != null) {
			executionArgs.add(definitionId);
		}
		List<Execution> executions = new ArrayList<>();
		jdbc.query(EXECUTIONS + " where process_definition_key = ? and started_epoch_millis >= ?"
				+ " and started_epoch_millis < ?" + (definitionId == null ? "" : " and process_definition_id = ?"), rs -> {
					if (ids.contains(rs.getString(1))) {
						executions.add(execution(rs));
					}
				}, executionArgs.toArray());
		List<AgentCallRecord> calls = new ArrayList<>();
		jdbc.query(CALLS + " and started_at >= ? and started_at < ?", rs -> {
			if (ids.contains(rs.getString(1))) {
				calls.add(call(rs));
			}
		}, new Timestamp(from), new Timestamp(to));
		return new ProcessHistory(instances, executions, calls);
	}

	/**
	 * The instances of [from, to) whose digest is not written yet — still running, or ended and
	 * queued for the {@link HistoryDigester} — with their executions and their calls in the window.
	 */
	ProcessHistory undigested(String processKey, String definitionId, long from, long to) {
		String version = definitionId == null ? "" : " and p.PROC_DEF_ID_ = ?";
		List<Object> args = new ArrayList<>(List.of(processKey, new Timestamp(to)));
		if (definitionId != null) {
			args.add(definitionId);
		}
		List<Instance> instances = new ArrayList<>(jdbc.query("select p.ID_, p.START_TIME_, p.END_TIME_, p.STATE_"
				+ " from ACT_HI_PROCINST p where p.PROC_DEF_KEY_ = ? and p.END_TIME_ is null and p.START_TIME_ < ?" + version,
				HistoryReader::instance, args.toArray()));
		args.add(1, new Timestamp(from));
		instances.addAll(jdbc.query("select p.ID_, p.START_TIME_, p.END_TIME_, p.STATE_ from smartops_insight_pending q"
				+ " join ACT_HI_PROCINST p on p.ID_ = q.process_instance_id where q.process_definition_key = ?"
				+ " and p.END_TIME_ >= ? and p.START_TIME_ < ?" + version, HistoryReader::instance, args.toArray()));
		return withTasks(instances, from, to);
	}

	/**
	 * The instances with every execution of their tasks, and the calls on them that started in
	 * [callsFrom, callsTo) or, when those are null, all of them.
	 */
	ProcessHistory withTasks(List<Instance> instances, Long callsFrom, Long callsTo) {
		List<Execution> executions = new ArrayList<>();
		List<AgentCallRecord> calls = new ArrayList<>();
		inChunks(instances, chunk -> {
			Object[] ids = chunk.stream().map(Instance::id).toArray();
			jdbc.query(EXECUTIONS + " where process_instance_id" + in(chunk), rs -> {
				executions.add(execution(rs));
			}, ids);
			List<Object> callArgs = new ArrayList<>(List.of(ids));
			if (callsFrom != null) {
				callArgs.add(new Timestamp(callsFrom));
				callArgs.add(new Timestamp(callsTo));
			}
			jdbc.query(CALLS + " and process_instance_id" + in(chunk)
					+ (callsFrom == null ? "" : " and started_at >= ? and started_at < ?"), rs -> {
				calls.add(call(rs));
			}, callArgs.toArray());
		});
		return new ProcessHistory(instances, executions, calls);
	}

	/** A process version: its key and the id of its definition. */
	record Version(String processKey, String definitionId) {
	}

	/** The ended ones of these instances, by process version, in the order of key and definition id. */
	SortedMap<Version, List<Instance>> endedByVersion(List<String> ids) {
		SortedMap<Version, List<Instance>> byVersion = new TreeMap<>(
				Comparator.comparing(Version::processKey).thenComparing(Version::definitionId));
		inChunks(ids, chunk -> jdbc.query("select ID_, START_TIME_, END_TIME_, STATE_, PROC_DEF_KEY_, PROC_DEF_ID_"
				+ " from ACT_HI_PROCINST where END_TIME_ is not null and ID_" + in(chunk), rs -> {
					byVersion.computeIfAbsent(new Version(rs.getString(5), rs.getString(6)), v -> new ArrayList<>())
						.add(instance(rs, 0));
				}, chunk.toArray()));
		return byVersion;
	}

	/** Hands the list on in parts of at most {@value #CHUNK}, each for one {@code in (…)} list. */
	private static <T> void inChunks(List<T> all, Consumer<List<T>> each) {
		for (int k = 0; k < all.size(); k += CHUNK) {
			each.accept(all.subList(k, Math.min(all.size(), k + CHUNK)));
		}
	}

	/** {@code in (?, ?, …)} with a parameter for each element. */
	private static String in(List<?> chunk) {
		return " in (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
	}

	private static final String EXECUTIONS = "select process_instance_id, activity_id, activity_name, executor_kind,"
			+ " started_epoch_millis, duration_millis, working_millis, cost, outcome, failures, escalations, executor_group,"
			+ " executor_id, sequence_counter from smartops_task_execution";

	/** The calls that served task instances: shadow runs are an agent's evidence, not the process's work. */
	private static final String CALLS = "select process_instance_id, activity_id, agent_id, outcome, feedback, confidence,"
			+ " started_at from smartops_agent_call where shadow = false";

	static Instance instance(ResultSet rs, int row) throws SQLException {
		Timestamp end = rs.getTimestamp(3);
		return new Instance(rs.getString(1), rs.getTimestamp(2).getTime(), end == null ? null : end.getTime(),
				"COMPLETED".equals(rs.getString(4)));
	}

	private static Execution execution(ResultSet rs) throws SQLException {
		long duration = rs.getLong(6);
		boolean ended = !rs.wasNull();
		long working = rs.getLong(7);
		boolean worked = !rs.wasNull();
		double cost = rs.getDouble(8);
		boolean costed = !rs.wasNull();
		return new Execution(rs.getString(1), rs.getString(2), rs.getString(3), ExecutorKind.valueOf(rs.getString(4)),
				rs.getLong(5), rs.getLong(14), ended ? duration : null, worked ? working : null, costed ? cost : null,
				Outcome.valueOf(rs.getString(9)), rs.getInt(10), rs.getInt(11), rs.getString(12), rs.getString(13));
	}

	private static AgentCallRecord call(ResultSet rs) throws SQLException {
		String feedback = rs.getString(5);
		double confidence = rs.getDouble(6);
		boolean confident = !rs.wasNull();
		return new AgentCallRecord(rs.getString(2), rs.getString(3), AgentCall.Outcome.valueOf(rs.getString(4)),
				feedback == null ? null : AgentCall.Feedback.valueOf(feedback), confident ? confidence : null,
				rs.getTimestamp(7).getTime());
	}

	/**
	 * Adds the digests of the tally's window the {@link HistoryDigester} wrote: the instances that
	 * ended on or after its start's day and started before its end (they ran in the window), the
	 * executions and calls that started in the window.
	 */
	void digested(String processKey, String definitionId, InsightCalculator.Tally tally) {
		long from = tally.from;
		long to = tally.to;
		String version = definitionId == null ? "" : " and process_definition_id = ?";
		List<Object> args = new ArrayList<>(List.of(processKey, HistoryDigester.day(from)));
		if (definitionId != null) {
			args.add(definitionId);
		}
		List<InstanceDigest> instances = new ArrayList<>();
		jdbc.query("select instances from smartops_insight_day where process_definition_key = ? and bucket_day >= ?"
				+ " and instance_count > 0" + version, rs -> {
					DigestCodec.readInstances(rs.getBytes(1), instances);
				}, args.toArray());
		for (InstanceDigest i : instances) {
			if (i.startMillis() < to && i.endMillis() >= from) {
				tally.instances.add(i);
			}
		}
		args.add(2, HistoryDigester.day(to - 1));
		List<AgentCallRecord> calls = new ArrayList<>();
		jdbc.query("select executions, calls from smartops_insight_day where process_definition_key = ?"
				+ " and bucket_day >= ? and bucket_day <= ?" + version, rs -> {
					DigestCodec.readExecutions(rs.getBytes(1), tally);
					DigestCodec.readCalls(rs.getBytes(2), from, to, calls);
				}, args.toArray());
		calls.forEach(tally::add);
	}
}
