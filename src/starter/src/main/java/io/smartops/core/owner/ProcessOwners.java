package io.smartops.core.owner;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.smartops.core.web.InvalidRequestException;
import io.smartops.core.web.NotFoundException;

/**
 * One accountable owner (a user) and pod (a group) per deployed process key, the "one pod" model:
 * SLA escalations, incidents left open and agent guardrail breaches of a process go to its owner.
 * A key deployed without one has the configured default owner and pod; a change is audited in
 * {@code smartops_process_change} with who made it.
 */
@Service("processOwners")
public class ProcessOwners {

	public record Owner(String processKey, String owner, String pod) {
	}

	private final JdbcTemplate jdbc;
	private final RepositoryService repository;
	private final IdentityService identity;
	private final ProcessProperties properties;

	ProcessOwners(JdbcTemplate jdbc, RepositoryService repository, IdentityService identity,
			ProcessProperties properties) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.identity = identity;
		this.properties = properties;
	}

	/**
	 * Every deployed key gets its row at start, so that each has exactly one owner from then on
	 * (each insert commits alone: a node started at the same time may have written the row first).
	 */
	@EventListener(ApplicationReadyEvent.class)
	public void ownEveryDeployedProcess() {
		for (String key : deployedKeys()) {
			if (stored(key).isEmpty()) {
				try {
					jdbc.update("insert into smartops_process_owner (process_key, owner_id, pod_group, updated_by,"
							+ " updated_at) values (?, ?, ?, 'smartops', ?)", key, properties.defaultOwner(),
							properties.defaultPod(), Timestamp.from(Instant.now()));
				}
				catch (DuplicateKeyException anotherNode) {
					// it named the same default
				}
			}
		}
	}

	/** The owner of a process key: the one named, else the default. */
	public Owner ownerOf(String processKey) {
		return stored(processKey).orElse(new Owner(processKey, properties.defaultOwner(), properties.defaultPod()));
	}

	private Optional<Owner> stored(String processKey) {
		return jdbc.query("select owner_id, pod_group from smartops_process_owner where process_key = ?",
				(rs, i) -> new Owner(processKey, rs.getString(1), rs.getString(2)), processKey).stream().findFirst();
	}

	/** Names the owner and pod of a deployed process; unknown key → 404, unknown user or group → 400. */
	@Transactional
	public Owner setOwner(String processKey, String owner, String pod, String changedBy) {
		requireDeployed(processKey);
		if (owner == null || owner.isBlank() || identity.createUserQuery().userId(owner).count() == 0) {
			throw new InvalidRequestException("invalid owner", Map.of("owner", "no user '" + owner + "'"));
		}
		if (pod == null || pod.isBlank() || identity.createGroupQuery().groupId(pod).count() == 0) {
			throw new InvalidRequestException("invalid owner", Map.of("pod", "no group '" + pod + "'"));
		}
		Owner before = ownerOf(processKey);
		Timestamp now = Timestamp.from(Instant.now());
		if (jdbc.update("update smartops_process_owner set owner_id = ?, pod_group = ?, updated_by = ?, updated_at = ?"
				+ " where process_key = ?", owner, pod, changedBy, now, processKey) == 0) {
			jdbc.update("insert into smartops_process_owner (process_key, owner_id, pod_group, updated_by, updated_at)"
					+ " values (?, ?, ?, ?, ?)", processKey, owner, pod, changedBy, now);
		}
		audit(processKey, changedBy, "owner " + before.owner() + " → " + owner + ", pod " + before.pod() + " → " + pod);
		return new Owner(processKey, owner, pod);
	}

	/** Records a change to a process's owner, targets or plan in its audit trail. */
	public void audit(String processKey, String changedBy, String change) {
		jdbc.update("insert into smartops_process_change (process_key, changed_by, changed_at, change) values (?, ?, ?, ?)",
				processKey, changedBy == null ? "smartops" : changedBy, Timestamp.from(Instant.now()),
				change.length() > 2000 ? change.substring(0, 2000) : change);
	}

	public record Change(String changedBy, Instant changedAt, String change) {
	}

	public List<Change> changes(String processKey) {
		return jdbc.query("select changed_by, changed_at, change from smartops_process_change where process_key = ?"
				+ " order by id", (rs, i) -> new Change(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)),
				processKey);
	}

	/** The keys of every deployed process definition, in name order. */
	public List<String> deployedKeys() {
		return repository.createProcessDefinitionQuery().latestVersion().orderByProcessDefinitionKey().asc().list()
			.stream()
			.map(d -> d.getKey())
			.toList();
	}

	/** 404 naming the key when no process with it is deployed. */
	public void requireDeployed(String processKey) {
		if (repository.createProcessDefinitionQuery().processDefinitionKey(processKey).count() == 0) {
			throw new NotFoundException("no process deployed with key '" + processKey + "'");
		}
	}
}
