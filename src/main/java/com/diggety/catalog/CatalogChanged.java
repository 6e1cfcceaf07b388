package com.diggety.catalog;

/**
 * Something on the menu changed (a product, a price, a recipe, an archive). Caches of prices and phones' menus
 * refresh on it; published in the transaction of the change.
 */
public record CatalogChanged(long productId) {
}
