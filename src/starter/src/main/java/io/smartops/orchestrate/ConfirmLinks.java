package io.smartops.orchestrate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Signed confirm links for suppliers: the link carries the action's idempotency key, the moment
 * it expires and an HMAC-SHA256 of both, so only the addressee can confirm that action, without
 * an account, and only until the link expires ({@code smartops.orchestrate.confirm-link-validity}).
 */
@Component
public class ConfirmLinks {

	private final byte[] secret;
	private final OrchestrateProperties properties;
	private final Environment environment;

	ConfirmLinks(OrchestrateProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
		if (properties.confirmSecret() == null || properties.confirmSecret().isBlank()) {
			this.secret = new byte[32];
			new SecureRandom().nextBytes(secret);
		}
		else {
			this.secret = properties.confirmSecret().getBytes(StandardCharsets.UTF_8);
		}
	}

	String token(String idempotencyKey, long expiresEpochSecond) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return HexFormat.of()
				.formatHex(mac.doFinal((idempotencyKey + "|" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** True when the token signs this key and expiry and the expiry has not passed. */
	public boolean verify(String idempotencyKey, Long expiresEpochSecond, String token) {
		return token != null && expiresEpochSecond != null && Instant.now().getEpochSecond() < expiresEpochSecond
				&& MessageDigest.isEqual(token(idempotencyKey, expiresEpochSecond).getBytes(StandardCharsets.UTF_8),
						token.getBytes(StandardCharsets.UTF_8));
	}

	public String link(String idempotencyKey) {
		String base = properties.publicUrl().isBlank()
				? "http://localhost:" + environment.getProperty("local.server.port", "8080") : properties.publicUrl();
		long expires = Instant.now().plus(properties.confirmLinkValidity()).getEpochSecond();
		return base + "/smartops/actions/confirm?key=" + URLEncoder.encode(idempotencyKey, StandardCharsets.UTF_8)
				+ "&expires=" + expires + "&token=" + token(idempotencyKey, expires);
	}
}
