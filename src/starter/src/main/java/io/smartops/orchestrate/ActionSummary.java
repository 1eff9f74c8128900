package io.smartops.orchestrate;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An action as the person who carries it out (or resolves its escalation) reads it: what, for
 * whom and when in words, then its lines as a Markdown table with units. Camunda keeps string
 * variables of up to 4,000 characters, so a long action lists its first lines and counts the rest.
 */
public final class ActionSummary {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The most lines a summary lists. */
	static final int LINES = 25;

	private ActionSummary() {
	}

	public static String of(ActionItem action) {
		JsonNode payload;
		try {
			payload = JSON.readTree(action.getPayload() == null ? "{}" : action.getPayload());
		}
		catch (java.io.IOException e) {
			return title(action, JSON.createObjectNode()) + " (its details cannot be read)";
		}
		StringBuilder s = new StringBuilder(title(action, payload)).append("\n\n");
		switch (action.getKind()) {
			case "PICK_LIST" -> table(s, payload.path("picks"), List.of("Product", "For store", "Carrier", "Units"),
					l -> List.of(l.path("product").asText(), l.path("store").asText(), l.path("carrier").asText(),
							units(l.path("quantity"))));
			case "FLEET_DISPATCH", "CARRIER_BOOKING" -> table(s, payload.path("loads"),
					List.of("From warehouse", "To store", "Product", "Units"), l -> List.of(l.path("warehouse").asText(),
							l.path("store").asText(), l.path("product").asText(), units(l.path("quantity"))));
			case "PURCHASE_ORDER" -> table(s, payload.path("lines"),
					List.of("Product", "To warehouse", "Units", "Arrives in period"), l -> List.of(l.path("product").asText(),
							l.path("warehouse").asText(), units(l.path("quantity")), l.path("arrivalPeriod").asText()));
			case "PRICE_CHANGE" -> table(s, payload.path("prices"), List.of("Product", "New price", "Units expected"),
					l -> List.of(l.path("product").asText(),
							l.has("price") ? String.format(Locale.ROOT, "%,.2f", l.path("price").asDouble()) : "unchanged",
							units(l.path("newUnits").asDouble() + l.path("committedUnits").asDouble())));
			default -> s.append("See the action's details in Smart Ops.");
		}
		return s.toString().trim();
	}

	/** "Pick list for warehouse W1, period 1". */
	static String title(ActionItem action, JsonNode payload) {
		String target = action.getTarget();
		return "**" + switch (action.getKind()) {
			case "PICK_LIST" -> "Pick list for warehouse " + target;
			case "FLEET_DISPATCH" -> "Dispatch of the own fleet";
			case "CARRIER_BOOKING" -> "Booking with carrier " + target;
			case "PURCHASE_ORDER" -> "Purchase order to " + payload.path("supplierName").asText(target);
			case "PRICE_CHANGE" -> "Price change in store " + target;
			default -> action.getKind().replace('_', ' ').toLowerCase(Locale.ROOT) + " for " + target;
		} + ", period " + action.getPeriod() + "**";
	}

	private static void table(StringBuilder s, JsonNode lines, List<String> header,
			java.util.function.Function<JsonNode, List<String>> row) {
		s.append("| ").append(String.join(" | ", header)).append(" |\n|");
		header.forEach(h -> s.append(" --- |"));
		s.append('\n');
		int n = 0;
		for (JsonNode line : lines) {
			if (++n <= LINES) {
				s.append("| ").append(String.join(" | ", row.apply(line))).append(" |\n");
			}
		}
		if (n > LINES) {
			s.append("\n… and ").append(n - LINES).append(" more lines.");
		}
	}

	private static String units(JsonNode quantity) {
		return units(quantity.asDouble());
	}

	private static String units(double quantity) {
		return String.format(Locale.ROOT, "%,.0f", quantity);
	}
}
