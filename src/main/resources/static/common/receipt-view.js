/**
 * A receipt as the customer sees it, shared by the operator's phone (drawn at once from the local sale) and the
 * public page /receipt.html (from GET /api/v1/receipts/{saleId}): lines, discounts with their reasons, totals,
 * VAT per rate, payment and change, refunds and a void when there are any.
 *
 * `receipt`: the SALE_RECORDED payload shape ({saleId, lines, applied, subtotalMinor, discountMinor, totalMinor,
 * vat, payment}) plus optional occurredAt, standName, names {productId: name}, refunds [{amountMinor, reason}],
 * voided {reason}. Lines may carry their own `name` / `productName`. The server's receipt (discounts, method,
 * tenderedMinor, changeMinor, at, status, refundedMinor) is read too.
 */
import { h } from './dom.js';
import { t } from './i18n.js';
import { formatMoney, formatDateTime, formatVat } from './format.js';

export function receiptView(source, { currency = 'PLN', zone = 'Europe/Warsaw', lang = 'en' } = {}) {
	const receipt = normalize(source);
	const money = (minor) => formatMoney(minor, receipt.currency ?? currency, lang);
	zone = receipt.zone ?? zone;
	const names = receipt.names ?? {};
	const nameOf = (line) => line.name ?? line.productName ?? names[line.productId] ?? `#${line.productId}`;
	const row = (label, value, cls) => h('div', { class: `receipt-row ${cls ?? ''}` }, h('dt', {}, label), h('dd', {}, value));
	const payment = receipt.payment ?? {};
	const paymentRows = [row(t('receipt.paidBy'), t(`payment.method.${payment.method}`))];
	if (payment.method === 'CASH') {
		if (payment.tenderedMinor !== undefined && payment.tenderedMinor !== null) paymentRows.push(row(t('receipt.tendered'), money(payment.tenderedMinor)));
		if (payment.changeMinor !== undefined && payment.changeMinor !== null) paymentRows.push(row(t('receipt.change'), money(payment.changeMinor), 'strong'));
	} else if (payment.method === 'CARD' && (payment.terminalReference ?? payment.reference)) {
		paymentRows.push(row(t('receipt.terminalReference'), payment.terminalReference ?? payment.reference));
	} else if (payment.method === 'GATEWAY' && payment.reference) {
		paymentRows.push(row(t('receipt.gatewayReference'), payment.reference));
	}
	const refunds = receipt.refunds ?? [];
	return h('article', { class: 'receipt', 'aria-label': t('receipt.title') },
		h('header', { class: 'receipt-head' },
			receipt.standName ? h('p', { class: 'receipt-stand' }, receipt.standName) : null,
			receipt.placeName ? h('p', { class: 'small' }, receipt.placeName) : null,
			receipt.occurredAt ? h('p', { class: 'small' }, formatDateTime(receipt.occurredAt, zone, lang)) : null,
			receipt.saleId ? h('p', { class: 'small muted receipt-id' }, t('receipt.number', { id: String(receipt.saleId).slice(-12) })) : null),
		receipt.voided ? h('p', { class: 'badge closed receipt-void' }, receipt.voided.reason ? t('receipt.voided', { reason: receipt.voided.reason }) : t('receipt.voidedPlain')) : null,
		h('table', { class: 'receipt-lines' },
			h('caption', { class: 'visually-hidden' }, t('receipt.lines')),
			h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('receipt.item')), h('th', { scope: 'col', class: 'num' }, t('receipt.amount')))),
			h('tbody', {}, (receipt.lines ?? []).map((line) => h('tr', {},
				h('td', {}, h('span', { class: 'receipt-item' }, `${line.quantity} × ${nameOf(line)}`),
					h('span', { class: 'small muted' }, ` ${money(line.unitPriceMinor)}`),
					line.discountMinor ? h('span', { class: 'small receipt-line-discount' }, ` −${money(line.discountMinor)}`) : null),
				h('td', { class: 'num' }, money(line.totalMinor)))))),
		(receipt.applied ?? []).length ? h('ul', { class: 'receipt-discounts', 'aria-label': t('receipt.discounts') },
			receipt.applied.map((a) => h('li', {}, h('span', {}, a.reason), h('span', { class: 'num' }, `−${money(a.amountMinor)}`)))) : null,
		h('dl', { class: 'receipt-totals' },
			row(t('receipt.subtotal'), money(receipt.subtotalMinor)),
			receipt.discountMinor ? row(t('receipt.discount'), `−${money(receipt.discountMinor)}`) : null,
			row(t('receipt.total'), money(receipt.totalMinor), 'total')),
		h('table', { class: 'receipt-vat' },
			h('caption', {}, t('receipt.vat')),
			h('thead', {}, h('tr', {}, ['rate', 'net', 'tax', 'gross'].map((k) => h('th', { scope: 'col', class: k === 'rate' ? '' : 'num' }, t(`receipt.vat.${k}`))))),
			h('tbody', {}, (receipt.vat ?? []).map((v) => h('tr', {},
				h('td', {}, formatVat(v.rateBp, lang)), h('td', { class: 'num' }, money(v.netMinor)),
				h('td', { class: 'num' }, money(v.vatMinor)), h('td', { class: 'num' }, money(v.grossMinor)))))),
		h('dl', { class: 'receipt-payment' }, paymentRows),
		refunds.length ? h('ul', { class: 'receipt-refunds', 'aria-label': t('receipt.refunds') }, refunds.map((r) => h('li', {},
			r.reason ? t('receipt.refunded', { amount: money(r.amountMinor), reason: r.reason }) : t('receipt.refundedTotal', { amount: money(r.amountMinor) })))) : null);
}

/** The server's receipt shape in the phone's terms. */
function normalize(r) {
	return {
		...r,
		applied: r.applied ?? r.discounts ?? [],
		payment: r.payment ?? { method: r.method, tenderedMinor: r.tenderedMinor, changeMinor: r.changeMinor },
		occurredAt: r.occurredAt ?? r.at,
		refunds: r.refunds ?? (r.refundedMinor ? [{ amountMinor: r.refundedMinor }] : []),
		voided: r.voided ?? (r.status === 'VOIDED' ? {} : null),
	};
}
