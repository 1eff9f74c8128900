package io.smartops.sense;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * The trace of one re-optimization: what triggered it, the constraints touched, the margin before,
 * of the stable re-plan (pins and stability window kept) and of the unconstrained one (pins only),
 * which was chosen and why, and the actions changed per channel, with the changes for people.
 */
@Entity
@Table(name = "smartops_replan", indexes = @Index(name = "idx_replan_run", columnList = "runId"))
public class Replan {

	public enum Status {
		REQUESTED, AWAITING_APPROVAL, APPLIED, INFEASIBLE
	}

	public enum Choice {
		STABLE, UNCONSTRAINED
	}

	@Id
	private String id;

	private String runId;

	private String revision;

	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String eventIds;

	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String triggers;

	@Column(length = 4000)
	@Convert(converter = Lines.class)
	private List<String> touched = List.of();

	private String status;

	private Double oldMargin;

	private Double stableMargin;

	private Double unconstrainedMargin;

	private String choice;

	@Column(length = 2000)
	private String choiceReason;

	private Integer pinnedActions;

	private Integer heldActions;

	private Integer peopleChangesStable;

	private Integer peopleChangesUnconstrained;

	private Integer cancelled;

	private Integer modified;

	private Integer added;

	@Column(length = 2000)
	private String changesByChannel;

	private Long stableSolveMillis;

	private Long unconstrainedSolveMillis;

	private String scenarioDocument;

	private String stablePlanDocument;

	private String unconstrainedPlanDocument;

	private Instant firstEventAt;

	private Instant requestedAt;

	private Instant solvedAt;

	private Instant appliedAt;

	protected Replan() {
	}

	Replan(String id, String runId, String revision, Instant firstEventAt) {
		this.id = id;
		this.runId = runId;
		this.revision = revision;
		this.firstEventAt = firstEventAt;
		this.requestedAt = Instant.now();
		this.status = Status.REQUESTED.name();
	}

	public String getId() {
		return id;
	}

	public String getRunId() {
		return runId;
	}

	public String getRevision() {
		return revision;
	}

	public String getEventIds() {
		return eventIds;
	}

	public String getTriggers() {
		return triggers;
	}

	public List<String> getTouched() {
		return touched;
	}

	public String getStatus() {
		return status;
	}

	public Double getOldMargin() {
		return oldMargin;
	}

	public Double getStableMargin() {
		return stableMargin;
	}

	public Double getUnconstrainedMargin() {
		return unconstrainedMargin;
	}

	public String getChoice() {
		return choice;
	}

	public String getChoiceReason() {
		return choiceReason;
	}

	public Integer getPinnedActions() {
		return pinnedActions;
	}

	public Integer getHeldActions() {
		return heldActions;
	}

	public Integer getPeopleChangesStable() {
		return peopleChangesStable;
	}

	public Integer getPeopleChangesUnconstrained() {
		return peopleChangesUnconstrained;
	}

	public Integer getCancelled() {
		return cancelled;
	}

	public Integer getModified() {
		return modified;
	}

	public Integer getAdded() {
		return added;
	}

	@JsonRawValue
	public String getChangesByChannel() {
		return changesByChannel;
	}

	public Long getStableSolveMillis() {
		return stableSolveMillis;
	}

	public Long getUnconstrainedSolveMillis() {
		return unconstrainedSolveMillis;
	}

	public String getScenarioDocument() {
		return scenarioDocument;
	}

	public String getStablePlanDocument() {
		return stablePlanDocument;
	}

	public String getUnconstrainedPlanDocument() {
		return unconstrainedPlanDocument;
	}

	public Instant getFirstEventAt() {
		return firstEventAt;
	}

	public Instant getRequestedAt() {
		return requestedAt;
	}

	public Instant getSolvedAt() {
		return solvedAt;
	}

	public Instant getAppliedAt() {
		return appliedAt;
	}

	void triggeredBy(String eventIds, String triggers, List<String> touched, Double oldMargin) {
		this.eventIds = eventIds;
		this.triggers = triggers;
		this.touched = touched;
		this.oldMargin = oldMargin;
	}

	void solved(String scenarioDocument, String stableDoc, Double stableMargin, long stableMillis, String freeDoc,
			Double freeMargin, long freeMillis, int pinned, int held, int peopleStable, int peopleFree) {
		this.scenarioDocument = scenarioDocument;
		this.stablePlanDocument = stableDoc;
		this.stableMargin = stableMargin;
		this.stableSolveMillis = stableMillis;
		this.unconstrainedPlanDocument = freeDoc;
		this.unconstrainedMargin = freeMargin;
		this.unconstrainedSolveMillis = freeMillis;
		this.pinnedActions = pinned;
		this.heldActions = held;
		this.peopleChangesStable = peopleStable;
		this.peopleChangesUnconstrained = peopleFree;
		this.solvedAt = Instant.now();
	}

	void choose(Choice choice, String reason, Status status) {
		this.choice = choice == null ? null : choice.name();
		this.choiceReason = reason;
		this.status = status.name();
	}

	void applied(int cancelled, int modified, int added, String changesByChannel) {
		this.cancelled = cancelled;
		this.modified = modified;
		this.added = added;
		this.changesByChannel = changesByChannel;
		this.appliedAt = Instant.now();
		this.status = Status.APPLIED.name();
	}
}
