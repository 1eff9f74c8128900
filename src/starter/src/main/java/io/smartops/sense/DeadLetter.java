package io.smartops.sense;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An MQTT message the sensing pipeline could not take, kept with the reason. */
@Entity
@Table(name = "smartops_dead_letter")
public class DeadLetter {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String topic;

	@Column(length = 10_000)
	private String payload;

	@Column(length = 2000)
	private String error;

	private Instant receivedAt;

	protected DeadLetter() {
	}

	/** Keeps what fits its columns: the topic's first 255 characters, the payload's first 10,000. */
	DeadLetter(String topic, String payload, String error) {
		this.topic = topic.length() > 255 ? topic.substring(0, 254) + "…" : topic;
		this.payload = payload == null ? null : payload.length() > 10_000 ? payload.substring(0, 10_000) : payload;
		String reason = error == null ? "failed" : error;
		this.error = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
		this.receivedAt = Instant.now();
	}

	public Long getId() {
		return id;
	}

	public String getTopic() {
		return topic;
	}

	public String getPayload() {
		return payload;
	}

	public String getError() {
		return error;
	}

	public Instant getReceivedAt() {
		return receivedAt;
	}
}
