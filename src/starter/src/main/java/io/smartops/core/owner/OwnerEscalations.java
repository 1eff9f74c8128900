package io.smartops.core.owner;

import io.smartops.core.transaction.AfterCommit;
import io.smartops.core.cluster.ClusterClaims;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts what needs a process's owner on the owner's Tasklist: an instance of
 * {@code process-owner-escalation.bpmn} whose task is assigned to the owner, with the pod as its
 * candidate group. Each thing is escalated once, across every node of a cluster: the claim of its
 * name ({@link ClusterClaims}) commits with the escalation's start or not at all.
 */
@Service
public class OwnerEscalations {

	public static final String PROCESS_KEY = "process-owner-escalation";

	private static final Logger log = LoggerFactory.getLogger(OwnerEscalations.class);

	/** What went wrong. */
	public enum Kind {
		/** An incident left open past the configured age. */
		INCIDENT,
		/** An agent broke a guardrail (its failures opened the circuit breaker, its budget ran out). */
		AGENT_GUARDRAIL
	}

	private final ProcessOwners owners;
	private final RuntimeService runtime;
	private final HistoryService history;
	private final RepositoryService repository;
	private final ClusterClaims claims;
	private final TransactionTemplate transaction;
	private final ProcessProperties properties;
	private final JdbcTemplate jdbc;
	private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "owner-escalations");
		t.setDaemon(true);
		return t;
	});

	OwnerEscalations(ProcessOwners owners, RuntimeService runtime, HistoryService history, RepositoryService repository,
			ClusterClaims claims, PlatformTransactionManager transactions, ProcessProperties properties, JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.owners = owners;
		this.runtime = runtime;
		this.history = history;
		this.repository = repository;
		this.claims = claims;
		// a transaction of its own: a claim that fails rolls back the escalation alone, not the caller's work
		this.transaction = new TransactionTemplate(transactions);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.properties = properties;
	}

	/**
	 * Escalates {@code subject} (an incident id, an agent and day …) of a process to its owner,
	 * once; returns the escalation's process instance id, or null when it was escalated before.
	 */
	public String escalate(String processKey, Kind kind, String subject, String summary, String detail) {
		ProcessOwners.Owner owner = owners.ownerOf(processKey);
		String name = (kind + ":" + subject);
		String claim = clip(name, 100);
		return transaction.execute(status -> {
			if (!claims.claim(claim)) {
				// escalated before (here or on another node); on PostgreSQL the failed insert spoilt the transaction
				status.setRollbackOnly();
				return null;
			}
			Map<String, Object> variables = new HashMap<>();
			variables.put("owner", owner.owner());
			variables.put("pod", owner.pod());
			variables.put("escalatedProcessKey", processKey);
			variables.put("escalationKind", kind.name());
			variables.put("summary", summary);
			variables.put("detail", detail);
			// what the owner reads: the process and its tasks by name, an instance as a link to Cockpit
			var definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion()
				.singleResult();
			variables.put("processName", definition == null || definition.getName() == null ? processKey : definition.getName());
			variables.put("escalationKindText", kind == Kind.INCIDENT ? "An incident has stayed open too long"
					: "An agent broke one of its guardrails (failures in a row, its budget, its quality floor)");
			variables.put("detailText", readable(definition, detail));
			String id = runtime.startProcessInstanceByKey(PROCESS_KEY, claim, variables).getId();
			log.info("escalated {} of {} to its owner {}: {}", kind, processKey, owner.owner(), summary);
			return id;
		});
	}

	private static final java.util.regex.Pattern INSTANCE = java.util.regex.Pattern
		.compile("process instance ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

	private static final java.util.regex.Pattern TASK = java.util.regex.Pattern.compile("\\b(Task_[A-Za-z0-9_]+)");

	/** The detail with each instance a link to Cockpit and each task by its name. */
	private String readable(org.camunda.bpm.engine.repository.ProcessDefinition definition, String detail) {
		if (detail == null) {
			return "";
		}
		String linked = INSTANCE.matcher(detail)
			.replaceAll("[an instance, in Cockpit](/camunda/app/cockpit/default/#/process-instance/$1)");
		if (definition == null) {
			return linked;
		}
		var model = repository.getBpmnModelInstance(definition.getId());
		return TASK.matcher(linked).replaceAll(m -> {
			var element = model.getModelElementById(m.group(1));
			String name = element == null ? null : element.getAttributeValue("name");
			return java.util.regex.Matcher.quoteReplacement(name == null ? m.group(1) : "“" + name + "”");
		});
	}

	/**
	 * Escalates once the caller's transaction has committed: queued in that transaction, so that a
	 * rolled-back call escalates nothing and a committed one is escalated even if this node stops
	 * right after (the sweep of any node takes it up), and escalated on a thread of its own, so
	 * that the caller (an agent worker reporting a call) does not wait for it.
	 */
	public void escalateAfterCommit(String processKey, Kind kind, String subject, String summary, String detail) {
		KeyHolder id = new GeneratedKeyHolder();
		jdbc.update(c -> {
			PreparedStatement insert = c.prepareStatement("insert into smartops_owner_escalation_queue (process_key, kind,"
					+ " subject, summary, detail, queued_at) values (?, ?, ?, ?, ?, ?)", new String[] { "id" });
			insert.setString(1, processKey);
			insert.setString(2, kind.name());
			insert.setString(3, clip(subject, 200));
			insert.setString(4, clip(summary, 2000));
			insert.setString(5, clip(detail, 4000));
			insert.setTimestamp(6, Timestamp.from(Instant.now()));
			return insert;
		}, id);
		long queued = id.getKey().longValue();
		AfterCommit.run(() -> background.execute(() -> escalateQueued(queued)));
	}

	/** The text cut to its column's length. */
	private static String clip(String text, int length) {
		return text.length() > length ? text.substring(0, length) : text;
	}

	/** Escalates a queued escalation (once, by its claim) and takes it off the queue. */
	void escalateQueued(long id) {
		try {
			List<Map<String, Object>> rows = jdbc.queryForList("select process_key, kind, subject, summary, detail"
					+ " from smartops_owner_escalation_queue where id = ?", id);
			if (rows.isEmpty()) {
				return;
			}
			Map<String, Object> row = rows.get(0);
			escalate((String) row.get("process_key"), Kind.valueOf((String) row.get("kind")), (String) row.get("subject"),
					(String) row.get("summary"), (String) row.get("detail"));
			jdbc.update("delete from smartops_owner_escalation_queue where id = ?", id);
		}
		catch (RuntimeException e) {
			log.warn("could not escalate queued escalation {} to its owner; the sweep tries again: {}", id, e.toString());
		}
	}

	/** Escalates what was queued more than a minute ago and is still queued (its node stopped first). */
	@Scheduled(initialDelayString = "${smartops.process.escalation-queue-sweep:PT1M}",
			fixedDelayString = "${smartops.process.escalation-queue-sweep:PT1M}")
	public int sweepQueue() {
		List<Long> stale = jdbc.queryForList("select id from smartops_owner_escalation_queue where queued_at < ?"
				+ " order by id", Long.class, Timestamp.from(Instant.now().minusSeconds(60)));
		stale.forEach(this::escalateQueued);
		return stale.size();
	}

	@PreDestroy
	void stop() {
		background.shutdown();
	}

	/** Incidents still open after the configured age go to the owner of their process. */
	@Scheduled(initialDelayString = "${smartops.process.escalation-check:PT5M}",
			fixedDelayString = "${smartops.process.escalation-check:PT5M}")
	public int escalateOldIncidents() {
		Date before = Date.from(ClockUtil.getCurrentTime().toInstant().minus(properties.incidentEscalationAge()));
		int escalated = 0;
		for (Incident incident : runtime.createIncidentQuery().incidentTimestampBefore(before).list()) {
			HistoricProcessInstance instance = incident.getProcessInstanceId() == null ? null
					: history.createHistoricProcessInstanceQuery().processInstanceId(incident.getProcessInstanceId())
						.singleResult();
			String processKey = instance != null ? instance.getProcessDefinitionKey()
					: repository.getProcessDefinition(incident.getProcessDefinitionId()).getKey();
			if (PROCESS_KEY.equals(processKey)) {
				continue;
			}
			String summary = "An incident at " + incident.getActivityId() + " has been open since "
					+ incident.getIncidentTimestamp().toInstant();
			String detail = incident.getIncidentType() + ": " + incident.getIncidentMessage() + "\nprocess instance "
					+ incident.getProcessInstanceId() + (instance != null && instance.getBusinessKey() != null
							? " (" + instance.getBusinessKey() + ")" : "");
			if (escalate(processKey, Kind.INCIDENT, incident.getId(), summary, detail) != null) {
				escalated++;
			}
		}
		return escalated;
	}

	/** The key of a process instance's definition, from the history (null if it is unknown). */
	public String processKeyOf(String processInstanceId) {
		HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
			.singleResult();
		return instance == null ? null : instance.getProcessDefinitionKey();
	}
}
