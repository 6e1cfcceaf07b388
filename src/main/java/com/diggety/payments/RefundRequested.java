package com.diggety.payments;

import java.util.UUID;

/** A refund was stored and is to be sent to the provider after the commit (internal to the module). */
record RefundRequested(UUID refundId) {
}
