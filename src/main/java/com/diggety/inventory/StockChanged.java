package com.diggety.inventory;

/** A stand's stock changed by hand (delivery, count, waste) or an alert opened or closed: its phone should pull. */
public record StockChanged(long standId) {
}
