package io.smartops.orchestrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Old plan's actions against a new plan's drafts, slot by slot (kind, target, period): what to
 * cancel (the slot is gone), to modify (same slot, different content), to add (a new slot), and
 * what stays as it is.
 */
public record ActionDiff(List<ActionItem> cancel, List<Modification> modify, List<ActionDraft> add,
		List<ActionItem> unchanged) {

	public record Modification(ActionItem current, ActionDraft replacement) {
	}

	public static ActionDiff of(List<ActionItem> current, List<ActionDraft> next) {
		Map<String, ActionDraft> bySlot = new LinkedHashMap<>();
		next.forEach(d -> bySlot.put(d.key(), d));
		List<ActionItem> cancel = new ArrayList<>();
		List<Modification> modify = new ArrayList<>();
		List<ActionItem> unchanged = new ArrayList<>();
		for (ActionItem item : current) {
			ActionDraft d = bySlot.remove(item.slot());
			if (d == null) {
				cancel.add(item);
			}
			else if (d.payload().equals(item.getPayload()) && d.channel() == item.getChannel()) {
				unchanged.add(item);
			}
			else {
				modify.add(new Modification(item, d));
			}
		}
		return new ActionDiff(cancel, modify, new ArrayList<>(bySlot.values()), unchanged);
	}

	public int changes() {
		return cancel.size() + modify.size() + add.size();
	}

	/** Changes per channel, for people: {@code OPERATOR: 2 (1 modified, 1 added)}. */
	public Map<Channel, Integer> changesByChannel() {
		Map<Channel, Integer> counts = new LinkedHashMap<>();
		cancel.forEach(a -> counts.merge(a.getChannel(), 1, Integer::sum));
		modify.forEach(m -> counts.merge(m.replacement().channel(), 1, Integer::sum));
		add.forEach(d -> counts.merge(d.channel(), 1, Integer::sum));
		return counts;
	}

	public String summary() {
		if (changes() == 0) {
			return "no change to the " + unchanged.size() + " actions in force";
		}
		return cancel.size() + " to cancel, " + modify.size() + " to modify, " + add.size() + " to add, " + unchanged.size()
				+ " unchanged; by channel " + changesByChannel();
	}
}
