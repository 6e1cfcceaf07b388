/**
 * What the stands sell and what it is made of: products with gross prices in minor units and a VAT rate,
 * ingredients (the stock-keeping units), recipes, substitutes, and each stand's menu. A combo such as "hot dog +
 * cola" is not a product here: it is a promotion over two products, so stock and reports see the real items.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog",
		allowedDependencies = { "identity", "stands", "shared" })
package com.diggety.catalog;
