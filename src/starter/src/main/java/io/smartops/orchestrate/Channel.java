package io.smartops.orchestrate;

/** How an action reaches its action-taker. */
public enum Channel {
	/** an application's API (store POS, carrier booking), over HTTP; the response acknowledges */
	APPLICATION,
	/** a person in Tasklist; completing the work order acknowledges */
	OPERATOR,
	/** a supplier by e-mail; the signed confirm link or the REST call acknowledges */
	SUPPLIER,
	/** a device by MQTT; a message on the acknowledgement topic acknowledges */
	DEVICE;

	/** Channels that put work in front of people: changes to their actions are held in a stability window. */
	public boolean forPeople() {
		return this == OPERATOR || this == SUPPLIER;
	}
}
