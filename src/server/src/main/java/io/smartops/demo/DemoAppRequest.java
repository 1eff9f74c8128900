package io.smartops.demo;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A request one of the demo applications (store POS, carrier booking) accepted, once per idempotency key. */
@Entity
@Table(name = "smartops_demo_app_request")
public class DemoAppRequest {

	@Id
	private String idempotencyKey;

	private String application;

	private String reference;

	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String payload;

	private int deliveries;

	private Instant receivedAt;

	private Instant cancelledAt;

	protected DemoAppRequest() {
	}

	DemoAppRequest(String idempotencyKey, String application, String reference, String payload) {
		this.idempotencyKey = idempotencyKey;
		this.application = application;
		this.reference = reference;
		this.payload = payload;
		this.deliveries = 1;
		this.receivedAt = Instant.now();
	}

	public String getIdempotencyKey() {
		return idempotencyKey;
	}

	public String getApplication() {
		return application;
	}

	public String getReference() {
		return reference;
	}

	@JsonRawValue
	public String getPayload() {
		return payload;
	}

	/** How often the request arrived: redeliveries count here and change nothing else. */
	public int getDeliveries() {
		return deliveries;
	}

	public Instant getReceivedAt() {
		return receivedAt;
	}

	public Instant getCancelledAt() {
		return cancelledAt;
	}

	void cancel() {
		if (cancelledAt == null) {
			cancelledAt = Instant.now();
		}
	}

	void redelivered() {
		deliveries++;
	}
}
