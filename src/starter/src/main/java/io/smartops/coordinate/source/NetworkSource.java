package io.smartops.coordinate.source;

import java.util.List;

/** Master data: products (with pricing parameters), stores and warehouses. */
public interface NetworkSource {

	List<RetailRecords.Product> products();

	List<RetailRecords.Store> stores();

	List<RetailRecords.Warehouse> warehouses();
}
