package io.smartops.coordinate.source;

import java.util.Map;

/** Stock on hand: warehouse → product → units. */
public interface InventorySource {

	Map<String, Map<String, Double>> stock();
}
