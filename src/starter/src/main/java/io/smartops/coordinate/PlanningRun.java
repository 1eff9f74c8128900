package io.smartops.coordinate;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One coordinator run: its scope, where it stands, the documents it made (scenario, plan), its
 * point of optimality (margin), what it cost in data and compute, how it was approved and why,
 * and when each stage ended (for the end-to-end benchmark).
 */
@Entity
@Table(name = "smartops_planning_run", indexes = @Index(name = "idx_run_process", columnList = "processInstanceId"))
public class PlanningRun {

	public enum Status {
		GATHERING, OPTIMIZING, RELAXING, AWAITING_APPROVAL, DISPATCHING, COMPLETED, REJECTED
	}

	@Id
	private String id;

	private String processInstanceId;

	@Enumerated(EnumType.STRING)
	private Status status;

	@Column(length = 2000)
	private String scope;

	private String scopeLabel;

	private Instant startedAt;

	private Instant gatheredAt;

	private Instant optimizedAt;

	private Instant approvedAt;

	private Instant endedAt;

	private String scenarioDocument;

	private String planDocument;

	private String planStatus;

	private Double margin;

	private Long solveMillis;

	private Double dataCost;

	private Double computeCost;

	/** AUTOMATIC, PERSON or REJECTED, with the reason the approval policy or the person gave. */
	private String approval;

	@Column(length = 2000)
	private String approvalReason;

	private String approvedBy;

	private Integer actionCount;

	/** The plan in force: the latest approved plan; re-optimization diffs against it. */
	private boolean current;

	protected PlanningRun() {
	}

	public PlanningRun(String id, String processInstanceId, String scopeJson, String scopeLabel) {
		this.id = id;
		this.processInstanceId = processInstanceId;
		this.scope = scopeJson;
		this.scopeLabel = scopeLabel;
		this.status = Status.GATHERING;
		this.startedAt = Instant.now();
	}

	public String getId() {
		return id;
	}

	public String getProcessInstanceId() {
		return processInstanceId;
	}

	public Status getStatus() {
		return status;
	}

	public void setStatus(Status status) {
		this.status = status;
	}

	@JsonRawValue
	public String getScope() {
		return scope;
	}

	public String getScopeLabel() {
		return scopeLabel;
	}

	public Instant getStartedAt() {
		return startedAt;
	}

	public Instant getGatheredAt() {
		return gatheredAt;
	}

	public Instant getOptimizedAt() {
		return optimizedAt;
	}

	public Instant getApprovedAt() {
		return approvedAt;
	}

	public Instant getEndedAt() {
		return endedAt;
	}

	public String getScenarioDocument() {
		return scenarioDocument;
	}

	public String getPlanDocument() {
		return planDocument;
	}

	public String getPlanStatus() {
		return planStatus;
	}

	public Double getMargin() {
		return margin;
	}

	public Long getSolveMillis() {
		return solveMillis;
	}

	public Double getDataCost() {
		return dataCost;
	}

	public Double getComputeCost() {
		return computeCost;
	}

	public String getApproval() {
		return approval;
	}

	public String getApprovalReason() {
		return approvalReason;
	}

	public String getApprovedBy() {
		return approvedBy;
	}

	public Integer getActionCount() {
		return actionCount;
	}

	public boolean isCurrent() {
		return current;
	}

	void gathered(String scenarioDocument) {
		this.scenarioDocument = scenarioDocument;
		this.gatheredAt = Instant.now();
		this.status = Status.OPTIMIZING;
	}

	void optimized(String planDocument, String planStatus, Double margin, long solveMillis, double computeCost) {
		this.planDocument = planDocument;
		this.planStatus = planStatus;
		this.margin = margin;
		this.solveMillis = solveMillis;
		this.computeCost = computeCost;
		this.optimizedAt = Instant.now();
	}

	void approval(String approval, String reason, String by) {
		this.approval = approval;
		this.approvalReason = reason;
		this.approvedBy = by;
		this.approvedAt = Instant.now();
	}

	void dispatching(int actions) {
		this.actionCount = actions;
		this.status = Status.DISPATCHING;
	}

	void ended(Status status, double dataCost) {
		this.status = status;
		this.dataCost = dataCost;
		this.endedAt = Instant.now();
	}

	void replanned(String scenarioDocument, String planDocument, Double margin) {
		this.scenarioDocument = scenarioDocument;
		this.planDocument = planDocument;
		this.margin = margin;
	}

	void setCurrent(boolean current) {
		this.current = current;
	}
}
