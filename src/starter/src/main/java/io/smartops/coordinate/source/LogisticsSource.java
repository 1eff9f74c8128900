package io.smartops.coordinate.source;

import java.util.List;

/** Own fleet and third-party carriers with their capacity, rates and lanes. */
public interface LogisticsSource {

	List<RetailRecords.Carrier> carriers();

	List<RetailRecords.Lane> lanes();
}
