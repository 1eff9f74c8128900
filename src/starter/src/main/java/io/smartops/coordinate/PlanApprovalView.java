package io.smartops.coordinate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.orchestrate.ActionDiff;
import io.smartops.orchestrate.ActionDraft;
import io.smartops.orchestrate.Channel;
import io.smartops.plan.Plan;
import io.smartops.plan.RetailModel;
import io.smartops.plan.RowWords;

/**
 * The operating plan as its approver reads it: the scope in words, the P&amp;L as a table whose
 * lines add up to the margin, the actions the approval releases grouped by channel and
 * action-taker (largest first), each binding constraint with what it means for the business and
 * what it is worth, and what changes against the plan in force. Each part is Markdown, which the
 * Camunda Form shows as it is. Plain and engine-free: the figures come from the plan, its actions
 * and the plan in force.
 */
public final class PlanApprovalView {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The most rows a table of actions or constraints shows; the rest is counted. */
	static final int ROWS = 12;

	/** P&amp;L lines in words, with the sign each takes in the margin. */
	record Line(String label, int sign) {
	}

	static final Map<String, Line> LINES = new LinkedHashMap<>();
	static {
		LINES.put(RetailModel.REVENUE, new Line("Revenue from sales at the planned prices", 1));
		LINES.put(RetailModel.COMMITTED_REVENUE, new Line("Revenue from committed orders", 1));
		LINES.put(RetailModel.PURCHASE_COST, new Line("Purchases from suppliers", -1));
		LINES.put(RetailModel.TRANSPORT_COST, new Line("Transport to stores", -1));
		LINES.put(RetailModel.HOLDING_COST, new Line("Holding stock in warehouses", -1));
		LINES.put(RetailModel.CARRIER_FIXED_COST, new Line("Carriers' fixed fees", -1));
		LINES.put(RetailModel.PENALTY_COST, new Line("Penalties for committed orders not served", -1));
		LINES.put(RetailModel.CARBON_COST, new Line("Carbon price on emissions", -1));
	}

	private PlanApprovalView() {
	}

	/**
	 * A P&amp;L line in words: the optimizer's own lines by name; a line an objective agent added
	 * ({@code handlingCost}) in the words of its name, a revenue adding and anything else a cost.
	 */
	static Line line(String key) {
		Line known = LINES.get(key);
		if (known != null) {
			return known;
		}
		String words = key.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
		String label = Character.toUpperCase(words.charAt(0)) + words.substring(1);
		return new Line(label, key.toLowerCase(Locale.ROOT).endsWith("revenue") ? 1 : -1);
	}

	/** "36 months of history, a 3-period horizon; pricing, procurement and logistics; suppliers and carriers included". */
	public static String scope(Scope scope) {
		List<String> functions = scope.functions().stream().map(f -> f.name().toLowerCase(Locale.ROOT)).sorted().toList();
		return scope.historyMonths() + " months of sales history, a " + scope.horizon() + "-period horizon; "
				+ RowWords.and(functions) + "; " + (scope.external() ? "suppliers' and carriers' own data included"
						: "the company's own data only (no supplier or carrier data)");
	}

	/**
	 * The P&amp;L as a Markdown table: each line in words with its sign, the margin as the total of
	 * the lines, and the change against the plan in force where there is one.
	 */
	public static String pnl(Map<String, Double> pnl, double margin, Map<String, Double> inForce) {
		StringBuilder t = new StringBuilder(inForce == null ? "| | Amount |\n| --- | ---: |\n"
				: "| | Amount | Change against the plan in force |\n| --- | ---: | ---: |\n");
		double total = 0;
		double totalBefore = 0;
		for (Map.Entry<String, Double> e : pnl.entrySet()) {
			if (e.getValue() == null) {
				continue;
			}
			Line line = line(e.getKey());
			double signed = line.sign() * Math.abs(e.getValue());
			total += signed;
			t.append("| ").append(line.label()).append(" | ").append(signedMoney(signed));
			if (inForce != null) {
				double before = line.sign() * Math.abs(inForce.getOrDefault(e.getKey(), 0.0));
				totalBefore += before;
				t.append(" | ").append(signedMoney(signed - before));
			}
			t.append(" |\n");
		}
		t.append("| **Operating margin** | **").append(signedMoney(total)).append("**");
		if (inForce != null) {
			t.append(" | **").append(signedMoney(total - totalBefore)).append("**");
		}
		t.append(" |\n");
		if (Math.abs(total - margin) > Math.max(0.01, 1e-6 * Math.abs(margin))) {
			t.append("\nThe optimizer's margin is ").append(money(margin)).append("; the lines above come to ")
				.append(money(total)).append(".\n");
		}
		return t.toString();
	}

