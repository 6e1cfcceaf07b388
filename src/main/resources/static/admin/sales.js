/**
 * Sales (owner, manager): one day's sales of a stand (or of every stand) with totals by payment method, the sales
 * whose phone total differs from the server's re-pricing and why, each sale's lines and discounts, and the stand's
 * shifts of that day with their Z reports (expected against counted cash). The choice lives in the hash
 * (#/sales?stand=12&date=2026-06-10&mismatches=1) so a view can be bookmarked or sent on.
 */
import { h, replace, nextId } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { api } from '../common/api.js';
import { field } from '../common/forms.js';
import {
	formatMoney, formatTime, formatDateTime, formatDate, formatPercent, todayIn, addDays, zonedInstant,
} from '../common/format.js';

const METHODS = ['CASH', 'CARD', 'GATEWAY'];
const SALE_LIMIT = 5000;
const SHIFT_LIMIT = 100;
const STATUS_BADGES = { COMPLETED: 'open', PARTIALLY_REFUNDED: 'warn', REFUNDED: 'warn', VOIDED: 'closed' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A toggle button that shows and hides the row it controls. */
function expander(label, name, detailRow) {
	detailRow.id ||= nextId('detail');
	detailRow.hidden = true;
	const button = h('button', { type: 'button', class: 'small', 'aria-expanded': 'false', 'aria-controls': detailRow.id, 'aria-label': name }, label);
	button.addEventListener('click', () => {
		const open = button.getAttribute('aria-expanded') !== 'true';
		button.setAttribute('aria-expanded', String(open));
		detailRow.hidden = !open;
	});
	return button;
}

const fact = (key, value, attrs = {}) => [h('dt', attrs, t(key)), h('dd', attrs, value)];

/** Counted minus expected cash: short (missing), over, or balanced; a word and a sign as well as a colour. */
function varianceBadge(minor, money) {
	if (minor === null || minor === undefined) return h('span', { class: 'muted' }, '—');
	if (minor === 0) return h('span', { class: 'badge open variance' }, h('span', { 'aria-hidden': 'true' }, '✓ '), t('admin.sales.variance.balanced'));
	const short = minor < 0;
	return h('span', { class: `badge ${short ? 'closed' : 'warn'} variance` },
		h('span', { 'aria-hidden': 'true' }, short ? '▼ ' : '▲ '),
		t(short ? 'admin.sales.variance.short' : 'admin.sales.variance.over', { amount: money(Math.abs(minor)) }));
}

/** The day's figures: the same arithmetic as the Z report (voided sales count apart, refunds subtracted). */
function totalsOf(sales) {
	const totals = { count: 0, voided: 0, grossMinor: 0, discountMinor: 0, refundedMinor: 0, mismatches: 0, byMethod: Object.fromEntries(METHODS.map((m) => [m, 0])) };
	for (const sale of sales) {
		if (sale.priceMismatch) totals.mismatches += 1;
		if (sale.status === 'VOIDED') {
			totals.voided += 1;
			continue;
		}
		totals.count += 1;
		totals.grossMinor += sale.totalMinor;
		totals.discountMinor += sale.discountMinor;
		totals.refundedMinor += sale.refundedMinor;
		totals.byMethod[sale.payment.method] = (totals.byMethod[sale.payment.method] ?? 0) + sale.totalMinor;
	}
	return totals;
}

/** #/sales?stand=&date=&mismatches= */
export async function list(container, ctx, queryString) {
	const { zone, currency } = ctx.settings;
	const money = (minor, cur = currency) => formatMoney(minor, cur, lang());
	const params = new URLSearchParams(queryString ?? '');
	const stands = (await api('/api/v1/stands')).sort((a, b) => a.code.localeCompare(b.code));
	const standsById = new Map(stands.map((s) => [s.id, s]));
	const today = todayIn(zone);

	const standSelect = h('select', { name: 'stand' }, h('option', { value: '' }, t('admin.sales.allStands')),
		stands.map((s) => h('option', { value: s.id, selected: String(s.id) === params.get('stand') },
			`${s.code} · ${s.name}${s.active ? '' : ` (${t('common.archived')})`}`)));
	const date = h('input', { type: 'date', name: 'date', max: today, value: ISO_DATE.test(params.get('date') ?? '') ? params.get('date') : today });
	const mismatchesOnly = h('input', { type: 'checkbox', id: nextId('cb'), checked: params.get('mismatches') === '1' });
	const mismatchText = h('span', {}, t('admin.sales.mismatchesOnly'));
	const heading = h('p', { class: 'muted' });
	const totalsEl = h('dl', { class: 'totals' });
	const salesTable = h('table', { class: 'sales' });
	const salesNote = h('p', { class: 'muted small' });
	const shiftsSection = h('section', { 'aria-labelledby': 'shifts-h' });
	let sales = [];

	const remember = () => {
		const q = new URLSearchParams();
		if (standSelect.value) q.set('stand', standSelect.value);
		q.set('date', date.value || today);
		if (mismatchesOnly.checked) q.set('mismatches', '1');
		history.replaceState(null, '', `#/sales?${q}`);
	};

	function saleBody(sale) {
		const stand = standsById.get(sale.standId);
		const time = formatTime(sale.correctedAt, zone, lang());
		const cur = sale.currency || currency;
		const all = !standSelect.value;
		const columns = all ? 8 : 7;
		const detail = h('tr', { class: 'sale-detail' }, h('td', { colspan: columns }, saleDetail(sale, cur)));
		const toggle = expander(t('admin.sales.details'), t('admin.sales.detailsOf', { time, total: money(sale.totalMinor, cur) }), detail);
		return h('tbody', { class: 'sale' },
			h('tr', { class: sale.status === 'VOIDED' ? 'archived' : '', dataset: { saleId: sale.id, mismatch: String(sale.priceMismatch) } },
				h('td', {}, h('time', { datetime: sale.correctedAt }, time)),
				all ? h('td', {}, stand?.code ?? `#${sale.standId}`) : null,
				h('td', { class: 'small' }, sale.lines.map((l) => t('admin.sales.lineSummary', { quantity: l.quantity, name: l.name })).join(', ')),
				h('td', {}, t(`payment.method.${sale.payment.method}`)),
				h('td', { class: 'num phone-total' }, money(sale.totalMinor, cur)),
				h('td', { class: 'num server-total' }, sale.priceMismatch
					? [h('span', { class: 'badge warn' }, h('span', { 'aria-hidden': 'true' }, '≠ '), t('admin.sales.priceDiffers')), ' ',
						h('strong', {}, sale.repricedTotalMinor == null ? '—' : money(sale.repricedTotalMinor, cur)),
						sale.mismatchReason ? h('div', { class: 'small mismatch-reason' }, sale.mismatchReason) : null]
					: h('span', { class: 'muted' }, '—')),
				h('td', {}, h('span', { class: `badge ${STATUS_BADGES[sale.status] ?? ''}` }, t(`admin.sales.status.${sale.status}`)),
					sale.refundedMinor ? h('div', { class: 'small' }, t('admin.sales.refunded', { amount: money(sale.refundedMinor, cur) })) : null),
				h('td', {}, toggle)),
			detail);
	}

	function saleDetail(sale, cur) {
		const payment = sale.payment;
		return h('div', { class: 'sale-detail-body' },
			h('table', { class: 'sale-lines' },
				h('caption', { class: 'visually-hidden' }, t('admin.sales.linesOf', { time: formatTime(sale.correctedAt, zone, lang()) })),
				h('thead', {}, h('tr', {}, ['product', 'quantity', 'unitPrice', 'discount', 'total', 'vat'].map((c) =>
					h('th', { scope: 'col', class: c === 'product' ? '' : 'num' }, t(`admin.sales.line.${c}`))))),
				h('tbody', {}, sale.lines.map((l) => h('tr', {},
					h('td', {}, l.name),
					h('td', { class: 'num' }, String(l.quantity)),
					h('td', { class: 'num' }, money(l.unitPriceMinor, cur)),
					h('td', { class: 'num' }, l.discountMinor ? `−${money(l.discountMinor, cur)}` : '—'),
					h('td', { class: 'num' }, money(l.totalMinor, cur)),
					h('td', { class: 'num' }, formatPercent(l.vatRateBp, lang())))))),
			h('div', { class: 'grid-2' },
				h('div', {},
					h('h3', {}, t('admin.sales.discounts')),
					sale.discounts.length
						? h('ul', { class: 'applied' }, sale.discounts.map((d) => h('li', {}, h('span', {}, d.reason || t('admin.sales.discount')), h('span', {}, `−${money(d.amountMinor, cur)}`))))
						: h('p', { class: 'muted' }, t('admin.sales.noDiscounts')),
					sale.codes?.length ? h('p', { class: 'small' }, t('admin.sales.codes', { codes: sale.codes.join(', ') })) : null),
				h('dl', { class: 'facts' },
					fact('admin.sales.subtotal', money(sale.subtotalMinor, cur)),
					fact('admin.sales.discount', sale.discountMinor ? `−${money(sale.discountMinor, cur)}` : '—'),
					fact('admin.sales.phoneTotal', money(sale.totalMinor, cur)),
					sale.repricedTotalMinor == null ? null : fact('admin.sales.serverTotal', money(sale.repricedTotalMinor, cur)),
					sale.priceMismatch && sale.mismatchReason ? fact('admin.sales.mismatchReason', sale.mismatchReason) : null,
					fact('admin.sales.payment', [t(`payment.method.${payment.method}`),
						payment.tenderedMinor == null ? null : ` · ${t('admin.sales.tendered', { amount: money(payment.tenderedMinor, cur) })}`,
						payment.changeMinor == null ? null : ` · ${t('admin.sales.change', { amount: money(payment.changeMinor, cur) })}`,
						payment.reference ? ` · ${payment.reference}` : null]),
					fact('admin.sales.phoneTime', formatDateTime(sale.occurredAt, zone, lang())),
					fact('admin.sales.receivedAt', formatDateTime(sale.receivedAt, zone, lang())),
					fact('admin.sales.saleId', h('code', { class: 'small' }, sale.id)))));
	}

	function drawSales() {
		const shown = mismatchesOnly.checked ? sales.filter((s) => s.priceMismatch) : sales;
		const totals = totalsOf(sales);
		const all = !standSelect.value;
		const standName = all ? t('admin.sales.allStands') : (() => {
			const s = standsById.get(Number(standSelect.value));
			return `${s.code} · ${s.name}`;
		})();
		heading.textContent = t('admin.sales.heading', { stand: standName, date: formatDate(date.value || today, lang()) });
		mismatchText.textContent = t('admin.sales.mismatchesOnlyCount', { count: totals.mismatches });
		replace(totalsEl,
			fact('figures.count', String(totals.count)),
			fact('figures.total', money(totals.grossMinor), { class: 'total' }),
			METHODS.map((m) => fact(`figures.method.${m}`, money(totals.byMethod[m]), { dataset: { method: m } })),
			fact('figures.discounts', money(totals.discountMinor)),
			fact('figures.refunds', money(totals.refundedMinor)),
			fact('figures.net', money(totals.grossMinor - totals.refundedMinor), { class: 'total' }),
			totals.voided ? fact('figures.voided', String(totals.voided)) : null);
		salesNote.textContent = sales.length >= SALE_LIMIT
			? t('admin.sales.limited', { count: sales.length })
			: t(mismatchesOnly.checked ? 'admin.sales.countMismatches' : 'admin.sales.count', { count: shown.length });
		const columns = ['time', all ? 'stand' : null, 'items', 'payment', 'phoneTotal', 'serverTotal', 'status', 'details'].filter(Boolean);
		replace(salesTable,
			h('caption', { class: 'visually-hidden' }, heading.textContent),
			h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.endsWith('Total') ? 'num' : '' }, t(`admin.sales.col.${c}`))))),
			shown.length ? shown.map(saleBody)
				: h('tbody', {}, h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, t(mismatchesOnly.checked ? 'admin.sales.noMismatches' : 'admin.sales.none')))));
	}

	/** The stand's shifts that were open at some time of the day, each with its Z report (so far, while open). */
	async function shiftsOf(standId, day) {
		const start = Date.parse(zonedInstant(`${day}T00:00`, zone));
		const end = Date.parse(zonedInstant(`${addDays(day, 1)}T00:00`, zone));
		const all = await api(`/api/v1/stands/${standId}/shifts?limit=${SHIFT_LIMIT}`);
		const ofDay = all.filter((s) => Date.parse(s.openedAt) < end && (!s.closedAt || Date.parse(s.closedAt) >= start));
		const reports = await Promise.all(ofDay.map((s) => s.report ?? api(`/api/v1/shifts/${s.id}/report`)));
		return ofDay.map((shift, i) => ({ shift, z: reports[i] }));
	}

	function drawShifts(shifts) {
		if (!shifts) {
			replace(shiftsSection, h('h2', { id: 'shifts-h' }, t('admin.sales.shifts')), h('p', { class: 'muted' }, t('admin.sales.shiftsChooseStand')));
			return;
		}
		const rows = shifts.map(({ shift, z }) => {
			const detail = h('tr', { class: 'shift-detail' }, h('td', { colspan: 8 }, zReport(z)));
			const opened = formatDateTime(shift.openedAt, zone, lang());
			return h('tbody', { class: 'shift' },
				h('tr', { dataset: { shiftId: shift.id } },
					h('td', {}, h('time', { datetime: shift.openedAt }, opened)),
					h('td', {}, shift.closedAt ? h('time', { datetime: shift.closedAt }, formatDateTime(shift.closedAt, zone, lang()))
						: h('span', { class: 'badge open' }, t('admin.sales.shiftOpen'))),
					h('td', { class: 'num' }, String(z.salesCount)),
					h('td', { class: 'num' }, money(z.grossMinor)),
					h('td', { class: 'num' }, money(z.expectedCashMinor)),
					h('td', { class: 'num' }, z.countedCashMinor == null ? '—' : money(z.countedCashMinor)),
					h('td', { class: 'num' }, varianceBadge(z.varianceMinor, money)),
					h('td', {}, expander(t('admin.sales.zReport'), t('admin.sales.zReportOf', { opened }), detail))),
				detail);
		});
		replace(shiftsSection,
			h('h2', { id: 'shifts-h' }, t('admin.sales.shifts')),
			h('p', { class: 'hint' }, t('admin.sales.shiftsHint')),
			h('div', { class: 'card table-wrap' }, h('table', { class: 'shifts' },
				h('thead', {}, h('tr', {}, ['opened', 'closed', 'sales', 'gross', 'expected', 'counted', 'variance', 'report'].map((c) =>
					h('th', { scope: 'col', class: ['sales', 'gross', 'expected', 'counted', 'variance'].includes(c) ? 'num' : '' }, t(`admin.sales.shift.${c}`))))),
				rows.length ? rows : h('tbody', {}, h('tr', {}, h('td', { colspan: 8, class: 'muted' }, t('admin.sales.noShifts')))))));
	}

	function zReport(z) {
		return h('dl', { class: 'totals z-report' },
			fact('figures.count', String(z.salesCount)),
			fact('figures.total', money(z.grossMinor), { class: 'total' }),
			METHODS.map((m) => fact(`figures.method.${m}`, money(z.byMethod?.[m] ?? 0))),
			fact('figures.discounts', money(z.discountsMinor)),
			fact('figures.refunds', money(z.refundsMinor)),
			z.cashRefundsMinor ? fact('figures.cashRefunds', money(z.cashRefundsMinor)) : null,
			z.voidedCount ? fact('figures.voided', String(z.voidedCount)) : null,
			fact('figures.float', money(z.floatMinor)),
			fact('figures.expectedCash', money(z.expectedCashMinor), { class: 'total' }),
			fact('figures.countedCash', z.countedCashMinor == null ? t('admin.sales.notCounted') : money(z.countedCashMinor)),
			fact('figures.variance', varianceBadge(z.varianceMinor, money)));
	}

	let generation = 0;
	/** Reads the chosen day; an answer that arrives after a newer choice was made is dropped. */
	async function load() {
		const mine = ++generation;
		const day = date.value || today;
		const stand = standSelect.value;
		const q = new URLSearchParams({ from: day, to: day, limit: String(SALE_LIMIT) });
		if (stand) q.set('standId', stand);
		const [found, shifts] = await Promise.all([api(`/api/v1/sales?${q}`), stand ? shiftsOf(stand, day) : null]);
		if (mine !== generation) return;
		sales = found;
		drawSales();
		drawShifts(shifts);
	}
	const reload = () => {
		remember();
		load().catch((e) => ctx.fail(e));
	};
	standSelect.addEventListener('change', reload);
	date.addEventListener('change', () => {
		if (ISO_DATE.test(date.value)) reload();
	});
	mismatchesOnly.addEventListener('change', () => {
		remember();
		drawSales();
	});

	replace(container,
		h('div', { class: 'view-head' }, h('h1', { tabindex: '-1' }, t('admin.sales.title')),
			h('button', { type: 'button', onclick: reload }, t('common.refresh'))),
		h('div', { class: 'filters' },
			field(t('admin.sales.stand'), standSelect),
			field(t('admin.sales.date'), date),
			h('div', { class: 'check' }, h('label', { for: mismatchesOnly.id }, mismatchesOnly, mismatchText))),
		heading,
		h('div', { class: 'sales-layout' },
			h('section', { class: 'card', 'aria-labelledby': 'totals-h' }, h('h2', { id: 'totals-h' }, t('admin.sales.totals')), totalsEl),
			h('section', { 'aria-labelledby': 'sales-h' },
				h('h2', { id: 'sales-h', class: 'visually-hidden' }, t('admin.sales.list')),
				salesNote,
				h('div', { class: 'card table-wrap' }, salesTable))),
		shiftsSection);
	remember();
	await load();
}
