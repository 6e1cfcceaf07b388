// Diggety pricing engine for the phone: prices a cart offline, to the cent, exactly as the server does.
// This file is the JavaScript twin of src/main/java/com/diggety/pricing/engine/PricingEngine.java and follows it
// step by step (same order, same tie-breaks, same rounding). Change both together: both must pass
// src/test/resources/pricing/vectors.json (PricingVectorsTest in Java, PricingTwinBrowserTest in the browser).
// Money is integer minor units; products of money and weights go through BigInt, never floating point.

const FULL = 10_000;

/** A cart line names a product the catalog does not have (Java: PricingEngine.UnknownProduct). */
export class UnknownProductError extends Error {
	constructor(lineIndex, productId) {
		super(`lines[${lineIndex}].productId: unknown product ${productId}`);
		this.name = 'UnknownProductError';
		this.lineIndex = lineIndex;
	}
}

/**
 * Prices a cart with the promotions that apply to it. Twin of {@code PricingEngine.price} in Java: both must give
 * the figures of vectors.json to the cent; read the rules in PricingEngine's Javadoc.
 *
 * @param {{standId:number, at:string, lines:{productId:number, quantity:number}[], codePromotionIds?:number[],
 *   customer?:null|{purchases?:{at:string, items:{productId:number, quantity:number}[]}[]}}} cart
 *   `at` and the purchases' `at` are ISO-8601 instants (e.g. "2026-06-10T10:00:00Z")
 * @param {Array<{id:number, name:string, category:string, priceMinor:number, vatRateBp:number}>|Map<number, object>}
 *   catalog the products, as an array or as a Map by product id
 * @param {object[]} promotions promotions in their flat JSON shape (PromotionSpec), already checked by the server
 * @param {{maxDiscountBp?:number|null, maxDiscountMinor?:number|null}} [limits] the owner's discount cap
 * @param {string} zone the business time zone, e.g. "Europe/Warsaw"
 * @returns {{lines:object[], applied:object[], subtotalMinor:number, discountMinor:number, totalMinor:number,
 *   vat:object[], capped:boolean}} the same shape as Java's Quote serialized to JSON
 * @throws {UnknownProductError} when a line names a product the catalog lacks
 * @throws {RangeError} when a line's quantity is not positive
 */
export function price(cart, catalog, promotions, limits, zone) {
	const products = catalog instanceof Map ? catalog : new Map(catalog.map(p => [p.id, p]));
	cart.lines.forEach((line, i) => {
		if (!products.has(line.productId)) {
			throw new UnknownProductError(i, line.productId);
		}
		if (!(line.quantity > 0)) {
			throw new RangeError(`lines[${i}].quantity: must be positive`);
		}
	});
	// Lines are priced in a canonical order (product, then quantity), so the same cart listed in another order gets
	// the same totals; the quote's lines go back in the cart's order at the end.
	const order = cart.lines.map((_, i) => i).sort((a, b) => cart.lines[a].productId - cart.lines[b].productId
		|| cart.lines[a].quantity - cart.lines[b].quantity || a - b);
	const canonical = { ...cart, lines: order.map(i => cart.lines[i]) };
	const eligible = promotions.map(promotion).filter(p => applies(p, cart, products, zone))
		.sort((a, b) => b.priority - a.priority || a.id - b.id);
	const candidates = [];
	const stackable = eligible.filter(p => !p.exclusive);
	if (stackable.length > 0) {
		candidates.push(stackable);
	}
	eligible.filter(p => p.exclusive).forEach(p => candidates.push([p]));
	candidates.push([]);
	let best = null;
	for (const candidate of candidates) {
		const quote = run(canonical, products, candidate, limits ?? {});
		if (best === null || quote.totalMinor < best.totalMinor) {
			best = quote;
		}
	}
	const lines = new Array(order.length);
	order.forEach((original, k) => { lines[original] = best.lines[k]; });
	return { ...best, lines };
}

/** The spec with the defaults PromotionSpec.toPromotion() fills in. */
function promotion(s) {
	return {
		...s, id: s.id ?? 0, name: javaTrim(s.name ?? ''), priority: s.priority ?? 0, exclusive: s.exclusive === true,
		standIds: s.standIds ?? [], requiresCode: s.requiresCode === true, customersOnly: s.customersOnly === true,
		window: s.window ?? {}, buy: s.buy ?? 1, get: s.get ?? 1, every: s.every ?? 2,
		minSubtotalMinor: s.minSubtotalMinor ?? 0, minPurchases: s.minPurchases ?? 1, withinDays: s.withinDays ?? 1,
		components: (s.components ?? []).map(c => ({ target: c?.target, quantity: c?.quantity ?? 1 })),
	};
}

