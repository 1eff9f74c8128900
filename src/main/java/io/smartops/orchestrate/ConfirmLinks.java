package io.smartops.orchestrate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Signed confirm links for suppliers: the link carries the action's idempotency key and an
 * HMAC-SHA256 of it, so only the addressee can confirm that action, without an account.
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

	public String token(String idempotencyKey) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(idempotencyKey.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	public boolean verify(String idempotencyKey, String token) {
		return token != null && MessageDigest.isEqual(token(idempotencyKey).getBytes(StandardCharsets.UTF_8),
				token.getBytes(StandardCharsets.UTF_8));
	}

	public String link(String idempotencyKey) {
		String base = properties.publicUrl().isBlank()
				? "http://localhost:" + environment.getProperty("local.server.port", "8080") : properties.publicUrl();
		return base + "/smartops/actions/confirm?key=" + URLEncoder.encode(idempotencyKey, StandardCharsets.UTF_8)
				+ "&token=" + token(idempotencyKey);
	}
}
