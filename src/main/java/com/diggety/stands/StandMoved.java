package com.diggety.stands;

/**
 * A stand now stands somewhere else. Customers nearby and the drivers' routes care; published in the transaction
 * that stored the move.
 */
public record StandMoved(long standId, String name, double latitude, double longitude, String placeName) {
}
