/**
 * The demo business of the embedded default: fifty stands at real places in Kraków, a hot-dog menu with recipes,
 * and an account for every role. Seeded on first start and idempotent on every restart; never in production.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package com.diggety.demo;
