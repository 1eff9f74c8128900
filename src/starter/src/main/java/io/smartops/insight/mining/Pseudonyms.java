package io.smartops.insight.mining;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smartops.core.execution.TaskExecution.ExecutorKind;

/**
 * People's names and e-mail addresses in an exported event log, replaced by a keyed hash
 * (HMAC-SHA-256 with a key drawn for the export and then forgotten): the same person is the same
 * pseudonym throughout one export, and neither the export nor two exports side by side give the
 * person back. Off ({@code smartops.insights.event-log.pseudonymise=false}), values pass unchanged.
 */
final class Pseudonyms {

	private static final Pattern E_MAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private final Mac mac;

	private Pseudonyms(Mac mac) {
		this.mac = mac;
	}

	/** Pseudonyms under a fresh key, or none when {@code on} is false. */
	static Pseudonyms forExport(boolean on) {
		if (!on) {
			return new Pseudonyms(null);
		}
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return new Pseudonyms(mac);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA-256 is not available", e);
		}
	}

	/** A person's id (user id, name or e-mail address) as the export shows it. */
	String person(String id) {
		if (mac == null || id == null) {
			return id;
		}
		byte[] hash = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
		return "person-" + HexFormat.of().formatHex(hash, 0, 8);
	}

	/** Who did a task as the export shows it: a person's pseudonym, an agent's id, {@code automation}. */
	String resource(CaseStream.Step step) {
		return step.kind() == ExecutorKind.HUMAN ? person(step.resource()) : step.resource();
	}

	/** A business object's value: an e-mail address becomes a pseudonym, anything else stays. */
	String value(String value) {
		return value != null && E_MAIL.matcher(value).matches() ? person(value) : value;
	}
}