function javaTrim(s) {
	return s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

function matches(target, item) {
	return (target?.productIds ?? []).includes(item.id) || (target?.categories ?? []).includes(item.category);
}

// ---------------------------------------------------------------- which promotions apply

function applies(p, cart, products, zone) {
	if (p.standIds.length > 0 && !p.standIds.includes(cart.standId)) {
		return false;
	}
	const w = p.window;
	const at = instant(cart.at);
	if (w.from != null && at < instant(w.from)) {
		return false;
	}
	if (w.to != null && !(at < instant(w.to))) {
		return false;
	}
	const local = localTime(at, zone);
	if (w.days?.length > 0 && !w.days.some(d => String(d).toUpperCase() === local.day)) {
		return false;
	}
	const time = local.nanos;
	const from = w.fromTime != null ? timeOfDay(w.fromTime) : null;
	const to = w.toTime != null ? timeOfDay(w.toTime) : null;
	if (from !== null && to !== null) {
		const inside = to > from ? time >= from && time < to : time >= from || time < to;
		if (!inside) {
			return false;
		}
	}
	else if (from !== null && time < from) {
		return false;
	}
	else if (to !== null && time >= to) {
		return false;
	}
	if (p.requiresCode && !(cart.codePromotionIds ?? []).includes(p.id)) {
		return false;
	}
	const loyalty = p.kind === 'LOYALTY_PERCENT' || p.kind === 'LOYALTY_NTH_FREE';
	if ((p.customersOnly || loyalty) && cart.customer == null) {
		return false;
	}
	if (p.kind === 'LOYALTY_PERCENT') {
		const since = at - 86_400n * BigInt(p.withinDays) * 1_000_000_000n;
		const recent = purchases(cart).filter(x => instant(x.at) > since && instant(x.at) <= at).length;
		return recent >= p.minPurchases;
	}
	return true;
}

function purchases(cart) {
	return cart.customer?.purchases ?? [];
}

/** An ISO-8601 instant as BigInt nanoseconds since the epoch (Java's Instant keeps nanoseconds). */
function instant(text) {
	const fraction = /\.(\d+)/.exec(text);
	const ms = Date.parse(text.replace(/\.\d+/, ''));
	if (Number.isNaN(ms)) {
		throw new RangeError(`not an ISO-8601 instant: ${text}`);
	}
	return BigInt(ms) * 1_000_000n + BigInt(((fraction ? fraction[1] : '') + '000000000').slice(0, 9));
}

/** "HH:mm", "HH:mm:ss" or "HH:mm:ss.fff" as nanoseconds of the day. */
function timeOfDay(text) {
	const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/.exec(text);
	if (!m) {
		throw new RangeError(`not a time of day: ${text}`);
	}
	const seconds = (Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0);
	return seconds * 1e9 + Number((m[4] ?? '').padEnd(9, '0'));
}

const formats = new Map();

/** Day of the week ("MONDAY"...) and nanoseconds of the day of an instant in the business zone. */
function localTime(at, zone) {
	let format = formats.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', hour: '2-digit',
			minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
		formats.set(zone, format);
	}
	const nanos = ((at % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n;
	const parts = {};
	for (const part of format.formatToParts(new Date(Number((at - nanos) / 1_000_000n)))) {
		parts[part.type] = part.value;
	}
	const seconds = ((Number(parts.hour) % 24) * 60 + Number(parts.minute)) * 60 + Number(parts.second);
	return { day: parts.weekday.toUpperCase(), nanos: seconds * 1e9 + Number(nanos) };
}

// ---------------------------------------------------------------- applying one candidate

class LineState {
	constructor(index, item, quantity) {
		this.index = index;
		this.item = item;
		this.quantity = quantity;
		this.gross = item.priceMinor * quantity;
		this.discount = 0;
		this.consumed = 0;
	}

	remaining() {
		return this.gross - this.discount;
	}

	/** Takes up to `amount` off this line, never below zero; returns what was taken. */
	give(amount) {
		const taken = Math.min(amount, this.remaining());
		this.discount += taken;
		return taken;
	}
}

const unit = line => ({ line, price: line.item.priceMinor });
const CHEAPEST_FIRST = (a, b) => a.price - b.price || a.line.item.id - b.line.item.id || a.line.index - b.line.index;
const DEAREST_FIRST = (a, b) => b.price - a.price || a.line.item.id - b.line.item.id || a.line.index - b.line.index;
const sum = values => values.reduce((s, v) => s + v, 0);

function run(cart, products, candidate, limits) {
	const lines = cart.lines.map((l, i) => new LineState(i, products.get(l.productId), l.quantity));
	let applied = [];
	for (const p of candidate) {
		const amount = apply(p, lines, cart, products);
		if (amount > 0) {
			applied.push({ promotionId: p.id, reason: p.name, amountMinor: amount });
		}
	}
	const subtotal = sum(lines.map(l => l.gross));
	let discount = sum(lines.map(l => l.discount));
	let capped = false;
	const limit = cap(subtotal, limits);
	if (discount > limit) {
		const excess = discount - limit;
		const lineCuts = spread(excess, lines.map(l => l.discount));
		lines.forEach((l, i) => { l.discount -= lineCuts[i]; });
		const promoCuts = spread(excess, applied.map(a => a.amountMinor));
		applied = applied.map((a, i) => ({ ...a, amountMinor: a.amountMinor - promoCuts[i] }))
			.filter(a => a.amountMinor > 0);
		discount = limit;
		capped = true;
	}
	const quoteLines = lines.map(l => ({ productId: l.item.id, name: l.item.name, quantity: l.quantity,
		unitPriceMinor: l.item.priceMinor, grossMinor: l.gross, discountMinor: l.discount, totalMinor: l.remaining(),
		vatRateBp: l.item.vatRateBp }));
	const byRate = new Map();
	lines.forEach(l => byRate.set(l.item.vatRateBp, (byRate.get(l.item.vatRateBp) ?? 0) + l.remaining()));
	const vat = [...byRate.keys()].sort((a, b) => a - b).map(rate => {
		const gross = byRate.get(rate);
		const net = mulDivHalfUp(gross, FULL, FULL + rate);
		return { rateBp: rate, grossMinor: gross, netMinor: net, vatMinor: gross - net };
	});
	return { lines: quoteLines, applied, subtotalMinor: subtotal, discountMinor: discount,
		totalMinor: subtotal - discount, vat, capped };
}

function apply(p, lines, cart, products) {
	switch (p.kind) {
		case 'PRODUCT_DISCOUNT': return productDiscount(p, lines);
		case 'BUNDLE': return bundle(p, lines);
		case 'BUY_X_GET_Y': return buyXGetY(p, lines);
		case 'ORDER_DISCOUNT': return orderDiscount(lines, p.minSubtotalMinor, p.percentBp, p.amountMinor);
		case 'LOYALTY_PERCENT': return orderDiscount(lines, 0, p.percentBp ?? 0, null);
		case 'LOYALTY_NTH_FREE': return nthFree(p, lines, cart, products);
		default: throw new RangeError(`unknown rule ${p.kind}`);
	}
}

function cap(subtotal, limits) {
	let limit = subtotal;
	if (limits.maxDiscountBp != null) {
		limit = Math.min(limit, mulDivFloor(subtotal, limits.maxDiscountBp, FULL));
	}
	if (limits.maxDiscountMinor != null) {
		limit = Math.min(limit, limits.maxDiscountMinor);
	}
	return limit;
}

function productDiscount(p, lines) {
	let total = 0;
	for (const line of lines) {
		if (!matches(p.target, line.item)) {
			continue;
		}
		const amount = p.percentBp != null ? mulDivHalfUp(line.remaining(), p.percentBp, FULL)
			: p.amountMinor * line.quantity;
		total += line.give(amount);
	}
	return total;
}

function bundle(p, lines) {
	if (p.components.length === 0) {
		return 0;
	}
	let taken = lines.map(() => 0);
	const perLine = lines.map(() => 0);
	for (;;) {
		const tentative = [...taken];
		const chosen = [];
		let complete = true;
		for (const component of p.components) {
			const pool = [];
			for (const line of lines) {
				if (!matches(component.target, line.item)) {
					continue;
				}
				const available = line.quantity - line.consumed - tentative[line.index];
				for (let u = 0; u < Math.min(available, component.quantity); u++) {
					pool.push(unit(line));
				}
			}
			pool.sort(DEAREST_FIRST);
			if (pool.length < component.quantity) {
				complete = false;
				break;
			}
			for (let u = 0; u < component.quantity; u++) {
				chosen.push(pool[u]);
				tentative[pool[u].line.index]++;
			}
		}
		if (!complete) {
			break;
		}
		const value = sum(chosen.map(u => u.price));
		const discount = p.percentBp != null ? mulDivHalfUp(value, p.percentBp, FULL)
			: p.priceMinor != null ? Math.max(0, value - p.priceMinor) : Math.min(p.amountMinor, value);
		if (discount <= 0) {
			break;
		}
		const parts = spread(discount, chosen.map(u => u.price));
		chosen.forEach((u, i) => { perLine[u.line.index] += parts[i]; });
		taken = tentative;
	}
	let total = 0;
	for (const line of lines) {
		line.consumed += taken[line.index];
		total += line.give(perLine[line.index]);
	}
	return total;
}

function available(target, lines) {
	const units = [];
	for (const line of lines) {
		if (matches(target, line.item)) {
			for (let u = 0; u < line.quantity - line.consumed; u++) {
				units.push(unit(line));
			}
		}
	}
	return units.sort(CHEAPEST_FIRST);
}

function buyXGetY(p, lines) {
	const units = available(p.target, lines);
	const groups = Math.floor(units.length / (p.buy + p.get));
	const perLine = lines.map(() => 0);
	for (let i = 0; i < groups * (p.buy + p.get); i++) {
		const u = units[i];
		u.line.consumed++;
		if (i < groups * p.get) {
			perLine[u.line.index] += mulDivHalfUp(u.price, p.percentBp ?? 0, FULL);
		}
	}
	return sum(lines.map(line => line.give(perLine[line.index])));
}

function nthFree(p, lines, cart, products) {
	const at = instant(cart.at);
	let prior = 0;
	for (const purchase of purchases(cart)) {
		if (instant(purchase.at) > at) {
			continue;
		}
		for (const item of purchase.items) {
			const product = products.get(item.productId);
			if (product != null && matches(p.target, product)) {
				prior += item.quantity;
			}
		}
	}
	const units = available(p.target, lines);
	const free = Math.floor((prior + units.length) / p.every) - Math.floor(prior / p.every);
	const perLine = lines.map(() => 0);
	for (let i = 0; i < free; i++) {
		const u = units[i];
		u.line.consumed++;
		perLine[u.line.index] += u.price;
	}
	return sum(lines.map(line => line.give(perLine[line.index])));
}

function orderDiscount(lines, minSubtotal, percentBp, amountMinor) {
	const remaining = sum(lines.map(l => l.remaining()));
	if (remaining === 0 || remaining < minSubtotal) {
		return 0;
	}
	const discount = percentBp != null ? mulDivHalfUp(remaining, percentBp, FULL) : Math.min(amountMinor, remaining);
	const parts = spread(discount, lines.map(l => l.remaining()));
	return sum(lines.map((line, i) => line.give(parts[i])));
}

// ---------------------------------------------------------------- integer arithmetic (BigInt inside)

/** a x b / c rounded half up, for non-negative integers, exact beyond 2^53. */
export function mulDivHalfUp(a, b, c) {
	return Number((BigInt(a) * BigInt(b) * 2n + BigInt(c)) / (BigInt(c) * 2n));
}

/** a x b / c rounded down, for non-negative integers. */
export function mulDivFloor(a, b, c) {
	return Number(BigInt(a) * BigInt(b) / BigInt(c));
}

/**
 * Splits `total` in proportion to `weights` by the largest remainder: floors first, then one more to the parts
 * with the largest remainders (earlier part on a tie). The parts sum to `total` exactly.
 */
export function spread(total, weights) {
	const parts = weights.map(() => 0);
	const whole = weights.reduce((s, w) => s + BigInt(w), 0n);
	if (total === 0 || whole === 0n) {
		return parts;
	}
	const remainders = [];
	let given = 0;
	weights.forEach((w, i) => {
		const product = BigInt(total) * BigInt(w);
		parts[i] = Number(product / whole);
		remainders.push(product % whole);
		given += parts[i];
	});
	const order = weights.map((_, i) => i)
		.sort((x, y) => remainders[x] !== remainders[y] ? (remainders[y] > remainders[x] ? 1 : -1) : x - y);
	for (let k = 0; k < total - given; k++) {
		parts[order[k]]++;
	}
	return parts;
}