	/**
	 * The actions the approval releases, one table per channel, each row an action-taker with what
	 * it gets (units, lines, value), the largest first.
	 */
	public static String actions(List<ActionDraft> drafts, Map<String, Double> offerUnitCost,
			Map<String, String> storeNames) {
		if (drafts.isEmpty()) {
			return "The plan releases no action.";
		}
		StringBuilder s = new StringBuilder();
		s.append(drafts.size()).append(" actions: ").append(countsByChannel(drafts)).append(".\n\n");
		section(s, "Purchase orders to suppliers", drafts, d -> d.channel() == Channel.SUPPLIER,
				List.of("Supplier", "Order period", "Products", "Units", "Value"), d -> {
					JsonNode p = payload(d);
					double units = 0;
					double value = 0;
					java.util.Set<String> products = new java.util.TreeSet<>();
					for (JsonNode line : p.path("lines")) {
						units += line.path("quantity").asDouble();
						value += line.path("quantity").asDouble() * offerUnitCost.getOrDefault(line.path("offer").asText(), 0.0);
						products.add(line.path("product").asText());
					}
					String name = p.path("supplierName").asText(d.target());
					return new Row(value, List.of(name.equals(d.target()) ? "supplier " + name : name + " (" + d.target() + ")",
							"period " + d.period(), String.join(", ", products), units(units), money(value)));
				});
		section(s, "Price changes in stores", drafts, d -> d.kind().equals(ActionPlanner.PRICE_CHANGE),
				List.of("Store", "Period", "New prices", "Units expected"), d -> {
					JsonNode p = payload(d);
					List<String> prices = new ArrayList<>();
					double units = 0;
					for (JsonNode line : p.path("prices")) {
						if (line.has("price")) {
							prices.add(line.path("product").asText() + " at " + money(line.path("price").asDouble()));
						}
						units += line.path("newUnits").asDouble() + line.path("committedUnits").asDouble();
					}
					return new Row(units, List.of(store(d.target(), storeNames), "period " + d.period(),
							prices.isEmpty() ? "prices unchanged" : String.join(", ", prices), units(units)));
				});
		section(s, "Shipments booked with carriers", drafts,
				d -> d.kind().equals(ActionPlanner.FLEET_DISPATCH) || d.kind().equals(ActionPlanner.CARRIER_BOOKING),
				List.of("Carrier", "Period", "Lanes", "Units"), d -> {
					JsonNode p = payload(d);
					java.util.Set<String> lanes = new java.util.TreeSet<>();
					double units = 0;
					for (JsonNode line : p.path("loads")) {
						lanes.add(line.path("warehouse").asText() + " → " + store(line.path("store").asText(), storeNames));
						units += line.path("quantity").asDouble();
					}
					return new Row(units, List.of("carrier " + d.target(), "period " + d.period(), String.join(", ", lanes),
							units(units)));
				});
		section(s, "Work orders for people and devices", drafts, d -> d.kind().equals(ActionPlanner.PICK_LIST),
				List.of("Warehouse", "Period", "Carried out by", "Picks", "Units"), d -> {
					JsonNode p = payload(d);
					double units = 0;
					int picks = 0;
					for (JsonNode line : p.path("picks")) {
						units += line.path("quantity").asDouble();
						picks++;
					}
					String by = d.channel() == Channel.DEVICE ? "the warehouse's robots"
							: d.candidateGroup() == null ? "operators" : "group " + d.candidateGroup();
					return new Row(units, List.of("warehouse " + d.target(), "period " + d.period(), by,
							Integer.toString(picks), units(units)));
				});
		return s.toString().trim();
	}

	/**
	 * Each binding constraint in business words with what one more unit of it is worth, the range
	 * in which that holds, and the actions it drives.
	 */
	public static String binding(List<Plan.ConstraintReport> constraints, List<ActionDraft> drafts) {
		List<Plan.ConstraintReport> binding = constraints.stream().filter(Plan.ConstraintReport::binding)
			.sorted(Comparator.comparingDouble((Plan.ConstraintReport c) -> -Math.abs(c.dual()))).toList();
		if (binding.isEmpty()) {
			return "No limit binds the plan: more capacity or a looser policy would not raise the margin.";
		}
		StringBuilder s = new StringBuilder();
		for (Plan.ConstraintReport c : binding.subList(0, Math.min(ROWS, binding.size()))) {
			s.append("- ").append(inWords(c, drafts)).append('\n');
		}
		if (binding.size() > ROWS) {
			s.append("- … and ").append(binding.size() - ROWS).append(" smaller ones, on the run's page.\n");
		}
		return s.toString().trim();
	}

