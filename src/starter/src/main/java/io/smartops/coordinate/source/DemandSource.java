package io.smartops.coordinate.source;

import java.util.List;

/** Sales history for the forecast and the order book of committed demand. */
public interface DemandSource {

	/** Units sold per month, oldest first, the last {@code months} months at most. */
	double[] salesHistory(String store, String product, int months);

	/** Open orders for periods 1..horizon. */
	List<RetailRecords.OpenOrder> openOrders(int horizon);
}
