/**
 * Online orders (office): the newest orders of every stand or one, by status, with what was ordered, how the stand
 * answered (automatically, in the app, by text) and, on a row, every change of its status with who made it.
 */
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { api } from '../common/api.js';
import { field } from '../common/forms.js';
import { formatDateTime, formatMoney } from '../common/format.js';

const STATUSES = ['', 'PLACED', 'PAID', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP', 'REJECTED', 'CANCELLED', 'EXPIRED', 'REFUNDED'];

/** #/orders */
export async function list(container, ctx) {
	const stands = await api('/api/v1/stands');
	const stand = h('select', { id: 'orders-stand' }, h('option', { value: '' }, t('admin.orders.allStands')),
		stands.map((s) => h('option', { value: s.id }, `${s.code} · ${s.name}`)));
	const status = h('select', { id: 'orders-status' }, STATUSES.map((s) => h('option', { value: s }, s ? t(`order.status.${s}`) : t('admin.orders.allStatuses'))));
	const tbody = h('tbody');
	const summary = h('p', { class: 'muted' });
	const when = (instant) => (instant ? formatDateTime(instant, ctx.settings.zone, lang()) : '');

	async function details(order, row) {
		const full = await api(`/api/v1/orders/${order.id}`);
		const next = row.nextElementSibling;
		if (next?.classList.contains('order-history')) {
			next.remove();
			return;
		}
		row.after(h('tr', { class: 'order-history' }, h('td', { colspan: 7 },
			h('ol', {}, full.history.map((c) => h('li', {},
				h('time', { datetime: c.at }, when(c.at)), ' ', h('strong', {}, t(`order.status.${c.status}`)), ` · ${c.actor}`,
				c.reason ? ` · ${c.reason}` : ''))))));
	}

	async function load() {
		const query = new URLSearchParams({ limit: '200' });
		if (stand.value) query.set('standId', stand.value);
		if (status.value) query.set('status', status.value);
		const orders = await api(`/api/v1/orders?${query}`);
		const total = orders.filter((o) => ['PAID', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP'].includes(o.status))
			.reduce((sum, o) => sum + o.totalMinor, 0);
		summary.textContent = t('admin.orders.count', { count: orders.length, total: formatMoney(total, ctx.settings.currency, lang()) });
		replace(tbody, orders.length ? orders.map((o) => {
			const row = h('tr', { dataset: { orderId: o.id, status: o.status } },
				h('td', {}, h('time', { datetime: o.placedAt }, when(o.placedAt))),
				h('td', {}, h('button', { type: 'button', class: 'link-like', 'aria-label': t('admin.orders.history', { number: o.number }) }, o.number)),
				h('td', {}, o.standName),
				h('td', {}, o.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')),
				h('td', { class: 'num' }, formatMoney(o.totalMinor, o.currency, lang())),
				h('td', {}, t(`order.status.${o.status}`)),
				h('td', {}, o.way ? t(`admin.orders.way.${o.way}`) : ''));
			row.querySelector('button').addEventListener('click', () => details(o, row).catch((e) => ctx.fail(e)));
			return row;
		}) : h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t('admin.orders.empty'))));
	}
	const reload = () => load().catch((e) => ctx.fail(e));
	stand.addEventListener('change', reload);
	status.addEventListener('change', reload);

	replace(container,
		h('div', { class: 'view-head' }, h('h1', { tabindex: '-1' }, t('admin.orders.title')),
			h('button', { type: 'button', onclick: reload }, t('common.refresh'))),
		h('div', { class: 'filters' }, field(t('admin.orders.stand'), stand), field(t('admin.orders.status'), status)),
		summary,
		h('div', { class: 'card table-wrap' }, h('table', { id: 'orders' },
			h('thead', {}, h('tr', {}, ['placed', 'number', 'stand', 'items', 'total', 'status', 'way'].map((c) => h('th', { scope: 'col' }, t(`admin.orders.col.${c}`))))),
			tbody)));
	await load();
}
