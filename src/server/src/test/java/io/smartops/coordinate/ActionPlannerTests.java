package io.smartops.coordinate;

import io.smartops.orchestrate.ActionDiff;
import io.smartops.orchestrate.ActionDraft;
import io.smartops.orchestrate.ActionItem;
import io.smartops.orchestrate.Channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smartops.coordinate.source.RetailRecords;
import io.smartops.plan.Plan;

/** A plan becomes one action per action-taker and period, on the right channel; the diff compares slots. */
class ActionPlannerTests {

	static final Plan PLAN = new Plan("t", Plan.Status.OPTIMAL, 100.0, null, 1, "scip", Map.of(), 0.0,
			List.of(new Plan.PriceDecision("S1", "P1", 1, 14.0, 90, 20), new Plan.PriceDecision("S1", "P2", 1, null, 0, 0),
					new Plan.PriceDecision("S2", "P1", 1, 16.5, 40, 0)),
			List.of(new Plan.Purchase("V1-P1-W1", "V1", "P1", "W1", 1, 2, 60), new Plan.Purchase("V1-P2-W1", "V1", "P2", "W1", 1, 2, 0)),
			List.of(new Plan.Shipment("W1", "S1", "OWN", "P1", 1, 110), new Plan.Shipment("W1", "S2", "3PL-A", "P1", 1, 40),
					new Plan.Shipment("W2", "S2", "3PL-A", "P1", 1, 0)),
			List.of(), null, null);

	static ActionPlanner.Network network(boolean devices) {
		return ActionPlanner.Network.of(List.of(new RetailRecords.Supplier("V1", "Northwind", "o@n.example", false)),
				List.of(new RetailRecords.Carrier("OWN", 900, 0, false), new RetailRecords.Carrier("3PL-A", 800, 150, true)),
				List.of(new RetailRecords.Warehouse("W1", 2500.0, true), new RetailRecords.Warehouse("W2", null, false)), devices);
	}

	@Test
	void eachActionTakerGetsOneActionPerPeriodOnItsChannel() {
		List<ActionDraft> drafts = ActionPlanner.drafts(PLAN, network(true));
		assertThat(drafts).extracting(ActionDraft::key, ActionDraft::channel).containsExactly(
				org.assertj.core.groups.Tuple.tuple("PRICE_CHANGE/S1/1", Channel.APPLICATION),
				org.assertj.core.groups.Tuple.tuple("PRICE_CHANGE/S2/1", Channel.APPLICATION),
				org.assertj.core.groups.Tuple.tuple("PURCHASE_ORDER/V1/1", Channel.SUPPLIER),
				org.assertj.core.groups.Tuple.tuple("CARRIER_BOOKING/3PL-A/1", Channel.APPLICATION),
				org.assertj.core.groups.Tuple.tuple("FLEET_DISPATCH/OWN/1", Channel.OPERATOR),
				org.assertj.core.groups.Tuple.tuple("PICK_LIST/W1/1", Channel.DEVICE));
		assertThat(drafts.get(2).address()).isEqualTo("o@n.example");
		assertThat(drafts.get(2).payload()).contains("\"quantity\":60.0").doesNotContain("V1-P2-W1");
		assertThat(drafts.get(4).candidateGroup()).isEqualTo("fleet-dispatchers");
	}

	@Test
	void withTheDeviceChannelOffTheAutomatedWarehouseGetsAWorkOrder() {
		ActionDraft pick = ActionPlanner.drafts(PLAN, network(false)).stream().filter(d -> d.kind().equals("PICK_LIST"))
			.findFirst().orElseThrow();
		assertThat(pick.channel()).isEqualTo(Channel.OPERATOR);
		assertThat(pick.candidateGroup()).isEqualTo("warehouse-operators");
	}

	@Test
	void theDiffCancelsModifiesAndAddsBySlot() {
		List<ActionDraft> before = ActionPlanner.drafts(PLAN, network(true));
		List<ActionItem> inForce = before.stream().map(d -> new ActionItem(d.key(), "r1", d)).toList();
		List<ActionDraft> after = new java.util.ArrayList<>(before.subList(1, before.size()));
		after.set(0, new ActionDraft("PRICE_CHANGE", "S2", 1, Channel.APPLICATION, null, "store-pos", "{\"changed\":true}"));
		after.add(new ActionDraft("PRICE_CHANGE", "S3", 1, Channel.APPLICATION, null, "store-pos", "{}"));

		ActionDiff diff = ActionDiff.of(inForce, after);
		assertThat(diff.cancel()).extracting(ActionItem::slot).containsExactly("PRICE_CHANGE/S1/1");
		assertThat(diff.modify()).extracting(m -> m.current().slot()).containsExactly("PRICE_CHANGE/S2/1");
		assertThat(diff.add()).extracting(ActionDraft::key).containsExactly("PRICE_CHANGE/S3/1");
		assertThat(diff.unchanged()).hasSize(4);
		assertThat(diff.changesByChannel()).containsEntry(Channel.APPLICATION, 3);
	}
}
