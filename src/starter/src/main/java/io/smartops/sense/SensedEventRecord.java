package io.smartops.sense;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A sensed event as stored, once per event id, with what Smart Ops made of it: whether it
 * mattered to the plan in force and why, the constraints it touched, and the re-plan it fed.
 */
@Entity
@Table(name = "smartops_sensed_event", indexes = @Index(name = "idx_sensed_received", columnList = "receivedAt"))
public class SensedEventRecord {

	public enum Decision {
		/** it touches the plan: a re-plan was requested */
		TRIGGERED,
		/** the plan's slack absorbs it */
		ABSORBED,
		/** no plan is in force to compare it with */
		NO_PLAN
	}

	@Id
	private String id;

	private String source;

	private String type;

	private String subject;

	private double eventValue;

	private Instant observedAt;

	private Instant receivedAt;

	private String channel;

	private String runId;

	private String decision;

	@Column(length = 2000)
	private String reason;

	@Column(length = 2000)
	@Convert(converter = Lines.class)
	private List<String> touched = List.of();

	/** The re-plan that took this change into the scenario. */
	private String replanId;

	protected SensedEventRecord() {
	}

	SensedEventRecord(SensorEvent e, String channel, String runId, Decision decision, String reason, List<String> touched) {
		this.id = e.id();
		this.source = e.source();
		this.type = e.type();
		this.subject = e.subject();
		this.eventValue = e.value();
		this.observedAt = e.observedAt();
		this.receivedAt = Instant.now();
		this.channel = channel;
		this.runId = runId;
		this.decision = decision.name();
		this.reason = reason;
		this.touched = touched;
	}

	public SensorEvent event() {
		return new SensorEvent(id, source, type, subject, eventValue, observedAt);
	}

	public String getId() {
		return id;
	}

	public String getSource() {
		return source;
	}

	public String getType() {
		return type;
	}

	public String getSubject() {
		return subject;
	}

	public double getValue() {
		return eventValue;
	}

	public Instant getObservedAt() {
		return observedAt;
	}

	public Instant getReceivedAt() {
		return receivedAt;
	}

	public String getChannel() {
		return channel;
	}

	public String getRunId() {
		return runId;
	}

	public String getDecision() {
		return decision;
	}

	public String getReason() {
		return reason;
	}

	public List<String> getTouched() {
		return touched;
	}

	public String getReplanId() {
		return replanId;
	}

	void appliedIn(String replanId) {
		this.replanId = replanId;
	}
}
