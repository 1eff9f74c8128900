package io.smartops.coordinate.source;

import java.util.List;
import java.util.Optional;

/** Every supplier source the coordinator gathers from. */
public interface SupplierDirectory {

	List<SupplierSource> suppliers();

	default Optional<SupplierSource> supplier(String id) {
		return suppliers().stream().filter(s -> s.supplier().id().equals(id)).findFirst();
	}
}
