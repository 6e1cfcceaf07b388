/**
 * #/today: today's figures and sales from the phone's own events, newest first, with refund (amount and reason:
 * SALE_REFUNDED, paid back by the sale's payment method) and void (reason: SALE_VOIDED). Works offline.
 */
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { field, showErrors, clearErrors } from '../common/forms.js';
import { formatTime, parseMoney, minorToInput } from '../common/format.js';
import { todaysSales, todaysTotals, refundable } from './projections.js';
import { app, subscribe, recordEvent } from './store.js';
import { onStatus } from './sync.js';
import { uuidv7 } from './db.js';
import { totalsView, money } from './figures.js';

export function render(container) {
	let syncedThrough = 0;
	let open = null; // {saleId, kind: 'refund' | 'void'}
	const totalsSlot = h('div', {});
	const list = h('ul', { class: 'list sales' });

	function drawTotals() {
		replace(totalsSlot, totalsView(todaysTotals(app.projection, app.settings.zone)));
	}

	function saleItem(sale) {
		const s = sale.sale;
		const time = formatTime(sale.occurredAt, app.settings.zone, lang());
		const names = sale.local?.names ?? {};
		const what = s.lines.map((l) => `${l.quantity}× ${names[l.productId] ?? `#${l.productId}`}`).join(', ');
		const label = t('today.saleLabel', { time, amount: money(s.totalMinor) });
		const badges = [
			h('span', { class: 'badge' }, t(`payment.method.${s.payment.method}`)),
			sale.voided ? h('span', { class: 'badge closed' }, t('today.voided')) : null,
			sale.refundedMinor ? h('span', { class: 'badge warn' }, t('today.refunded', { amount: money(sale.refundedMinor) })) : null,
			sale.sequence > syncedThrough ? h('span', { class: 'badge pending' }, t('today.notSynced')) : null,
		];
		const item = h('li', { class: 'card sale', dataset: { saleId: sale.saleId } },
			h('div', { class: 'row between' }, h('strong', {}, time), h('strong', { class: 'sale-total' }, money(s.totalMinor))),
			h('p', { class: 'small' }, what),
			s.applied.length ? h('p', { class: 'small muted' }, s.applied.map((a) => a.reason).join(' · ')) : null,
			h('p', { class: 'row' }, badges),
			h('div', { class: 'actions' },
				h('a', { class: 'button small', href: `#/receipt/${sale.saleId}`, 'aria-label': t('today.receiptOf', { sale: label }) }, t('today.receipt')),
				refundable(sale) > 0 ? h('button', { type: 'button', class: 'small', 'aria-label': t('today.refundOf', { sale: label }),
					'aria-expanded': String(open?.saleId === sale.saleId && open.kind === 'refund'),
					onclick: () => toggle(sale.saleId, 'refund') }, t('today.refund')) : null,
				!sale.voided ? h('button', { type: 'button', class: 'small danger', 'aria-label': t('today.voidOf', { sale: label }),
					'aria-expanded': String(open?.saleId === sale.saleId && open.kind === 'void'),
					onclick: () => toggle(sale.saleId, 'void') }, t('today.void')) : null));
		if (open?.saleId === sale.saleId) item.append(open.kind === 'refund' ? refundForm(sale) : voidForm(sale));
		return item;
	}

	function refundForm(sale) {
		const { currency } = app.settings;
		const max = refundable(sale);
		const amount = h('input', { name: 'amount', type: 'text', inputmode: 'decimal', autocomplete: 'off', value: minorToInput(max, currency, lang()) });
		const reason = h('input', { name: 'reason', type: 'text', autocomplete: 'off', maxlength: '200' });
		const form = h('form', { class: 'inline-form', novalidate: true },
			field(t('today.refundAmount'), amount, t('today.refundMax', { amount: money(max) })),
			field(t('today.reason'), reason),
			h('div', { class: 'form-errors', role: 'alert' }),
			h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('today.recordRefund')),
				h('button', { type: 'button', onclick: () => toggle(null) }, t('common.cancel'))));
		form.addEventListener('submit', async (event) => {
			event.preventDefault();
			clearErrors(form);
			const minor = parseMoney(amount.value, currency);
			const errors = [];
			if (minor === null || minor <= 0) errors.push({ field: 'amount', message: t('today.amountInvalid') });
			else if (minor > max) errors.push({ field: 'amount', message: t('today.amountTooHigh', { amount: money(max) }) });
			if (!reason.value.trim()) errors.push({ field: 'reason', message: t('form.required') });
			if (errors.length) {
				showErrors(form, { detail: t('form.fixFields'), errors });
				return;
			}
			await submit(form, 'SALE_REFUNDED', {
				saleId: sale.saleId, refundId: uuidv7(), amountMinor: minor, reason: reason.value.trim(), method: sale.sale.payment.method,
			}, t('today.refundRecorded', { amount: money(minor) }));
		});
		queueMicrotask(() => reason.focus());
		return form;
	}

	function voidForm(sale) {
		const reason = h('input', { name: 'reason', type: 'text', autocomplete: 'off', maxlength: '200' });
		const form = h('form', { class: 'inline-form', novalidate: true },
			h('p', { class: 'small' }, t('today.voidHint')),
			field(t('today.reason'), reason),
			h('div', { class: 'form-errors', role: 'alert' }),
			h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'danger' }, t('today.voidSale')),
				h('button', { type: 'button', onclick: () => toggle(null) }, t('common.cancel'))));
		form.addEventListener('submit', async (event) => {
			event.preventDefault();
			clearErrors(form);
			if (!reason.value.trim()) {
				showErrors(form, { detail: t('form.fixFields'), errors: [{ field: 'reason', message: t('form.required') }] });
				return;
			}
			await submit(form, 'SALE_VOIDED', { saleId: sale.saleId, reason: reason.value.trim() }, t('today.voidRecorded'));
		});
		queueMicrotask(() => reason.focus());
		return form;
	}

	async function submit(form, type, payload, message) {
		try {
			open = null;
			await recordEvent(type, payload);
			announce.textContent = message;
		} catch (e) {
			showErrors(form, { detail: String(e?.message ?? e), errors: [] });
		}
	}

	function toggle(saleId, kind) {
		open = saleId && !(open?.saleId === saleId && open.kind === kind) ? { saleId, kind } : null;
		drawList();
	}

	function drawList() {
		const sales = todaysSales(app.projection, app.settings.zone);
		replace(list, sales.length ? sales.map(saleItem) : h('li', { class: 'muted' }, t('today.none')));
	}

	const announce = h('p', { class: 'visually-hidden', role: 'status' });
	replace(container,
		h('h1', { tabindex: '-1' }, t('today.title')),
		h('section', { class: 'card', 'aria-labelledby': 'today-totals-h' }, h('h2', { id: 'today-totals-h' }, t('today.totals')), totalsSlot),
		h('section', { 'aria-labelledby': 'today-sales-h' }, h('h2', { id: 'today-sales-h' }, t('today.sales')), list),
		announce);
	drawTotals();
	drawList();
	const unsubscribe = subscribe((what) => {
		if (what === 'events') {
			drawTotals();
			drawList();
		}
	});
	const unsubscribeStatus = onStatus((s) => {
		if (s.syncedThrough !== syncedThrough) {
			syncedThrough = s.syncedThrough;
			if (!open) drawList();
		}
	});
	return () => {
		unsubscribe();
		unsubscribeStatus();
	};
}
