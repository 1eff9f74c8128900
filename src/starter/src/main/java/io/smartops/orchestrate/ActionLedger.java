package io.smartops.orchestrate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of every plan action and where it stands. Every read and write runs in a
 * transaction of its own, never in the engine's: a dispatch that went out stays recorded even
 * when the engine's transaction then fails and the job is retried (so the retry does not send it
 * again), an acknowledgement from another thread is seen at once, and no stale copy held by an
 * engine transaction can overwrite a newer state.
 */
@Service
public class ActionLedger {

	private final ActionItemRepository items;

	ActionLedger(ActionItemRepository items) {
		this.items = items;
	}

	/** The actions of a run's plan; creating them again returns the ones already there. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public List<ActionItem> create(String runId, List<ActionDraft> drafts) {
		return createRevision(runId, "", drafts);
	}

	/** The actions of a re-plan: keys carry the revision, so a modified slot is a new order. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public List<ActionItem> createRevision(String runId, String revision, List<ActionDraft> drafts) {
		List<ActionItem> created = new ArrayList<>();
		for (ActionDraft d : drafts) {
			created.add(items.findByIdempotencyKey(ActionItem.keyOf(runId, d, revision))
				.orElseGet(() -> items.save(new ActionItem(UUID.randomUUID().toString(), runId, d, revision))));
		}
		return created;
	}

	/** The actions of a run still in force: not cancelled, superseded or refused. */
	@Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
	public List<ActionItem> inForce(String runId) {
		return items.findByRunIdOrderByCreatedAt(runId).stream().filter(ActionItem::inForce).toList();
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
	public ActionItem get(String id) {
		return find(id);
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
	public List<ActionItem> ofRun(String runId) {
		return items.findByRunIdOrderByCreatedAt(runId);
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
	public java.util.Optional<ActionItem> byKey(String idempotencyKey) {
		return items.findByIdempotencyKey(idempotencyKey);
	}

	/** The action's instance started; a work order for people is dispatched by the task it creates. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void started(String id, String processInstanceId) {
		ActionItem item = find(id);
		item.started(processInstanceId);
		if (item.getChannel() == Channel.OPERATOR) {
			item.dispatched("tasklist");
		}
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void dispatched(String id, String reference) {
		find(id).dispatched(reference);
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public ActionItem acknowledged(String id, String reference) {
		ActionItem item = find(id);
		item.acknowledged(reference);
		return item;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void end(String id, ActionItem.Status status, String reason) {
		find(id).end(status, reason);
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void retry(String id) {
		find(id).retry();
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
	public long undispatched(String runId) {
		return items.countByRunIdAndDispatchedAtIsNull(runId);
	}

	private ActionItem find(String id) {
		return items.findById(id).orElseThrow(() -> new NoSuchActionException(id));
	}

	/** An action id that does not exist (REST: 404). */
	public static class NoSuchActionException extends io.smartops.core.web.NotFoundException {
		public NoSuchActionException(String id) {
			super("no action " + id);
		}
	}
}
