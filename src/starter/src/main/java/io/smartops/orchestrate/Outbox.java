package io.smartops.orchestrate;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Keeps a purchase-order e-mail and records the action dispatched, together, in their own transaction. */
@Service
class Outbox {

	private final OutboxMailRepository mails;
	private final ActionItemRepository items;

	Outbox(OutboxMailRepository mails, ActionItemRepository items) {
		this.mails = mails;
		this.items = items;
	}

	/** Keeps an e-mail that records nothing on the action (a cancellation). */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void keep(String actionId, String to, String subject, String body) {
		mails.save(new OutboxMail(actionId, to, subject, body));
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void deliver(String actionId, String to, String subject, String body) {
		OutboxMail mail = mails.save(new OutboxMail(actionId, to, subject, body));
		items.findById(actionId).orElseThrow().dispatched("outbox-" + mail.getId());
	}
}
