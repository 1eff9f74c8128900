package io.smartops.insight.mining;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Repository;

import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.core.execution.TaskExecution.Outcome;

/**
 * Streams a process's instances, each with its task executions, from the engine's history
 * ({@code ACT_HI_PROCINST}, and on request the variables that name its business objects from
 * {@code ACT_HI_VARINST} and the hand-made changes from the user operation log) and Smart Ops'
 * task-execution records. One cursor reads the instances in start order; every
 * {@value #CHUNK} of them, a second connection reads their executions: memory holds one chunk,
 * whatever the size of the history. Read-only; nothing of the engine's runtime is touched.
 */
@Repository
public class CaseStream {

	/** Instances per chunk: one {@code in (…)} list of executions. */
	static final int CHUNK = 500;

	/** The resource of an automated task. */
	public static final String AUTOMATION = "automation";

	/** Which instances: of a process (one version when {@code definitionId} is set) started in [from, to). */
	public record Query(String processKey, String definitionId, long from, long to, boolean endedOnly,
			Set<String> variables, boolean handChanges) {
	}

	/** One instance: how it ended ({@code state}, the end event), its business objects, its task executions in order. */
	public record Case(String id, String businessKey, String definitionId, long start, Long end, String state,
			String endActivityId, Map<String, String> variables, Set<String> handChanges, List<Step> steps) {

		/** Whether someone changed the instance by hand: modified its tokens, migrated it to another version or deleted it. */
		public boolean changedByHand() {
			return !handChanges.isEmpty();
		}

		/** The executions that ran to their end: what the instance did (a cancelled task did not happen). */
		public List<Step> completedSteps() {
			return steps.stream().filter(s -> s.outcome() != Outcome.CANCELED && s.outcome() != Outcome.RUNNING).toList();
		}
	}

	/** One task execution: who did it, when, at what cost, and how it ended. */
	public record Step(String activityInstanceId, String activityId, String activityName, String definitionId,
			ExecutorKind kind, String executorId, String group, long start, Long end, Double cost, Outcome outcome) {

		/** Who did it: the person's id, the agent's id, or {@code automation}; null for a person's task nobody took. */
		public String resource() {
			return kind == ExecutorKind.AUTOMATION ? AUTOMATION : executorId;
		}
	}

	private final DataSource dataSource;

