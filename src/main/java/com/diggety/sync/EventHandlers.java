package com.diggety.sync;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.diggety.identity.Caller;
import com.diggety.inventory.Stock;
import com.diggety.sales.Sale;
import com.diggety.sales.Sales;
import com.diggety.sales.Shifts;
import com.diggety.shared.Problem;
import com.diggety.orders.OrderStatus;
import com.diggety.orders.Orders;
import com.diggety.stands.Stands;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns each type of device event into a call on the module that owns its effect. A payload that does not fit, or
 * an effect its module refuses, throws a {@link Problem}: the event becomes a poison event and the queue moves on.
 */
@Component
class EventHandlers {

	/** Where and when an event is applied: its device, stand and corrected time. */
	record Context(Device device, Caller caller, UUID eventId, Instant occurredAt, Instant correctedAt,
			DeviceEvent.Position position) {
	}

	record ShiftOpened(UUID shiftId, Long floatMinor) {
	}

	record ShiftClosed(UUID shiftId, Long countedCashMinor) {
	}

	record SaleRecorded(UUID saleId, UUID shiftId, List<Sales.NewLine> lines, List<Sale.Discount> applied,
			List<String> codes, Long subtotalMinor, Long discountMinor, Long totalMinor, Sale.Payment payment) {
	}

	record SaleRefunded(UUID saleId, UUID refundId, Long amountMinor, String reason, Sale.Method method) {
	}

	record SaleVoided(UUID saleId, String reason) {
	}

	record StandMoved(Double latitude, Double longitude, String placeName) {
	}

	/** A stock update by hand; {@code standId}, when given, must be the device's own stand. */
	record StockUpdate(Long standId, Long ingredientId, Long quantity, Long counted, String note, String reason) {
	}

	/** An intent on an online order, made on the phone (offline perhaps): accept, ready, picked up with its code. */
	record OrderMoved(UUID orderId, OrderStatus to, String reason, String pickupCode) {
	}

	private final Sales sales;
	private final Shifts shifts;
	private final Stands stands;
	private final Stock stock;
	private final Orders orders;
	private final ObjectMapper json;

	EventHandlers(Sales sales, Shifts shifts, Stands stands, Stock stock, Orders orders, ObjectMapper json) {
		this.orders = orders;
		this.sales = sales;
		this.shifts = shifts;
		this.stands = stands;
		this.stock = stock;
		this.json = json;
	}

	void apply(String type, JsonNode payload, Context context) {
		long stand = context.device().standId();
		switch (type == null ? "" : type) {
			case "SHIFT_OPENED" -> {
				var e = read(payload, ShiftOpened.class);
				shifts.open(required(e.shiftId(), "shiftId"), stand, context.device().id(), context.correctedAt(),
						required(e.floatMinor(), "floatMinor"));
			}
			case "SHIFT_CLOSED" -> {
				var e = read(payload, ShiftClosed.class);
				shifts.close(required(e.shiftId(), "shiftId"), stand, context.correctedAt(),
						required(e.countedCashMinor(), "countedCashMinor"));
			}
			case "SALE_RECORDED" -> sales.record(sale(payload, context));
			case "SALE_REFUNDED" -> {
				var e = read(payload, SaleRefunded.class);
				sales.refund(new Sales.NewRefund(required(e.refundId(), "refundId"), required(e.saleId(), "saleId"),
						stand, context.device().id(), required(e.amountMinor(), "amountMinor"), e.reason(), e.method(),
						context.correctedAt()));
			}
			case "SALE_VOIDED" -> {
				var e = read(payload, SaleVoided.class);
				sales.voidSale(required(e.saleId(), "saleId"), stand, e.reason(), context.correctedAt());
			}
			case "STAND_OPENED" -> stands.setOpenForCustomers(stand, true);
			case "STAND_CLOSED" -> stands.setOpenForCustomers(stand, false);
			case "STAND_MOVED" -> {
				var e = read(payload, StandMoved.class);
				stands.moveTo(stand, required(e.latitude(), "latitude"), required(e.longitude(), "longitude"),
						e.placeName());
			}
			case "STOCK_DELIVERED" -> {
				var e = ownStock(read(payload, StockUpdate.class), stand);
				stock.deliver(stand, required(e.ingredientId(), "ingredientId"), required(e.quantity(), "quantity"),
						context.correctedAt(), "event:" + context.eventId(), e.note());
			}
			case "STOCK_WASTED" -> {
				var e = ownStock(read(payload, StockUpdate.class), stand);
				stock.waste(stand, required(e.ingredientId(), "ingredientId"), required(e.quantity(), "quantity"),
						context.correctedAt(), "event:" + context.eventId(), e.reason() != null ? e.reason() : e.note());
			}
			case "STOCK_COUNTED" -> {
				var e = ownStock(read(payload, StockUpdate.class), stand);
				stock.count(stand, required(e.ingredientId(), "ingredientId"), required(e.counted(), "counted"),
						context.correctedAt(), "event:" + context.eventId());
			}
			case "ORDER_MOVED" -> {
				var e = read(payload, OrderMoved.class);
				orders.move(required(e.orderId(), "orderId"), required(e.to(), "to"), e.reason(), e.pickupCode(),
						context.caller());
			}
			default -> throw Problem.invalid("type", "unknown event type " + type);
		}
	}

	/** A SALE_RECORDED event's sale; a payload that does not make one is refused as the event's poison. */
	Sales.NewSale sale(JsonNode payload, Context context) {
		var e = read(payload, SaleRecorded.class);
		var position = context.position();
		return new Sales.NewSale(required(e.saleId(), "saleId"), e.shiftId(), context.device().standId(),
				context.device().id(), context.eventId(), context.occurredAt(), context.correctedAt(),
				position == null ? null : position.latitude(), position == null ? null : position.longitude(),
				required(e.lines(), "lines"), e.applied(), e.codes(), required(e.subtotalMinor(), "subtotalMinor"),
				required(e.discountMinor(), "discountMinor"), required(e.totalMinor(), "totalMinor"),
				required(e.payment(), "payment"), null);
	}

	/** A run of sales in one go (see {@link Sales#recordAll}). */
	void recordAll(List<Sales.NewSale> run) {
		sales.recordAll(run);
	}

	private static StockUpdate ownStock(StockUpdate update, long stand) {
		if (update.standId() != null && update.standId() != stand) {
			throw Problem.invalid("payload.standId", "a phone updates its own stand's stock only");
		}
		return update;
	}

	private <T> T read(JsonNode payload, Class<T> type) {
		if (payload == null || !payload.isObject()) {
			throw Problem.invalid("payload", "must be an object");
		}
		try {
			return json.treeToValue(payload, type);
		}
		catch (RuntimeException e) {
			throw Problem.invalid("payload", "does not fit " + type.getSimpleName());
		}
	}

	private static <T> T required(T value, String field) {
		if (value == null) {
			throw Problem.invalid("payload." + field, "is required");
		}
		return value;
	}
}
