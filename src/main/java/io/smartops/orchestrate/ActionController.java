package io.smartops.orchestrate;

import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import io.smartops.api.ApiError;

/**
 * Plan actions over REST: list a run's actions, acknowledge or report a rejection (a bounce) for
 * one, read the demo's e-mail outbox; and the suppliers' signed confirm link, which needs no
 * account (the link's HMAC is its credential).
 */
@RestController
public class ActionController {

	private final ActionLedger ledger;
	private final Acknowledgements acknowledgements;
	private final ConfirmLinks links;
	private final OutboxMailRepository outbox;

	ActionController(ActionLedger ledger, Acknowledgements acknowledgements, ConfirmLinks links,
			OutboxMailRepository outbox) {
		this.ledger = ledger;
		this.acknowledgements = acknowledgements;
		this.links = links;
		this.outbox = outbox;
	}

	@GetMapping("/smartops/api/actions")
	public List<ActionItem> actions(@RequestParam String runId) {
		return ledger.ofRun(runId);
	}

	@GetMapping("/smartops/api/actions/{id}")
	public ActionItem action(@PathVariable String id) {
		return ledger.get(id);
	}

	/** An acknowledgement by API: {@code {"reference": "..."}} (optional). Repeating it changes nothing. */
	@PostMapping("/smartops/api/actions/{id}/acknowledgement")
	public ActionItem acknowledge(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
		Object reference = body == null ? null : body.get("reference");
		return acknowledgements.acknowledge(ledger.get(id).getId(), reference == null ? "api" : reference.toString());
	}

	/** A channel's rejection reported later (a bounced e-mail): {@code {"reason": "..."}}; the action is escalated. */
	@PostMapping("/smartops/api/actions/{id}/rejection")
	public ResponseEntity<?> reject(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
		Object reason = body == null ? null : body.get("reason");
		if (reason == null || reason.toString().isBlank()) {
			return ResponseEntity.badRequest().body(new ApiError("reason is required", Map.of("reason", "missing")));
		}
		if (reason.toString().length() > 1000) {
			return ResponseEntity.badRequest().body(new ApiError("reason is too long",
					Map.of("reason", "longer than 1000 characters")));
		}
		return ResponseEntity.ok(acknowledgements.reject(ledger.get(id).getId(), reason.toString()));
	}

	@GetMapping("/smartops/api/outbox")
	public List<OutboxMail> outbox() {
		return outbox.findTop200ByOrderByIdDesc();
	}

	@GetMapping(value = "/smartops/actions/confirm", produces = MediaType.TEXT_HTML_VALUE)
	public ResponseEntity<String> confirm(@RequestParam String key, @RequestParam String token) {
		if (!links.verify(key, token)) {
			return ResponseEntity.status(403).body("<p>This confirm link is not valid.</p>");
		}
		return ledger.byKey(key)
			.map(a -> {
				acknowledgements.acknowledge(a.getId(), "confirm-link");
				return ResponseEntity.ok("<p>Thank you: order " + HtmlUtils.htmlEscape(key) + " is confirmed.</p>");
			})
			.orElseGet(() -> ResponseEntity.status(404).body("<p>No such order.</p>"));
	}
}
