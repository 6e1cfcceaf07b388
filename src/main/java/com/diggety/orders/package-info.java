/**
 * Online orders: placement with an availability check and substitutes, acceptance (by the operator, by itself when
 * the stand is online and stocked, or by SMS when the operator is offline), the status machine with every transition
 * stored, waiting-time estimates, and pickup codes the operator's phone verifies offline.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Orders")
package com.diggety.orders;
