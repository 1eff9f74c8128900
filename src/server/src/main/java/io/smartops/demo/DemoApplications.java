package io.smartops.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.coordinate.source.LogisticsSource;
import io.smartops.coordinate.source.NetworkSource;
import io.smartops.coordinate.source.RetailRecords;
import io.smartops.orchestrate.ApplicationFallback;
import io.smartops.orchestrate.OrchestrateProperties;
import io.smartops.core.security.Roles;

/**
 * The demo's application endpoints inside this server, standing in for a store POS and a carrier
 * booking system: they authenticate the caller by API key ({@code X-Api-Key}), require an
 * {@code Idempotency-Key} and accept each key once (a redelivery returns the first answer and
 * changes nothing), and refuse what they cannot carry out (an unknown store or carrier: 422).
 * What they received is readable at {@code GET /smartops/api/demo-apps/requests}.
 */
@RestController
@ConditionalOnProperty(name = "smartops.demo.enabled", havingValue = "true", matchIfMissing = true)
public class DemoApplications implements ApplicationFallback {

	public static final String BASE = "/smartops/demo-apps";

	private final DemoAppRequestRepository requests;
	private final NetworkSource network;
	private final LogisticsSource logistics;
	private final String apiKey;
	private final Environment environment;
	private final ObjectMapper json;

	DemoApplications(DemoAppRequestRepository requests, NetworkSource network, LogisticsSource logistics,
			OrchestrateProperties properties, Environment environment, ObjectMapper json) {
		this.requests = requests;
		this.environment = environment;
		this.json = json;
		this.network = network;
		this.logistics = logistics;
		if (properties.appsApiKey() == null || properties.appsApiKey().isBlank()) {
			byte[] random = new byte[24];
			new SecureRandom().nextBytes(random);
			this.apiKey = HexFormat.of().formatHex(random);
		}
		else {
			this.apiKey = properties.appsApiKey();
		}
	}

	/** The key callers must send; random per start unless {@code SMARTOPS_APPS_API_KEY} sets it. */
	@Override
	public String apiKey() {
		return apiKey;
	}

	/** This server's own demo application. */
	@Override
	public String url(String application) {
		return "http://localhost:" + environment.getProperty("local.server.port", "8080") + BASE + "/" + application;
	}

	@PostMapping(BASE + "/{application}")
	@Transactional
	public ResponseEntity<Map<String, Object>> receive(@PathVariable String application,
			@RequestHeader(name = "X-Api-Key", required = false) String key,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, @RequestBody String body) {
		ResponseEntity<Map<String, Object>> refused = refuse(key, idempotencyKey);
		if (refused != null) {
			return refused;
		}
		var existing = requests.findById(idempotencyKey);
		if (existing.isPresent()) {
			existing.get().redelivered();
			return ResponseEntity.ok(Map.of("reference", existing.get().getReference(), "duplicate", true));
		}
		JsonNode payload;
		try {
			payload = json.readTree(body);
		}
		catch (java.io.IOException e) {
			return ResponseEntity.badRequest().body(Map.of("error",
					"the body is not JSON: " + io.smartops.core.web.ClientMessages.plain(e.getMessage(), "it cannot be read")));
		}
		String problem = switch (application) {
			case "store-pos" -> checkStore(payload);
			case "carrier-booking" -> checkCarrier(payload);
			default -> null;
		};
		if (!Set.of("store-pos", "carrier-booking").contains(application)) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no demo application " + application));
		}
		if (problem != null) {
			return ResponseEntity.unprocessableEntity().body(Map.of("error", problem));
		}
		// unique without counting (concurrent orders counted the same): a random reference, stored once per key
		String reference = (application.equals("store-pos") ? "POS-" : "BKG-")
				+ java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(java.util.Locale.ROOT);
		requests.save(new DemoAppRequest(idempotencyKey, application, reference, body));
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("reference", reference, "duplicate", false));
	}

	/** Cancels the order taken under the {@code Idempotency-Key}; cancelling twice, or an order never taken, changes nothing. */
	@PostMapping(BASE + "/{application}/cancellations")
	@Transactional
	public ResponseEntity<Map<String, Object>> cancel(@PathVariable String application,
			@RequestHeader(name = "X-Api-Key", required = false) String key,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		ResponseEntity<Map<String, Object>> refused = refuse(key, idempotencyKey);
		if (refused != null) {
			return refused;
		}
		return requests.findById(idempotencyKey).filter(r -> r.getApplication().equals(application))
			.map(r -> {
				r.cancel();
				return ResponseEntity.ok(Map.<String, Object>of("reference", r.getReference(), "cancelled", true));
			})
			.orElseGet(() -> ResponseEntity.ok(Map.of("cancelled", false, "reason", "no order under this key")));
	}

	/** The answer to a call without the right API key or without an idempotency key, else null. */
	private ResponseEntity<Map<String, Object>> refuse(String key, String idempotencyKey) {
		if (key == null || !MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8))) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "missing or wrong X-Api-Key"));
		}
		if (idempotencyKey == null || idempotencyKey.isBlank()) {
			return ResponseEntity.badRequest().body(Map.of("error", "the Idempotency-Key header is required"));
		}
		return null;
	}

	@GetMapping("/smartops/api/demo-apps/requests")
	@RolesAllowed(Roles.OPERATORS)
	public List<DemoAppRequest> received(@RequestParam String application) {
		return requests.findByApplicationOrderByReceivedAt(application);
	}

	private String checkStore(JsonNode payload) {
		Set<String> stores = network.stores().stream().map(RetailRecords.Store::id).collect(Collectors.toSet());
		String store = payload.path("store").asText("");
		if (!stores.contains(store)) {
			return "store '" + store + "' is not a store of this POS";
		}
		for (JsonNode line : payload.path("prices")) {
			if (line.has("price") && !(line.get("price").asDouble() > 0)) {
				return "price of " + line.path("product").asText() + " must be positive, got " + line.get("price");
			}
		}
		return null;
	}

	private String checkCarrier(JsonNode payload) {
		String carrier = payload.path("carrier").asText("");
		boolean known = logistics.carriers().stream().anyMatch(c -> c.id().equals(carrier) && c.external());
		return known ? null : "carrier '" + carrier + "' takes no bookings here";
	}
}
