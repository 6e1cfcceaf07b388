package com.diggety.inventory;

import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.diggety.sales.SaleRecorded;
import com.diggety.sales.SaleVoided;

/**
 * Stock follows the sales: each sale takes its products' recipes out of the stand's stock, a void puts them back.
 * Runs after the sale committed; a sale handled twice moves nothing the second time.
 */
@Component
class SalesFollower {

	private final Stock stock;

	SalesFollower(Stock stock) {
		this.stock = stock;
	}

	@ApplicationModuleListener
	void on(SaleRecorded sale) {
		stock.sold(sale.saleId().toString(), sale.standId(), sale.at(), quantities(sale.items()), false);
	}

	@ApplicationModuleListener
	void on(SaleVoided voided) {
		stock.sold(voided.saleId().toString(), voided.standId(), voided.at(), quantities(voided.items()), true);
	}

	private static LinkedHashMap<Long, Integer> quantities(List<SaleRecorded.Item> items) {
		var map = new LinkedHashMap<Long, Integer>();
		items.forEach(i -> map.merge(i.productId(), i.quantity(), Integer::sum));
		return map;
	}
}
