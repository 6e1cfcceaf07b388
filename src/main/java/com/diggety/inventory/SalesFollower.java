package com.diggety.inventory;

import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.diggety.sales.SaleRecorded;
import com.diggety.sales.SaleVoided;
import com.diggety.sales.SalesRecorded;

/**
 * Stock follows the sales: each sale takes its products' recipes out of the stand's stock, a void puts them back.
 * Runs inside the sale's own transaction (a synced sale and its stock movements are stored together or not at
 * all); a sale handled twice moves nothing the second time.
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

	@EventListener
	void on(SaleVoided voided) {
		stock.sold(voided.saleId().toString(), voided.standId(), voided.at(), quantities(voided.items()), true);
	}

	private static LinkedHashMap<Long, Integer> quantities(List<SaleRecorded.Item> items) {
		var map = new LinkedHashMap<Long, Integer>();
		items.forEach(i -> map.merge(i.productId(), i.quantity(), Integer::sum));
		return map;
	}
}
