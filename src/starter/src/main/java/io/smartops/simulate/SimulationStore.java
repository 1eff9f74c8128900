package io.smartops.simulate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.core.web.Fields;
import io.smartops.core.web.NotFoundException;
import io.smartops.simulate.Simulations.Outcome;
import io.smartops.simulate.Simulations.Progress;
import io.smartops.simulate.Simulations.Purpose;
import io.smartops.simulate.Simulations.SimulationView;
import io.smartops.simulate.Simulations.Status;

/**
 * The simulations as rows of {@code smartops_simulation}, so that any node of a cluster answers for
 * any of them: kept when queued, their progress and heartbeat written as they run, their outcome or
 * error when they end. One that waits or runs with no heartbeat for
 * {@code smartops.simulation.stalled} reads as failed: the node that ran it stopped.
 */
@Component
class SimulationStore {

	private final JdbcTemplate jdbc;
	private final ObjectMapper json;
	private final SimulationProperties properties;

	SimulationStore(JdbcTemplate jdbc, ObjectMapper json, SimulationProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.properties = properties;
	}

	/** Keeps a new simulation as queued; returns its id. */
	String queue(SimulationPlan plan, String user) {
		String id = UUID.randomUUID().toString();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.update("insert into smartops_simulation (id, process_key, purpose, status, requested_by, request,"
				+ " instances_done, instances_total, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)", id,
				plan.spec().processKey(), plan.purpose().name(), Status.QUEUED.name(), user, write(plan.request()),
				plan.spec().instancesToStart(), now, now);
		return id;
	}

	void running(String id) {
		jdbc.update("update smartops_simulation set status = ?, updated_at = ? where id = ?", Status.RUNNING.name(),
				Timestamp.from(Instant.now()), id);
	}

	void progress(String id, long done, long all) {
		jdbc.update("update smartops_simulation set instances_done = ?, instances_total = ?, updated_at = ?"
				+ " where id = ?", done, all, Timestamp.from(Instant.now()), id);
	}

	void succeeded(String id, Outcome outcome) {
		jdbc.update("update smartops_simulation set status = ?, result = ?, instances_done = instances_total,"
				+ " updated_at = ?, finished_at = ? where id = ?", Status.SUCCEEDED.name(), write(outcome),
				Timestamp.from(Instant.now()), Timestamp.from(Instant.now()), id);
	}

	void failed(String id, String error) {
		jdbc.update("update smartops_simulation set status = ?, error = ?, updated_at = ?, finished_at = ? where id = ?",
				Status.FAILED.name(), Fields.cut(String.valueOf(error), 3900), Timestamp.from(Instant.now()),
				Timestamp.from(Instant.now()), id);
	}

	/** The heartbeat of a simulation that waits or runs on this node. */
	void alive(String id) {
		jdbc.update("update smartops_simulation set updated_at = ? where id = ? and finished_at is null",
				Timestamp.from(Instant.now()), id);
	}

	/** The newest simulation of a process's improvement plan that succeeded. */
	Optional<String> latestPlan(String processKey) {
		return jdbc.query("select id from smartops_simulation where process_key = ? and purpose = ?"
				+ " and status = ? order by finished_at desc fetch first 1 rows only", (rs, i) -> rs.getString(1),
				processKey, Purpose.PLAN.name(), Status.SUCCEEDED.name()).stream().findFirst();
	}

	public SimulationView get(String id) {
		List<SimulationView> found = jdbc.query("select id, process_key, purpose, status, requested_by, instances_done,"
				+ " instances_total, created_at, finished_at, error, result, updated_at from smartops_simulation where id = ?",
				(rs, i) -> {
					Status status = Status.valueOf(rs.getString(4));
					String error = rs.getString(10);
					Instant updated = rs.getTimestamp(12).toInstant();
					if ((status == Status.QUEUED || status == Status.RUNNING)
							&& updated.isBefore(Instant.now().minus(properties.stalled()))) {
						status = Status.FAILED;
						error = "the node that ran it stopped (no word from it since " + updated + ")";
					}
					long done = rs.getLong(6);
					long total = rs.getLong(7);
					Timestamp finished = rs.getTimestamp(9);
					String result = rs.getString(11);
					return new SimulationView(rs.getString(1), rs.getString(2), Purpose.valueOf(rs.getString(3)), status,
							new Progress(done, total, total == 0 ? 0 : Math.min(100, 100.0 * done / total)),
							rs.getString(5), rs.getTimestamp(8).toInstant(), finished == null ? null : finished.toInstant(),
							error, result == null ? null : readOutcome(result));
				}, id);
		if (found.isEmpty()) {
			throw new NotFoundException("no simulation '" + id + "'");
		}
		return found.get(0);
	}

	private String write(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	private Outcome readOutcome(String value) {
		try {
			return json.readValue(value, Outcome.class);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("unreadable simulation result", e);
		}
	}

}
