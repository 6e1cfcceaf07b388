package com.diggety.inventory;

import java.time.Instant;

/** One signed change of a stand's stock of one ingredient, and what caused it. */
public record Movement(long id, long standId, long ingredientId, long quantity, Kind kind, String cause,
		Instant occurredAt, Instant recordedAt, String note) {

	public enum Kind {
		INITIAL, SALE, VOID, DELIVERY, TRANSFER_IN, TRANSFER_OUT, WASTE, COUNT_CORRECTION;

		/** An update a person made at the stand, which keeps the stand's stock "fresh". */
		public boolean manual() {
			return this == DELIVERY || this == WASTE || this == COUNT_CORRECTION || this == TRANSFER_IN
					|| this == TRANSFER_OUT;
		}
	}
}
