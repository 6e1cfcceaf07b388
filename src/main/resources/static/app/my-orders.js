/**
 * The orders this phone knows: every order placed here is remembered in localStorage with its access key (a
 * guest has no account, so the key is the only way back to the order), and a signed-in customer's history comes
 * from GET /orders/mine. #/orders lists both; `orderAccess` says how to ask for one order (key or token).
 */
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { api } from '../common/api.js';
import { problemMessage } from '../common/forms.js';
import { formatMoney, formatRecent } from '../common/format.js';
import { signedIn } from './account.js';

const KEY = 'diggety.customer.orders';
const KEEP = 50;
const REFRESH = 10; // remembered orders whose status the list asks for

/** The remembered orders, newest first: [{id, accessKey, guest, number, standName, totalMinor, currency, placedAt, status}]. */
export function rememberedOrders() {
	try {
		const list = JSON.parse(localStorage.getItem(KEY));
		return Array.isArray(list) ? list.filter((o) => o && o.id) : [];
	} catch {
		return [];
	}
}

function save(list) {
	localStorage.setItem(KEY, JSON.stringify(list.slice(0, KEEP)));
}

const summary = (order) => ({
	number: order.number ?? null, standName: order.standName ?? null, totalMinor: order.totalMinor ?? null,
	currency: order.currency ?? null, placedAt: order.placedAt ?? null, status: order.status ?? null,
});

/** Remembers a placed order (the 201 answer, which carries `accessKey`). */
export function remember(order, { guest }) {
	const others = rememberedOrders().filter((o) => o.id !== order.id);
	save([{ id: order.id, accessKey: order.accessKey ?? null, guest, ...summary(order) }, ...others]);
}

/** Keeps the remembered summary in step with a fetched order (status, number). */
export function refreshRemembered(order) {
	const list = rememberedOrders();
	const found = list.find((o) => o.id === order.id);
	if (!found) return;
	Object.assign(found, summary(order));
	save(list);
}

/**
 * How to ask for order `id`: {key} for a guest order remembered here (header X-Order-Key, live channel
 * ?order=&key=), {token: true} for a signed-in customer's own order, null when this phone has no way in.
 */
export function orderAccess(id) {
	const known = rememberedOrders().find((o) => o.id === id);
	if (known?.accessKey && (known.guest || !signedIn())) return { key: known.accessKey };
	if (signedIn()) return { token: true };
	if (known?.accessKey) return { key: known.accessKey };
	return null;
}

/** The api() options for order `id`: the guest key instead of a token, or the customer's bearer token. */
export function requestOptions(id) {
	const access = orderAccess(id);
	return access?.key ? { token: null, headers: { 'X-Order-Key': access.key } } : {};
}

const FINISHED = new Set(['PICKED_UP', 'REJECTED', 'CANCELLED', 'EXPIRED', 'REFUNDED']);

function orderCard(order, settings) {
	const money = order.totalMinor === null || order.totalMinor === undefined ? '' : formatMoney(order.totalMinor, order.currency ?? settings.currency, lang());
	return h('li', {},
		h('a', { class: 'stand-card order-link', href: `#/orders/${order.id}`, dataset: { orderId: order.id, status: order.status ?? '' } },
			h('span', { class: 'stand-name' }, order.number ? t('order.numberShort', { number: order.number }) : t('order.title')),
			h('span', { class: 'stand-distance' }, money),
			order.standName ? h('span', { class: 'stand-place' }, order.standName) : null,
			h('span', { class: 'stand-state' },
				order.status ? h('span', { class: `badge ${FINISHED.has(order.status) ? '' : 'open'}` }, t(`order.status.${order.status}`)) : null, ' ',
				order.placedAt ? h('span', { class: 'muted small' }, formatRecent(order.placedAt, settings.zone, lang())) : null)));
}

/** #/orders: the signed-in customer's history and the orders placed on this phone. */
export async function renderHistory(container, settings) {
	const list = h('ul', { class: 'list', id: 'order-history', 'aria-busy': 'true' });
	const note = h('p', { class: 'muted' });
	replace(container, h('h1', { tabindex: '-1' }, t('orders.title')), note, list);
	container.querySelector('h1').focus();
	let mine = [];
	let failure = null;
	if (signedIn()) {
		try {
			mine = (await api('/api/v1/orders/mine')) ?? [];
		} catch (e) {
			failure = e;
		}
	}
	const remembered = rememberedOrders().filter((o) => !mine.some((m) => m.id === o.id));
	// the newest few remembered orders get their current status; the rest show what was last seen
	await Promise.all(remembered.slice(0, REFRESH).filter((o) => o.accessKey && !FINISHED.has(o.status)).map(async (o) => {
		try {
			const fresh = await api(`/api/v1/orders/${o.id}`, { token: null, headers: { 'X-Order-Key': o.accessKey } });
			Object.assign(o, summary(fresh));
			refreshRemembered(fresh);
		} catch {
			// offline or forgotten by the server: keep what was stored
		}
	}));
	const all = [...mine, ...remembered].sort((a, b) => String(b.placedAt ?? '').localeCompare(String(a.placedAt ?? '')));
	note.textContent = failure ? problemMessage(failure) : signedIn() ? '' : t('orders.guestNote');
	replace(list, all.length ? all.map((o) => orderCard(o, settings)) : h('li', { class: 'card muted' }, t('orders.none')));
	list.setAttribute('aria-busy', 'false');
}
