package io.smartops.coordinate.source;

import java.util.List;

/** Declared policies (CO2 cap, carbon price, fill-rate floor, contractual commitments) and the declared P&amp;L. */
public interface PolicySource {

	List<RetailRecords.Policy> policies();

	List<RetailRecords.PnlLine> pnlDefinition();
}
