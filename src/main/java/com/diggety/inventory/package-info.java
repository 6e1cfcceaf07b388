/**
 * Stock at each stand: a ledger of signed movements (sales through recipes, deliveries, transfers, waste,
 * corrections from physical counts), each tied to its cause and applied once, with levels kept as the ledger's
 * balance; thresholds and once-per-crossing low-stock alerts; stale-stock reminders; a demand forecast per hour of
 * the week; restock tasks for the drivers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inventory",
		allowedDependencies = { "identity", "catalog", "stands", "sales", "shared" })
package com.diggety.inventory;
