package com.diggety.stands;

/**
 * Something about a stand changed that its phone and its customers see: details, hours, location, open or closed.
 * Published in the transaction of the change.
 */
public record StandChanged(long standId) {
}
