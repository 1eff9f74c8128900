package io.smartops.demo.sales;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** An existing customer that new leads are deduplicated against. */
@Entity
@Table(name = "smartops_customer", indexes = { @Index(name = "idx_customer_domain", columnList = "email_domain"),
		@Index(name = "idx_customer_name", columnList = "normalized_name") })
public class Customer {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "company_name", nullable = false)
	private String companyName;

	@Column(name = "normalized_name", nullable = false)
	private String normalizedName;

	@Column(name = "email_domain")
	private String emailDomain;

	@Column(name = "country", length = 2)
	private String country;

	@Column(name = "lead_count", nullable = false)
	private int leadCount;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected Customer() {
	}

	public Customer(String companyName, String emailDomain, String country) {
		this.companyName = companyName;
		this.normalizedName = CustomerMatcher.normalize(companyName);
		this.emailDomain = emailDomain;
		this.country = country;
		this.leadCount = 1;
		this.createdAt = Instant.now();
	}

	public Long getId() {
		return id;
	}

	public String getCompanyName() {
		return companyName;
	}

	public String getEmailDomain() {
		return emailDomain;
	}

	public int getLeadCount() {
		return leadCount;
	}

	void countLead() {
		leadCount++;
	}
}