	CaseStream(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Hands each instance of the query to {@code each}, in start order, and returns how many there were. */
	public long forEach(Query query, Consumer<Case> each) {
		List<Case> chunk = new ArrayList<>(CHUNK);
		long[] count = new long[1];
		try (Connection details = dataSource.getConnection()) {
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(details, true));
			stream(query, "select p.ID_, p.BUSINESS_KEY_, p.PROC_DEF_ID_, p.START_TIME_, p.END_TIME_, p.STATE_, p.END_ACT_ID_"
					+ " from ACT_HI_PROCINST p where " + instances(query) + " order by p.START_TIME_, p.ID_",
					arguments(query, List.of()), rs -> {
						Timestamp end = rs.getTimestamp(5);
						chunk.add(new Case(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).getTime(),
								end == null ? null : end.getTime(), rs.getString(6), rs.getString(7), new HashMap<>(),
								new HashSet<>(), new ArrayList<>()));
						if (chunk.size() == CHUNK) {
							count[0] += complete(jdbc, chunk, query, each);
						}
					});
			count[0] += complete(jdbc, chunk, query, each);
		}
		catch (SQLException e) {
			throw new DataAccessResourceFailureException("reading the history of " + query.processKey() + " failed", e);
		}
		return count[0];
	}

	/**
	 * Hands each business object the query's instances name to {@code each} once (the variable and
	 * its value; the database drops the repeats), streamed like the instances.
	 */
	public void forEachObject(Query query, BiConsumer<String, String> each) {
		if (query.variables().isEmpty()) {
			return;
		}
		stream(query, "select distinct v.NAME_, coalesce(v.TEXT_, cast(v.LONG_ as varchar(40))) from ACT_HI_VARINST v"
				+ " join ACT_HI_PROCINST p on p.ID_ = v.PROC_INST_ID_ where " + instances(query) + " and v.NAME_"
				+ in(query.variables().size()) + " and (v.TEXT_ is not null or v.LONG_ is not null)",
				arguments(query, query.variables()), rs -> each.accept(rs.getString(1), rs.getString(2)));
	}

	/** The query's instances, as a condition on {@code ACT_HI_PROCINST p}. */
	private static String instances(Query query) {
		return "p.PROC_DEF_KEY_ = ? and p.START_TIME_ >= ? and p.START_TIME_ < ?"
				+ (query.definitionId() == null ? "" : " and p.PROC_DEF_ID_ = ?")
				+ (query.endedOnly() ? " and p.END_TIME_ is not null" : "");
	}

	/** The arguments of {@link #instances}, then the others. */
	private static Object[] arguments(Query query, Collection<?> others) {
		List<Object> args = new ArrayList<>(List.of(query.processKey(), new Timestamp(query.from()), new Timestamp(query.to())));
		if (query.definitionId() != null) {
			args.add(query.definitionId());
		}
		args.addAll(others);
		return args.toArray();
	}

	/**
	 * Runs the query on a connection of its own with a cursor, handing each row on as it comes:
	 * PostgreSQL streams a result set only inside a transaction (H2 spills a large one to disk itself).
	 */
	private void stream(Query query, String sql, Object[] args, RowCallbackHandler each) {
		try (Connection c = dataSource.getConnection()) {
			boolean autoCommit = c.getAutoCommit();
			c.setAutoCommit(false);
			try {
				JdbcTemplate cursor = new JdbcTemplate(new SingleConnectionDataSource(c, true));
				cursor.setFetchSize(CHUNK);
				cursor.query(sql, each, args);
			}
			finally {
				c.rollback();
				c.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException e) {
			throw new DataAccessResourceFailureException("reading the history of " + query.processKey() + " failed", e);
		}
	}

	/** Reads the chunk's executions (and variables, hand changes), hands each instance on and empties the chunk. */
	private static int complete(JdbcTemplate jdbc, List<Case> chunk, Query query, Consumer<Case> each) {
		if (chunk.isEmpty()) {
			return 0;
		}
		Map<String, Case> byId = new LinkedHashMap<>();
		chunk.forEach(k -> byId.put(k.id(), k));
		Object[] ids = byId.keySet().toArray();
		String in = in(ids.length);
		jdbc.query("select process_instance_id, activity_instance_id, activity_id, activity_name, process_definition_id,"
				+ " executor_kind, executor_id, executor_group, started_epoch_millis, duration_millis, cost, outcome"
				+ " from smartops_task_execution where process_instance_id" + in
				+ " order by process_instance_id, started_epoch_millis, sequence_counter", rs -> {
					long start = rs.getLong(9);
					long duration = rs.getLong(10);
					Long end = rs.wasNull() ? null : start + duration;
					double cost = rs.getDouble(11);
					Double costed = rs.wasNull() ? null : cost;
					byId.get(rs.getString(1)).steps().add(new Step(rs.getString(2), rs.getString(3), rs.getString(4),
							rs.getString(5), ExecutorKind.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), start,
							end, costed, Outcome.valueOf(rs.getString(12))));
				}, ids);
		if (!query.variables().isEmpty()) {
			List<Object> args = new ArrayList<>(List.of(ids));
			args.addAll(query.variables());
			jdbc.query("select PROC_INST_ID_, NAME_, TEXT_, LONG_ from ACT_HI_VARINST where PROC_INST_ID_" + in
					+ " and NAME_" + in(query.variables().size()), rs -> {
						String text = rs.getString(3);
						long number = rs.getLong(4);
						String value = text != null ? text : rs.wasNull() ? null : Long.toString(number);
						if (value != null) {
							byId.get(rs.getString(1)).variables().put(rs.getString(2), value);
						}
					}, args.toArray());
		}
		if (query.handChanges()) {
			jdbc.query("select distinct PROC_INST_ID_, OPERATION_TYPE_ from ACT_HI_OP_LOG where PROC_INST_ID_" + in
					+ " and ENTITY_TYPE_ = 'ProcessInstance' and OPERATION_TYPE_ in ('ModifyProcessInstance', 'Migrate', 'Delete')",
					rs -> {
						byId.get(rs.getString(1)).handChanges().add(rs.getString(2));
					}, ids);
			for (Case k : chunk) {
				// a migrated instance's earlier executions name the version it ran on before
				if (k.steps().stream().anyMatch(s -> s.definitionId() != null && !s.definitionId().equals(k.definitionId()))) {
					k.handChanges().add("Migrate");
				}
			}
		}
		int n = chunk.size();
		chunk.forEach(each);
		chunk.clear();
		return n;
	}

	/** {@code  in (?, ?, …)} with n parameters. */
	private static String in(int n) {
		return " in (" + String.join(",", Collections.nCopies(n, "?")) + ")";
	}
}
