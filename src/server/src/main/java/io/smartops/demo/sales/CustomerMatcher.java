package io.smartops.demo.sales;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;

/**
 * The deduplication rule: a lead belongs to an existing customer when its e-mail domain is the
 * customer's (free-mail domains excepted) or its normalized company name is the same
 * ("ACME Corp." and "Acme Corporation" both normalize to "acme").
 */
@Service
public class CustomerMatcher {

	private static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "outlook.com",
			"hotmail.com", "live.com", "icloud.com", "gmx.de", "gmx.net", "web.de", "proton.me", "protonmail.com", "aol.com");
	private static final Set<String> LEGAL_SUFFIXES = Set.of("inc", "incorporated", "corp", "corporation", "co",
			"company", "ltd", "limited", "llc", "gmbh", "ag", "sa", "sas", "srl", "bv", "nv", "plc", "oy", "ab", "as", "kg");

	private final CustomerRepository customers;

	CustomerMatcher(CustomerRepository customers) {
		this.customers = customers;
	}

	public Optional<Customer> match(String companyName, String emailDomain) {
		if (emailDomain != null && !FREE_MAIL.contains(emailDomain)) {
			Optional<Customer> byDomain = customers.findByEmailDomain(emailDomain).stream().findFirst();
			if (byDomain.isPresent()) {
				return byDomain;
			}
		}
		return customers.findByNormalizedName(normalize(companyName)).stream().findFirst();
	}

	static String normalize(String companyName) {
		String[] words = companyName.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} ]", " ").trim().split("\\s+");
		StringBuilder out = new StringBuilder();
		for (String w : words) {
			if (!LEGAL_SUFFIXES.contains(w) && !w.isEmpty()) {
				out.append(out.isEmpty() ? "" : " ").append(w);
			}
		}
		return out.isEmpty() ? companyName.toLowerCase(Locale.ROOT).trim() : out.toString();
	}

	static boolean isFreeMail(String domain) {
		return FREE_MAIL.contains(domain);
	}
}
