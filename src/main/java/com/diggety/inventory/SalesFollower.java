package com.diggety.inventory;

import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.diggety.sales.SaleRecorded;
import com.diggety.sales.SaleVoided;
import com.diggety.sales.SalesRecorded;

/**
 * Stock follows the sales: each sale takes its products' recipes out of the stand's stock, a void puts them back.
 * Sales are followed inside their own transaction (a synced sale and its stock movements are stored together or
 * not at all); a sale handled twice moves nothing the second time.
 */
@Component
class SalesFollower {

	private final Stock stock;

	SalesFollower(Stock stock) {
		this.stock = stock;
	}

	@EventListener
	void on(SalesRecorded recorded) {
		stock.sold(recorded.sales().stream().map(sale -> new Stock.Sold(sale.saleId().toString(), sale.standId(),
				sale.at(), quantities(sale.items()))).toList(), false);
	}

	/** A void puts the stock back after it committed (voids are rare; kept apart from the sale's transaction). */
	@ApplicationModuleListener
	void on(SaleVoided voided) {
		stock.sold(voided.saleId().toString(), voided.standId(), voided.at(), quantities(voided.items()), true);
	}

	/**
	 * Before November 25, 2026 each sale was published as a {@code SaleRecorded} followed after commit. Nothing
	 * publishes it now; this finishes the publications a server stopped before it could (the registry republishes
	 * them at start). Idempotent by cause, like the rest.
	 */
	@ApplicationModuleListener
	void on(SaleRecorded sale) {
		stock.sold(sale.saleId().toString(), sale.standId(), sale.at(), quantities(sale.items()), false);
	}

	private static LinkedHashMap<Long, Integer> quantities(List<SaleRecorded.Item> items) {
		var map = new LinkedHashMap<Long, Integer>();
		items.forEach(i -> map.merge(i.productId(), i.quantity(), Integer::sum));
		return map;
	}
}
