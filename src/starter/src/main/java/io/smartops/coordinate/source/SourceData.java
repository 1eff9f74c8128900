package io.smartops.coordinate.source;

/**
 * Data that must be in the sources' tables before the coordinator reads its directory of
 * suppliers: an application that seeds the tables at start (the demo does) declares a bean of this
 * type, and the coordinator's agents are built after it.
 */
public interface SourceData {
}
