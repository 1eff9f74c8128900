package io.smartops.orchestrate;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import io.smartops.core.web.ApiError;
import io.smartops.core.web.ForbiddenException;
import io.smartops.core.security.CurrentUser;
import io.smartops.core.security.Roles;

/**
 * Plan actions over REST: list a run's actions, acknowledge or report a rejection (a bounce) for
 * one, read the demo's e-mail outbox; and the suppliers' signed confirm link, which needs no
 * account (the link's HMAC is its credential). Operators and planners see every action and
 * operators may close any; an action-taker sees and closes only the actions assigned to one of
 * their groups (the action's candidate group).
 */
@RestController
@RolesAllowed({ Roles.OPERATORS, Roles.PLANNERS, Roles.ACTION_TAKERS })
public class ActionController {

	/** The roles that see every action; action-takers see their groups' actions only. */
	private static final List<String> SEE_ALL = List.of(Roles.OPERATORS, Roles.PLANNERS);
	/** The roles that may acknowledge or reject any action. */
	private static final List<String> CLOSE_ALL = List.of(Roles.OPERATORS);

	/** {@code {"reference": "..."}}, optional: the acknowledging system's own reference. */
	record Acknowledgement(@Size(max = 200) String reference) {
	}

	/** {@code {"reason": "..."}}: why the channel refused the action. */
	record Rejection(@NotBlank @Size(max = 1000) String reason) {
	}

	private final ActionLedger ledger;
	private final Acknowledgements acknowledgements;
	private final ConfirmLinks links;
	private final OutboxMailRepository outbox;
	private final CurrentUser user;

	ActionController(ActionLedger ledger, Acknowledgements acknowledgements, ConfirmLinks links,
			OutboxMailRepository outbox, CurrentUser user) {
		this.ledger = ledger;
		this.acknowledgements = acknowledgements;
		this.links = links;
		this.outbox = outbox;
		this.user = user;
	}

	@GetMapping("/smartops/api/actions")
	public List<ActionItem> actions(@RequestParam String runId) {
		return ledger.ofRun(runId).stream().filter(a -> user.mayActFor(a.getCandidateGroup(), SEE_ALL)).toList();
	}

	@GetMapping("/smartops/api/actions/{id}")
	public ActionItem action(@PathVariable String id) {
		return mine(id, SEE_ALL);
	}

	/** An acknowledgement by API: {@code {"reference": "..."}} (optional). Repeating it changes nothing. */
	@PostMapping("/smartops/api/actions/{id}/acknowledgement")
	public ActionItem acknowledge(@PathVariable String id, @Valid @RequestBody(required = false) Acknowledgement body) {
		String reference = body == null || body.reference() == null || body.reference().isBlank() ? "api" : body.reference();
		return acknowledgements.acknowledge(mine(id, CLOSE_ALL).getId(), reference);
	}

	/** A channel's rejection reported later (a bounced e-mail): {@code {"reason": "..."}}; the action is escalated. */
	@PostMapping("/smartops/api/actions/{id}/rejection")
	public ResponseEntity<?> reject(@PathVariable String id, @Valid @RequestBody(required = false) Rejection body) {
		if (body == null) {
			return ResponseEntity.badRequest().body(new ApiError("invalid rejection", Map.of("reason", "is required")));
		}
		return ResponseEntity.ok(acknowledgements.reject(mine(id, CLOSE_ALL).getId(), body.reason()));
	}

	/** The action, when the caller has one of the roles or is in the action's candidate group. */
	private ActionItem mine(String id, List<String> roles) {
		ActionItem item = ledger.get(id);
		if (!user.mayActFor(item.getCandidateGroup(), roles)) {
			throw new ForbiddenException("action " + id + " is assigned to "
					+ (item.getCandidateGroup() == null ? "no group of people" : "group " + item.getCandidateGroup())
					+ ", not to user " + user.userId());
		}
		return item;
	}

	/** The e-mails with their signed confirm links: for operators only, who may confirm any order themselves. */
	@GetMapping("/smartops/api/outbox")
	@RolesAllowed(Roles.OPERATORS)
	public List<OutboxMail> outbox() {
		return outbox.findTop200ByOrderByIdDesc();
	}

	@GetMapping(value = "/smartops/actions/confirm", produces = MediaType.TEXT_HTML_VALUE)
	@PermitAll
	public ResponseEntity<String> confirm(@RequestParam String key, @RequestParam(required = false) Long expires,
			@RequestParam String token) {
		if (!links.verify(key, expires, token)) {
			return ResponseEntity.status(403).body("<p>This confirm link is not valid or has expired.</p>");
		}
		return ledger.byKey(key)
			.map(a -> {
				acknowledgements.acknowledge(a.getId(), "confirm-link");
				return ResponseEntity.ok("<p>Thank you: order " + HtmlUtils.htmlEscape(key) + " is confirmed.</p>");
			})
			.orElseGet(() -> ResponseEntity.status(404).body("<p>No such order.</p>"));
	}
}
