package io.smartops.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The retail model's row names in the words of the business, for text a person reads:
 * {@code carrier-capacity[3PL-A,1]} is "carrier 3PL-A's capacity in period 1", a list of rows is
 * a list in words, and "carrier-capacity of 3PL-A" is "the capacity of carrier 3PL-A".
 */
public final class RowWords {

	private static final Pattern LIST = Pattern.compile("\\[((?:[a-z][a-z0-9-]*\\[[^\\]]*\\](?:, )?)+)\\]");
	private static final Pattern ROW = Pattern.compile("([a-z][a-z0-9-]*)\\[([^\\]]*)\\]");
	private static final Pattern GROUP_OF = Pattern.compile("\\b(carrier-capacity|warehouse-capacity) of ([A-Za-z0-9-]+)");

	private RowWords() {
	}

	/** The text with every row name, list of rows and group name in words. */
	public static String inWords(String text) {
		if (text == null) {
			return null;
		}
		Matcher lists = LIST.matcher(text);
		StringBuilder s = new StringBuilder();
		while (lists.find()) {
			List<String> rows = Arrays.stream(lists.group(1).split(", (?=[a-z])")).map(RowWords::row).toList();
			lists.appendReplacement(s, Matcher.quoteReplacement(and(rows)));
		}
		lists.appendTail(s);
		Matcher rows = ROW.matcher(s.toString());
		StringBuilder t = new StringBuilder();
		while (rows.find()) {
			rows.appendReplacement(t, Matcher.quoteReplacement(row(rows.group())));
		}
		rows.appendTail(t);
		Matcher groups = GROUP_OF.matcher(t.toString());
		StringBuilder u = new StringBuilder();
		while (groups.find()) {
			String what = groups.group(1).equals("carrier-capacity") ? "the capacity of carrier " : "the space of warehouse ";
			groups.appendReplacement(u, Matcher.quoteReplacement(what + groups.group(2)));
		}
		groups.appendTail(u);
		return u.toString();
	}

	/** A group of rows (a kind of limit) in words: {@code co2-cap} is "the CO₂ cap". */
	public static String group(String group) {
		return switch (group) {
			case RetailModel.EMISSIONS -> "the CO₂ cap";
			case RetailModel.FILL_RATE -> "the fill-rate floor for committed orders";
			case RetailModel.CARRIER_CAPACITY -> "the carriers' capacity";
			case RetailModel.WAREHOUSE_CAPACITY -> "the warehouses' space";
			case RetailModel.SUPPLY_LIMIT -> "what suppliers can deliver";
			default -> "the " + group.replace('-', ' ');
		};
	}

	/** Groups in words, joined: "the CO₂ cap and the fill-rate floor for committed orders". */
	public static String groups(List<String> groups) {
		return and(groups.stream().map(RowWords::group).toList());
	}

	/** One row in words. */
	static String row(String name) {
		Matcher m = ROW.matcher(name.trim());
		if (!m.matches()) {
			return name;
		}
		String[] args = m.group(2).split(",");
		String period = args.length > 1 ? " in period " + args[args.length - 1] : "";
		return switch (m.group(1)) {
			case RetailModel.CARRIER_CAPACITY -> "carrier " + args[0] + "'s capacity" + period;
			case RetailModel.WAREHOUSE_CAPACITY -> "warehouse " + args[0] + "'s space" + period;
			case "warehouse-balance", "balance" -> args.length > 1 ? "the stock of " + args[1] + " at warehouse " + args[0]
					: "the stock at warehouse " + args[0];
			case "purchases" -> "the purchases of " + args[0];
			case "demand" -> "the demand for " + String.join(" at ", args);
			default -> m.group(1).replace('-', ' ').toLowerCase(Locale.ROOT) + " (" + String.join(", ", args) + ")";
		};
	}

	/** Words joined as a person lists them: "a, b and c". */
	public static String and(List<String> words) {
		if (words.size() <= 1) {
			return String.join("", words);
		}
		return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
	}
}
