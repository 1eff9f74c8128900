package io.smartops.plan;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The operating plan of {@code retail-plan.md}: status, margin and its P&amp;L lines, the decisions,
 * and every capacity, emission and fill-rate row with slack, dual and (for binding rows) the range
 * its limit can move in before the plan must change.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "scenario", "status", "margin", "gap", "solveMillis", "backend", "pnl", "co2", "prices",
		"purchases", "shipments", "constraints", "conflict", "violations" })
public record Plan(String scenario, Status status, Double margin, Double gap, long solveMillis, String backend,
		Map<String, Double> pnl, Double co2, List<PriceDecision> prices, List<Purchase> purchases,
		List<Shipment> shipments, List<ConstraintReport> constraints, List<String> conflict,
		List<String> violations) {

	public enum Status {
		OPTIMAL, FEASIBLE, INFEASIBLE, NOT_SOLVED
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record PriceDecision(String store, String product, int period, Double price, double newUnits,
			double committedUnits) {
	}

	public record Purchase(String offer, String supplier, String product, String warehouse, int period,
			int arrivalPeriod, double quantity) {
	}

	public record Shipment(String warehouse, String store, String carrier, String product, int period,
			double quantity) {
	}

	/**
	 * {@code limit} is the row's right-hand side net of fixed on/off choices; {@code range} is set for
	 * binding rows: the interval the limit can move in with the same plan structure (null ends are
	 * unlimited).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ConstraintReport(String name, String group, double slack, double dual, boolean binding,
			Double limit, Range range) {
	}

	public record Range(Double low, Double high) {
	}

	public boolean hasPlan() {
		return status == Status.OPTIMAL || status == Status.FEASIBLE;
	}

	/** The exit status of the contract's command line: 0 plan, 1 infeasible, 3 no plan within the time limit. */
	public int exitStatus() {
		return switch (status) {
			case OPTIMAL, FEASIBLE -> 0;
			case INFEASIBLE -> 1;
			case NOT_SOLVED -> 3;
		};
	}
}
