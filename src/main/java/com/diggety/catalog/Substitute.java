package com.diggety.catalog;

/**
 * An acceptable alternative when the original is out: a gluten-free bun may become a regular bun (an ingredient
 * substitute), or one product may be offered instead of another.
 */
public record Substitute(long id, Kind kind, long originalId, String originalName, long substituteId,
		String substituteName) {

	public enum Kind {
		INGREDIENT, PRODUCT
	}
}
