package io.smartops.agent;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One audited change to the agent library: who, when, which agent, what. */
@Entity
@Table(name = "smartops_agent_change")
public class AgentChange {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "agent_id", nullable = false, length = 100)
	private String agentId;

	@Column(name = "changed_by", nullable = false, length = 100)
	private String changedBy;

	@Column(name = "changed_at", nullable = false)
	private Instant changedAt;

	@Column(nullable = false, length = 1000)
	private String change;

	protected AgentChange() {
	}

	AgentChange(String agentId, String changedBy, String change) {
		this.agentId = agentId;
		this.changedBy = changedBy;
		this.changedAt = org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant();
		this.change = change;
	}

	public String getAgentId() {
		return agentId;
	}

	public String getChangedBy() {
		return changedBy;
	}

	public Instant getChangedAt() {
		return changedAt;
	}

	public String getChange() {
		return change;
	}
}
