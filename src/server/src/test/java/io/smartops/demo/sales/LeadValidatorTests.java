package io.smartops.demo.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LeadValidatorTests {

	final LeadValidator validator = new LeadValidator();

	Map<String, Object> valid() {
		Map<String, Object> m = new HashMap<>();
		m.put("companyName", "  ACME   Corp ");
		m.put("contactName", "Wile E.");
		m.put("email", "Wile@ACME.example");
		m.put("country", "us");
		m.put("employees", 1200);
		return m;
	}

	@Test
	void normalizesAValidLead() {
		Lead lead = validator.validate(valid()).lead();
		assertThat(lead.companyName()).isEqualTo("ACME Corp");
		assertThat(lead.email()).isEqualTo("wile@acme.example");
		assertThat(lead.emailDomain()).isEqualTo("acme.example");
		assertThat(lead.country()).isEqualTo("US");
		assertThat(lead.region()).isEqualTo("AMERICAS");
	}

	@Test
	void namesEveryBadField() {
		Map<String, Object> m = valid();
		m.put("companyName", "");
		m.put("email", "wile.acme");
		m.put("country", "ZZ");
		m.put("employees", "lots");
		m.put("colour", "red");
		assertThat(validator.validate(m).errors()).containsOnlyKeys("companyName", "email", "country", "employees", "colour");
	}

	@Test
	void rejectsFractionalAndNonPositiveHeadcounts() {
		Map<String, Object> m = valid();
		m.put("employees", 2.5);
		assertThat(validator.validate(m).errors()).containsKey("employees");
		m.put("employees", 0);
		assertThat(validator.validate(m).errors()).containsEntry("employees", "0 is outside 1..10000000");
	}

	@Test
	void matchesCompaniesByNormalizedName() {
		assertThat(CustomerMatcher.normalize("ACME Corp.")).isEqualTo(CustomerMatcher.normalize("Acme Corporation"));
		assertThat(CustomerMatcher.normalize("Müller GmbH")).isEqualTo("müller");
	}
}
