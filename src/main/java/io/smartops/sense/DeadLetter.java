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

	DeadLetter(String topic, String payload, String error) {
		this.topic = topic;
		this.payload = payload.length() > 10_000 ? payload.substring(0, 10_000) : payload;
		this.error = error.length() > 2000 ? error.substring(0, 2000) : error;
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
