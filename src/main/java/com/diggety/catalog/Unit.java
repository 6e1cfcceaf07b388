package com.diggety.catalog;

/** How an ingredient is counted; stock quantities are whole numbers of this unit. */
public enum Unit {
	PIECE, GRAM, MILLILITRE
}
