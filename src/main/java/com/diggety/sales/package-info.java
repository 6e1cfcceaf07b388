/**
 * What the stands sold: sales as the phones recorded them (re-priced by the server, a mismatch flagged for the
 * owner, never dropped), payments taken at the stand (cash with change, an external card terminal's reference, a
 * gateway reference; never card data), refunds and voids with every status change stored, shifts with their
 * end-of-day Z report, and receipts.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sales",
		allowedDependencies = { "identity", "catalog", "pricing", "pricing :: engine", "stands", "shared" })
package com.diggety.sales;
