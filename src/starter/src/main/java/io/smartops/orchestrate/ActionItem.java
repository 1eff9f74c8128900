package io.smartops.orchestrate;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;
import jakarta.persistence.Column;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One action of a plan for one action-taker: a purchase order, a price change, a carrier booking,
 * a pick list or a work order, with the idempotency key every channel passes on so a retried or
 * redelivered dispatch never makes a second order, and where it stands.
 */
@Entity
@Table(name = "smartops_action_item", indexes = { @Index(name = "idx_action_run", columnList = "runId"),
		@Index(name = "idx_action_key", columnList = "idempotencyKey", unique = true) })
public class ActionItem {

	public enum Status {
		PLANNED, DISPATCHED, ACKNOWLEDGED, REJECTED, ESCALATED, CANCELLED, SUPERSEDED
	}

	@Id
	private String id;

	private String runId;

	private String idempotencyKey;

	@Enumerated(EnumType.STRING)
	private Channel channel;

	private String kind;

	private String target;

	private int period;

	private String candidateGroup;

	private String address;

	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String payload;

	@Enumerated(EnumType.STRING)
	private Status status;

	private String processInstanceId;

	private Instant createdAt;

	private Instant dispatchedAt;

	private Instant acknowledgedAt;

	private String reference;

	@Column(length = 2000)
	private String reason;

	protected ActionItem() {
	}

	public ActionItem(String id, String runId, ActionDraft d) {
		this(id, runId, d, "");
	}

	/** The idempotency key of a run's action for a slot, in a revision ({@code ""} for the run's own plan). */
	static String keyOf(String runId, ActionDraft d, String revision) {
		return runId + "/" + d.key() + revision;
	}

	/** {@code revision} tells apart the actions a re-plan makes for a slot that had one: {@code @r2}. */
	ActionItem(String id, String runId, ActionDraft d, String revision) {
		this.id = id;
		this.runId = runId;
		this.idempotencyKey = keyOf(runId, d, revision);
		this.channel = d.channel();
		this.kind = d.kind();
		this.target = d.target();
		this.period = d.period();
		this.candidateGroup = d.candidateGroup();
		this.address = d.address();
		this.payload = d.payload();
		this.status = Status.PLANNED;
		this.createdAt = Instant.now();
	}

	public String getId() {
		return id;
	}

	public String getRunId() {
		return runId;
	}

	public String getIdempotencyKey() {
		return idempotencyKey;
	}

	public Channel getChannel() {
		return channel;
	}

	public String getKind() {
		return kind;
	}

	public String getTarget() {
		return target;
	}

	public int getPeriod() {
		return period;
	}

	public String getCandidateGroup() {
		return candidateGroup;
	}

	public String getAddress() {
		return address;
	}

	@JsonRawValue
	public String getPayload() {
		return payload;
	}

	public Status getStatus() {
		return status;
	}

	public String getProcessInstanceId() {
		return processInstanceId;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getDispatchedAt() {
		return dispatchedAt;
	}

	public Instant getAcknowledgedAt() {
		return acknowledgedAt;
	}

	public String getReference() {
		return reference;
	}

	public String getReason() {
		return reason;
	}

	public boolean inForce() {
		return status != Status.CANCELLED && status != Status.SUPERSEDED;
	}

	/** The key that identifies this action across plans: kind, target and period. */
	public String slot() {
		return kind + "/" + target + "/" + period;
	}

	void started(String processInstanceId) {
		this.processInstanceId = processInstanceId;
	}

	void dispatched(String reference) {
		if (dispatchedAt == null) {
			dispatchedAt = Instant.now();
		}
		if (reference != null) {
			this.reference = reference;
		}
		if (status == Status.PLANNED) {
			status = Status.DISPATCHED;
		}
	}

	void acknowledged(String reference) {
		if (dispatchedAt == null) {
			dispatchedAt = Instant.now();
		}
		if (acknowledgedAt == null) {
			acknowledgedAt = Instant.now();
		}
		if (reference != null) {
			this.reference = reference;
		}
		if (status == Status.PLANNED || status == Status.DISPATCHED || status == Status.ESCALATED) {
			status = Status.ACKNOWLEDGED;
		}
	}

	/** After an escalation, a person asks to send it again: it counts as not yet dispatched. */
	void retry() {
		this.status = Status.PLANNED;
		this.dispatchedAt = null;
		this.reason = "sent again after escalation";
	}

	void end(Status status, String reason) {
		this.status = status;
		this.reason = reason;
	}
}
