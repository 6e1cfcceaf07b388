/**
 * What the screens show, folded from the phone's own events (never from the network): the current shift, the
 * sales with their refunds and voids, the stand's open/closed state and position, and the Z report figures.
 * `apply` is incremental (one event at a time), so recording a sale updates the figures in constant time.
 *
 * Rules the server's Z report follows too: a voided sale counts nowhere; a refund belongs to the shift open when
 * it was recorded (that is where the cash left the drawer); expected cash = float + cash sales - cash refunds.
 */
export const METHODS = ['CASH', 'CARD', 'GATEWAY'];

const zeroByMethod = () => ({ CASH: 0, CARD: 0, GATEWAY: 0 });

export function createProjection() {
	return {
		lastSequence: 0,
		shift: null, // the open shift
		shifts: new Map(), // shiftId -> shift
		sales: new Map(), // saleId -> sale
		order: [], // saleIds in recording order
		standOpen: null, // null: as the server says
		standPlace: null, // {latitude, longitude, placeName} of the last STAND_MOVED
		stockActions: [], // STOCK_DELIVERED / STOCK_WASTED / STOCK_COUNTED: {sequence, type, occurredAt, payload}
		lastStockManualAt: null, // when this phone last recorded a count or a delivery
	};
}

function newShift(id, event) {
	return {
		shiftId: id, openedAt: event.occurredAt, closedAt: null, floatMinor: event.payload.floatMinor ?? 0,
		countedCashMinor: null, saleIds: [], refunds: [],
	};
}

/** Folds one event into the projection (mutates and returns it). */
export function apply(p, event) {
	p.lastSequence = Math.max(p.lastSequence, event.sequence);
	const e = event.payload ?? {};
	switch (event.type) {
		case 'SHIFT_OPENED': {
			const shift = newShift(e.shiftId, event);
			p.shifts.set(e.shiftId, shift);
			p.shift = shift;
			break;
		}
		case 'SHIFT_CLOSED': {
			const shift = p.shifts.get(e.shiftId);
			if (shift) {
				shift.closedAt = event.occurredAt;
				shift.countedCashMinor = e.countedCashMinor;
			}
			if (p.shift?.shiftId === e.shiftId) p.shift = null;
			break;
		}
		case 'SALE_RECORDED': {
			const sale = {
				saleId: e.saleId, shiftId: e.shiftId ?? null, occurredAt: event.occurredAt, sequence: event.sequence,
				eventId: event.id, sale: e, local: event.local ?? null, refunds: [], refundedMinor: 0, voided: null,
			};
			p.sales.set(e.saleId, sale);
			p.order.push(e.saleId);
			if (sale.shiftId) p.shifts.get(sale.shiftId)?.saleIds.push(e.saleId);
			break;
		}
		case 'SALE_REFUNDED': {
			const sale = p.sales.get(e.saleId);
			const refund = { ...e, occurredAt: event.occurredAt, shiftId: p.shift?.shiftId ?? null };
			if (sale) {
				sale.refunds.push(refund);
				sale.refundedMinor += e.amountMinor;
			}
			p.shift?.refunds.push(refund);
			break;
		}
		case 'SALE_VOIDED': {
			const sale = p.sales.get(e.saleId);
			if (sale) sale.voided = { reason: e.reason, occurredAt: event.occurredAt };
			break;
		}
		case 'STAND_OPENED': p.standOpen = true; break;
		case 'STAND_CLOSED': p.standOpen = false; break;
		case 'STOCK_DELIVERED':
		case 'STOCK_WASTED':
		case 'STOCK_COUNTED':
			p.stockActions.push({ sequence: event.sequence, type: event.type, occurredAt: event.occurredAt, payload: e });
			if (event.type !== 'STOCK_WASTED' && (!p.lastStockManualAt || event.occurredAt > p.lastStockManualAt)) p.lastStockManualAt = event.occurredAt;
			break;
		case 'STAND_MOVED': p.standPlace = { latitude: e.latitude, longitude: e.longitude, placeName: e.placeName ?? null }; break;
		default: break;
	}
	return p;
}

export function build(events) {
	const p = createProjection();
	for (const event of events) apply(p, event);
	return p;
}

/** How much of a sale may still be refunded. */
export const refundable = (sale) => (sale.voided ? 0 : sale.sale.totalMinor - sale.refundedMinor);

/** The date (YYYY-MM-DD) of an instant in the business zone. */
export function dayOf(instant, zone) {
	return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
		.format(new Date(instant));
}

/** Today's sales (business zone), newest first. */
export function todaysSales(p, zone, now = new Date()) {
	const today = dayOf(now, zone);
	const list = [];
	for (let i = p.order.length - 1; i >= 0; i--) {
		const sale = p.sales.get(p.order[i]);
		if (dayOf(sale.occurredAt, zone) === today) list.push(sale);
	}
	return list;
}

/** Figures over a list of sales and refunds: counts, totals by payment method, discounts, refunds by method. */
export function totals(sales, refunds) {
	const byMethod = zeroByMethod();
	const refundsByMethod = zeroByMethod();
	let count = 0;
	let totalMinor = 0;
	let discountMinor = 0;
	let voided = 0;
	for (const s of sales) {
		if (s.voided) {
			voided += 1;
			continue;
		}
		count += 1;
		totalMinor += s.sale.totalMinor;
		discountMinor += s.sale.discountMinor;
		byMethod[s.sale.payment.method] = (byMethod[s.sale.payment.method] ?? 0) + s.sale.totalMinor;
	}
	let refundedMinor = 0;
	for (const r of refunds) {
		refundedMinor += r.amountMinor;
		refundsByMethod[r.method] = (refundsByMethod[r.method] ?? 0) + r.amountMinor;
	}
	return { count, voided, totalMinor, discountMinor, byMethod, refundedMinor, refundsByMethod, netMinor: totalMinor - refundedMinor };
}

/** Today's figures: today's sales and the refunds recorded today. */
export function todaysTotals(p, zone, now = new Date()) {
	const today = dayOf(now, zone);
	const refunds = [];
	for (const sale of p.sales.values()) for (const r of sale.refunds) if (dayOf(r.occurredAt, zone) === today) refunds.push(r);
	return totals(todaysSales(p, zone, now), refunds);
}

/** The Z report of a shift from the phone's own events. */
export function zReport(p, shiftId) {
	const shift = p.shifts.get(shiftId);
	if (!shift) return null;
	const t = totals(shift.saleIds.map((id) => p.sales.get(id)), shift.refunds);
	const expectedCashMinor = shift.floatMinor + t.byMethod.CASH - t.refundsByMethod.CASH;
	return {
		shiftId, openedAt: shift.openedAt, closedAt: shift.closedAt, floatMinor: shift.floatMinor, ...t,
		expectedCashMinor, countedCashMinor: shift.countedCashMinor,
		varianceMinor: shift.countedCashMinor === null ? null : shift.countedCashMinor - expectedCashMinor,
	};
}

/** The most recently closed shift, or null. */
export function lastClosedShift(p) {
	let last = null;
	for (const s of p.shifts.values()) if (s.closedAt && (!last || s.closedAt >= last.closedAt)) last = s;
	return last;
}
