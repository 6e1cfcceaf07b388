package com.diggety.notifications;

/**
 * Who has the app open on the live channel right now. An alert that reaches a connected driver at once needs no
 * SMS. The sync module's live channel is meant to provide it; until one does, nobody counts as connected.
 */
public interface LiveConnections {

	/** Whether at least one driver is connected to the live channel now. */
	boolean driverConnected();
}
