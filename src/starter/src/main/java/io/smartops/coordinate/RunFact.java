package io.smartops.coordinate;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;
import jakarta.persistence.Column;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A named fact in a run's context, with its provenance: which agent (and version) wrote it, when,
 * and from which inputs. A fact is never changed: a newer fact of the same name supersedes it.
 */
@Entity
@Table(name = "smartops_run_fact", indexes = @Index(name = "idx_fact_run", columnList = "runId,name"))
public class RunFact {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String runId;

	private String name;

	@Column(name = "fact_value")
	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String value;

	private String agentId;

	private String agentVersion;

	@Column(length = 4000)
	private String inputs;

	private Instant createdAt;

	protected RunFact() {
	}

	RunFact(String runId, String name, String value, String agentId, String agentVersion, String inputs) {
		this.runId = runId;
		this.name = name;
		this.value = value;
		this.agentId = agentId;
		this.agentVersion = agentVersion;
		this.inputs = inputs;
		this.createdAt = Instant.now();
	}

	public Long getId() {
		return id;
	}

	public String getRunId() {
		return runId;
	}

	public String getName() {
		return name;
	}

	@JsonRawValue
	public String getValue() {
		return value;
	}

	public String getAgentId() {
		return agentId;
	}

	public String getAgentVersion() {
		return agentVersion;
	}

	@JsonRawValue
	public String getInputs() {
		return inputs;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}
}