	private static final Pattern ROW = Pattern.compile("([a-z0-9-]+)(?:\\[([^,\\]]+)(?:,(\\d+))?\\])?");

	/** "Carrier 3PL-A is full in period 1: each extra unit of capacity would earn 0.13 …". */
	static String inWords(Plan.ConstraintReport c, List<ActionDraft> drafts) {
		Matcher m = ROW.matcher(c.name());
		String group = c.group() != null ? c.group() : m.matches() ? m.group(1) : c.name();
		String subject = m.matches() ? m.group(2) : null;
		String period = m.matches() ? m.group(3) : null;
		String worth = money(Math.abs(c.dual()));
		String range = range(c.range());
		return switch (group) {
			case RetailModel.CARRIER_CAPACITY -> "Carrier " + subject + " is full in period " + period
					+ ": each extra unit of its capacity would earn " + worth + range
					+ drives(drafts, d -> d.target().equals(subject) && String.valueOf(d.period()).equals(period)
							&& (d.kind().equals(ActionPlanner.FLEET_DISPATCH) || d.kind().equals(ActionPlanner.CARRIER_BOOKING)));
			case RetailModel.WAREHOUSE_CAPACITY -> "Warehouse " + subject + " is full in period " + period
					+ ": each extra unit of its space would earn " + worth + range
					+ drives(drafts, d -> payload(d).toString().contains("\"warehouse\":\"" + subject + "\"")
							&& String.valueOf(d.period()).equals(period));
			case RetailModel.EMISSIONS -> "The CO₂ cap is reached: each extra kilogram allowed would earn " + worth + range
					+ drives(drafts, d -> d.kind().equals(ActionPlanner.FLEET_DISPATCH)
							|| d.kind().equals(ActionPlanner.CARRIER_BOOKING));
			case RetailModel.FILL_RATE -> "Committed orders are served at the lowest fill rate the policy allows: "
					+ "each unit it could go lower would earn " + worth + range
					+ drives(drafts, d -> d.kind().equals(ActionPlanner.PRICE_CHANGE));
			default -> "A limit of the plan (" + group.replace('-', ' ') + ") binds: one more unit would earn " + worth + range;
		};
	}

	/** What changes against the plan in force, and for whom; the people who must change what they do are named. */
	public static String changes(ActionDiff diff, Double marginInForce, double margin) {
		if (marginInForce == null) {
			return "This is the first plan: no plan is in force to compare it with, so every action is new.";
		}
		StringBuilder s = new StringBuilder("Against the plan in force: the margin changes by ")
			.append(signedMoney(margin - marginInForce)).append(" (from ").append(money(marginInForce)).append(" to ")
			.append(money(margin)).append("). ");
		if (diff.changes() == 0) {
			return s.append("No action changes: the ").append(diff.unchanged().size()).append(" actions in force stay as they are.")
				.toString();
		}
		s.append(diff.cancel().size()).append(" actions are cancelled, ").append(diff.modify().size())
			.append(" changed and ").append(diff.add().size()).append(" added; ").append(diff.unchanged().size())
			.append(" stay as they are.\n\n");
		Map<String, List<String>> byPerson = new LinkedHashMap<>();
		diff.cancel().stream().filter(a -> a.getChannel().forPeople())
			.forEach(a -> byPerson.computeIfAbsent(who(a.getChannel(), a.getCandidateGroup()), k -> new ArrayList<>())
				.add("cancelled: " + describe(a.getKind(), a.getTarget(), a.getPeriod())));
		diff.modify().stream().filter(m -> m.replacement().channel().forPeople())
			.forEach(m -> byPerson.computeIfAbsent(who(m.replacement().channel(), m.replacement().candidateGroup()),
					k -> new ArrayList<>()).add("changed: " + describe(m.replacement().kind(), m.replacement().target(),
							m.replacement().period())));
		diff.add().stream().filter(d -> d.channel().forPeople())
			.forEach(d -> byPerson.computeIfAbsent(who(d.channel(), d.candidateGroup()), k -> new ArrayList<>())
				.add("new: " + describe(d.kind(), d.target(), d.period())));
		if (byPerson.isEmpty()) {
			s.append("No person's work changes: the changes go to applications and devices.");
		}
		byPerson.forEach((person, what) -> s.append("- **").append(person).append("**: ")
			.append(String.join("; ", what.subList(0, Math.min(ROWS, what.size()))))
			.append(what.size() > ROWS ? "; … and " + (what.size() - ROWS) + " more" : "").append('\n'));
		return s.toString().trim();
	}

