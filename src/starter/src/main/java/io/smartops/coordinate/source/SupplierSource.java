package io.smartops.coordinate.source;

import java.util.List;

/** One supplier's offers; each supplier source is gathered by its own agent, so new suppliers plug in. */
public interface SupplierSource {

	RetailRecords.Supplier supplier();

	List<RetailRecords.Offer> offers();
}
