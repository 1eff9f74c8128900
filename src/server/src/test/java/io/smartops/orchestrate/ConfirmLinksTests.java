package io.smartops.orchestrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** A supplier's confirm link confirms its own order until it expires, and nothing else. */
class ConfirmLinksTests {

	static ConfirmLinks links(Duration validity) {
		return new ConfirmLinks(new OrchestrateProperties(null, null, null, null, null, "https://ops.example", "secret",
				validity, null, null, null), new MockEnvironment());
	}

	static Map<String, String> query(String link) {
		Map<String, String> q = new LinkedHashMap<>();
		for (String part : URI.create(link).getRawQuery().split("&")) {
			String[] kv = part.split("=", 2);
			q.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
		}
		return q;
	}

	@Test
	void aLinkConfirmsItsOrderUntilItExpires() {
		Map<String, String> q = query(links(Duration.ofDays(14)).link("run-1/purchase-order/V1/1"));
		long expires = Long.parseLong(q.get("expires"));
		assertThat(expires).isBetween(Instant.now().plus(Duration.ofDays(13)).getEpochSecond(),
				Instant.now().plus(Duration.ofDays(15)).getEpochSecond());
		assertThat(links(Duration.ofDays(14)).verify(q.get("key"), expires, q.get("token"))).isTrue();
	}

	@Test
	void anExpiredLinkAMovedExpiryAnotherOrderOrNoExpiryConfirmNothing() {
		Map<String, String> expired = query(links(Duration.ofSeconds(-1)).link("run-1/purchase-order/V1/1"));
		ConfirmLinks links = links(Duration.ofDays(14));
		assertThat(links.verify(expired.get("key"), Long.parseLong(expired.get("expires")), expired.get("token"))).isFalse();

		Map<String, String> valid = query(links.link("run-1/purchase-order/V1/1"));
		long later = Long.parseLong(valid.get("expires")) + 86_400;
		assertThat(links.verify(valid.get("key"), later, valid.get("token"))).as("expiry moved").isFalse();
		assertThat(links.verify("run-1/purchase-order/V2/1", Long.parseLong(valid.get("expires")), valid.get("token")))
			.as("another order").isFalse();
		assertThat(links.verify(valid.get("key"), null, valid.get("token"))).as("no expiry").isFalse();
	}
}