	/** What a person decides and what follows from each answer: said first on the form. */
	public static String decision(String reason, double margin, int actions) {
		return "**Decide whether this plan goes out.** Its operating margin is " + money(margin) + " over the horizon, and "
				+ "approving it releases " + actions + " actions. " + reason + "\n\n"
				+ "- **Approve**: the actions below go out to suppliers, carriers, stores, devices and people, and this "
				+ "plan replaces the one in force.\n"
				+ "- **Do not approve**: nothing goes out; the plan in force stays, and the run ends as rejected.";
	}

	record Row(double size, List<String> cells) {
	}

	private static void section(StringBuilder s, String title, List<ActionDraft> drafts, Predicate<ActionDraft> which,
			List<String> header, java.util.function.Function<ActionDraft, Row> row) {
		List<Row> rows = drafts.stream().filter(which).map(row)
			.sorted(Comparator.comparingDouble((Row r) -> -r.size())).toList();
		if (rows.isEmpty()) {
			return;
		}
		s.append("**").append(title).append("** (").append(rows.size()).append(")\n\n");
		s.append("| ").append(String.join(" | ", header)).append(" |\n|");
		header.forEach(h -> s.append(" --- |"));
		s.append('\n');
		for (Row r : rows.subList(0, Math.min(ROWS, rows.size()))) {
			s.append("| ").append(String.join(" | ", r.cells())).append(" |\n");
		}
		// the total of the column the rows are ordered by (value for purchase orders, else units)
		double total = rows.stream().mapToDouble(Row::size).sum();
		String last = rows.get(0).cells().get(header.size() - 1);
		s.append("| **Total** |");
		for (int i = 1; i < header.size() - 1; i++) {
			s.append(" |");
		}
		s.append(" **").append(last.endsWith("units") ? units(total) : money(total)).append("** |\n");
		if (rows.size() > ROWS) {
			s.append("\n… and ").append(rows.size() - ROWS).append(" smaller ones, on the run's page.\n");
		}
		s.append('\n');
	}

	private static String countsByChannel(List<ActionDraft> drafts) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		drafts.forEach(d -> counts.merge(channelWords(d.channel()), 1, Integer::sum));
		List<String> parts = new ArrayList<>();
		counts.forEach((channel, n) -> parts.add(n + " " + channel));
		return String.join(", ", parts);
	}

	private static String channelWords(Channel channel) {
		return switch (channel) {
			case SUPPLIER -> "to suppliers by e-mail";
			case APPLICATION -> "to applications";
			case DEVICE -> "to devices";
			case OPERATOR -> "for people in Tasklist";
		};
	}

	private static String who(Channel channel, String group) {
		return channel == Channel.SUPPLIER ? "suppliers (through group " + (group == null ? "procurement" : group) + ")"
				: group == null ? "operators" : "group " + group;
	}

	private static String describe(String kind, String target, int period) {
		return kind.replace('-', ' ').replace('_', ' ').toLowerCase(Locale.ROOT) + " for " + target + " in period " + period;
	}

	private static String drives(List<ActionDraft> drafts, Predicate<ActionDraft> which) {
		long n = drafts.stream().filter(which).count();
		return n == 0 ? "." : "; it shapes " + n + (n == 1 ? " action" : " actions") + " of this plan.";
	}

	private static String range(Plan.Range range) {
		if (range == null || (range.low() == null && range.high() == null)) {
			return "";
		}
		if (range.high() == null) {
			return " (this holds while the limit stays above " + number(range.low()) + ")";
		}
		if (range.low() == null) {
			return " (this holds while the limit stays below " + number(range.high()) + ")";
		}
		if (Math.abs(range.high() - range.low()) < 1e-9) {
			return " (this holds at the present limit of " + number(range.low()) + " only)";
		}
		return " (this holds while the limit stays between " + number(range.low()) + " and " + number(range.high()) + ")";
	}

	/** "Berlin Mitte (S1)", or "store S1" where the store has no name. */
	private static String store(String id, Map<String, String> names) {
		String name = names.get(id);
		return name == null || name.isBlank() || name.equals(id) ? "store " + id : name + " (" + id + ")";
	}

	private static JsonNode payload(ActionDraft d) {
		try {
			return JSON.readTree(d.payload() == null ? "{}" : d.payload());
		}
		catch (java.io.IOException e) {
			return JSON.createObjectNode();
		}
	}

	/** 12,345.67 */
	static String money(double v) {
		return String.format(Locale.ROOT, "%,.2f", v);
	}

	/** +12,345.67 or −1,234.00 */
	static String signedMoney(double v) {
		if (Math.abs(v) < 0.005) {
			return money(0);
		}
		return (v < 0 ? "−" : "+") + money(Math.abs(v));
	}

	/** 1,234 units */
	static String units(double v) {
		return String.format(Locale.ROOT, "%,.0f units", v);
	}

	static String number(double v) {
		return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.2f", v);
	}
}
