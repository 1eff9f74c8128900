package io.smartops.insight;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.smartops.agent.AgentCall;
import io.smartops.insight.ProcessHistory.AgentCallRecord;
import io.smartops.insight.ProcessHistory.Execution;
import io.smartops.insight.ProcessHistory.Instance;
import io.smartops.process.TaskExecution.ExecutorKind;
import io.smartops.process.TaskExecution.Outcome;

/**
 * Loads a process's history for a window: its instances from the engine's history
 * ({@code ACT_HI_PROCINST}), their task executions from the project's task-execution table (one
 * indexed range, every figure of a task in one row) and the agent calls on them from the call
 * audit. Read-only queries; nothing of the engine's runtime is touched.
 */
@Repository
class HistoryReader {

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
				(rs, i) -> {
					Timestamp end = rs.getTimestamp(3);
					return new Instance(rs.getString(1), rs.getTimestamp(2).getTime(), end == null ? null : end.getTime(),
							"COMPLETED".equals(rs.getString(4)));
				}, args.toArray());
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
		jdbc.query("select process_instance_id, activity_id, activity_name, executor_kind, started_epoch_millis,"
				+ " duration_millis, working_millis, cost, outcome, failures, escalations, executor_group, executor_id,"
				+ " sequence_counter"
				+ " from smartops_task_execution where process_definition_key = ? and started_epoch_millis >= ?"
				+ " and started_epoch_millis < ?" + (definitionId == null ? "" : " and process_definition_id = ?"), rs -> {
					String instance = rs.getString(1);
					if (!ids.contains(instance)) {
						return;
					}
					long duration = rs.getLong(6);
					boolean ended = !rs.wasNull();
					long working = rs.getLong(7);
					boolean worked = !rs.wasNull();
					double cost = rs.getDouble(8);
					boolean costed = !rs.wasNull();
					executions.add(new Execution(instance, rs.getString(2), rs.getString(3),
							ExecutorKind.valueOf(rs.getString(4)), rs.getLong(5), rs.getLong(14), ended ? duration : null,
							worked ? working : null, costed ? cost : null, Outcome.valueOf(rs.getString(9)), rs.getInt(10),
							rs.getInt(11), rs.getString(12), rs.getString(13)));
				}, executionArgs.toArray());
		List<AgentCallRecord> calls = new ArrayList<>();
		jdbc.query("select process_instance_id, activity_id, agent_id, outcome, feedback, confidence"
				+ " from smartops_agent_call where started_at >= ? and started_at < ?", rs -> {
					if (!ids.contains(rs.getString(1))) {
						return;
					}
					String feedback = rs.getString(5);
					double confidence = rs.getDouble(6);
					boolean confident = !rs.wasNull();
					calls.add(new AgentCallRecord(rs.getString(2), rs.getString(3), AgentCall.Outcome.valueOf(rs.getString(4)),
							feedback == null ? null : AgentCall.Feedback.valueOf(feedback), confident ? confidence : null));
				}, new Timestamp(from), new Timestamp(to));
		return new ProcessHistory(instances, executions, calls);
	}
}
