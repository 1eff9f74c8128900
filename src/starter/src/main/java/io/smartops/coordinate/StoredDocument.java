package io.smartops.coordinate;

import java.time.Instant;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A scenario or plan document: process variables hold only its id, never the document itself.
 */
@Entity
@Table(name = "smartops_document")
public class StoredDocument {

	@Id
	private String id;

	private String runId;

	private String kind;

	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String content;

	private Instant createdAt;

	protected StoredDocument() {
	}

	StoredDocument(String id, String runId, String kind, String content) {
		this.id = id;
		this.runId = runId;
		this.kind = kind;
		this.content = content;
		this.createdAt = Instant.now();
	}

	public String getId() {
		return id;
	}

	public String getRunId() {
		return runId;
	}

	public String getKind() {
		return kind;
	}

	public String getContent() {
		return content;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}
}
