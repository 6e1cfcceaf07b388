/**
 * The device protocol of {@code docs/sync-protocol.md}: registering phones, taking their event batches and applying
 * each event exactly once together with its effects, the change feed back to the phones, and the live WebSocket
 * (heartbeats for presence, nudges when something changed).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sync",
		allowedDependencies = { "identity", "stands", "catalog", "pricing", "pricing :: engine", "sales", "inventory", "notifications", "orders", "shared" })
package com.diggety.sync;
