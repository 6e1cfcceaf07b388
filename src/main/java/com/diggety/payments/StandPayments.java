package com.diggety.payments;

import java.time.Instant;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.diggety.sales.Sale;
import com.diggety.sales.SaleRecorded;
import com.diggety.sales.SalesRecorded;
import com.diggety.sales.SaleRefunded;
import com.diggety.sales.SaleVoided;
import com.diggety.sales.Sales;
import com.diggety.shared.Business;
import com.diggety.shared.Sql;

/**
 * Cash and card-terminal payments taken at the stands, from the sales module's events, so one payments view covers
 * every channel. Each sale is one payment (keyed by the sale), each refund one refund row (keyed by the phone's
 * refund id), a void a last status: redelivered events change nothing. A sale's payment is written in the sale's
 * transaction; refunds and voids follow after theirs commit, and one that finds no payment (a sale recorded before
 * this ledger existed) records the sale's payment itself from the sales module.
 */
@Component
class StandPayments {

	private final Ledger ledger;
	private final Sales sales;
	private final Business business;
	private final JdbcClient db;

	StandPayments(Ledger ledger, Sales sales, Business business, JdbcClient db) {
		this.ledger = ledger;
		this.sales = sales;
		this.business = business;
		this.db = db;
	}

	/** In the sales' own transaction: a synced sale and its payment are stored together. */
	@EventListener
	void salesRecorded(SalesRecorded recorded) {
		ledger.recordStand(recorded.sales().stream().map(sale -> new Ledger.StandPayment(sale.saleId(), sale.standId(),
				method(sale.method()), sale.totalMinor(), sale.at())).toList(), business.currency());
	}

	/**
	 * Before November 25, 2026 each sale was published as a {@code SaleRecorded} followed after commit. Nothing
	 * publishes it now; this finishes the publications a server stopped before it could. A payment stored already
	 * is left as it is.
	 */
	@ApplicationModuleListener
	void saleRecorded(SaleRecorded sale) {
		ledger.recordStand(sale.saleId(), sale.standId(), method(sale.method()), sale.totalMinor(), business.currency(),
				sale.at());
	}

	@ApplicationModuleListener
	void saleRefunded(SaleRefunded refund) {
		var payment = ensure(refund.saleId());
		int inserted = db.sql("""
				INSERT INTO payment_refunds (id, payment_id, amount_minor, status, requested_at, completed_at)
				VALUES (?, ?, ?, 'SUCCEEDED', ?, ?) ON CONFLICT DO NOTHING""")
				.params(refund.refundId(), payment, refund.amountMinor(), Sql.ts(refund.at()), Sql.ts(refund.at()))
				.update();
		if (inserted > 0) {
			ledger.refundedTo(payment, ledger.succeededRefunds(payment), Payment.Source.STAND, null,
					"refunded at the stand", refund.at());
		}
	}

	@ApplicationModuleListener
	void saleVoided(SaleVoided voided) {
		var payment = ensure(voided.saleId());
		ledger.advance(payment, Payment.Status.VOIDED, Payment.Source.STAND, null, "voided at the stand", voided.at());
	}

	private UUID ensure(UUID saleId) {
		var reference = Ledger.standReference(saleId);
		var known = ledger.lockByReference(reference);
		if (known.isPresent()) {
			return known.get().id();
		}
		var sale = sales.find(saleId).orElseThrow(() -> new IllegalStateException("Sale " + saleId + " is not stored"));
		ledger.recordStand(saleId, sale.standId(), method(sale.payment().method()), sale.totalMinor(), sale.currency(),
				sale.correctedAt() == null ? Instant.now() : sale.correctedAt());
		return ledger.lockByReference(reference).orElseThrow().id();
	}

	private static Payment.Method method(Sale.Method method) {
		return switch (method) {
			case CASH -> Payment.Method.CASH;
			case CARD -> Payment.Method.CARD;
			case GATEWAY -> Payment.Method.GATEWAY;
		};
	}
}
