package io.smartops.orchestrate;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An e-mail the demo keeps instead of sending (mail mode {@code outbox}), readable over REST. */
@Entity
@Table(name = "smartops_outbox_mail")
public class OutboxMail {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String actionId;

	private String recipient;

	private String subject;

	@Column(length = 100_000)
	private String body;

	private Instant createdAt;

	protected OutboxMail() {
	}

	OutboxMail(String actionId, String recipient, String subject, String body) {
		this.actionId = actionId;
		this.recipient = recipient;
		this.subject = subject;
		this.body = body;
		this.createdAt = Instant.now();
	}

	public Long getId() {
		return id;
	}

	public String getActionId() {
		return actionId;
	}

	public String getRecipient() {
		return recipient;
	}

	public String getSubject() {
		return subject;
	}

	public String getBody() {
		return body;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}
}
