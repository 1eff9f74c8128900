package io.smartops.demo.sales;

import java.util.LinkedHashMap;
import java.util.Map;

/** A validated, normalized lead: trimmed names, lower-case e-mail, upper-case ISO country. */
public record Lead(String companyName, String contactName, String email, String country, Integer employees,
		String source, String message, String emailDomain, String region) {

	/** The lead as process variables (absent optional fields are left out). */
	public Map<String, Object> toVariables() {
		Map<String, Object> v = new LinkedHashMap<>();
		v.put(SalesProcess.VAR_COMPANY_NAME, companyName);
		v.put(SalesProcess.VAR_CONTACT_NAME, contactName);
		v.put(SalesProcess.VAR_EMAIL, email);
		v.put(SalesProcess.VAR_COUNTRY, country);
		v.put(SalesProcess.VAR_EMPLOYEES, employees);
		v.put(SalesProcess.VAR_SOURCE, source);
		v.put(SalesProcess.VAR_MESSAGE, message);
		v.put(SalesProcess.VAR_EMAIL_DOMAIN, emailDomain);
		v.put(SalesProcess.VAR_REGION, region);
		return v;
	}
}
