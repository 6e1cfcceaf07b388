/**
 * #/orders/:id, where the payment page returns to: the order's number, items and total, where it is on its way
 * (placed, paid, accepted, preparing, ready, picked up; or why it stopped), when it should be ready, the pickup
 * QR once the stand accepted it, and what the customer can still do (pay again, cancel, answer a proposed
 * substitute), and, until it finishes, whether this phone tells the customer with the page closed (order-push.js).
 * Changes arrive on the live channel; while that is closed the page asks every 5 s.
 */
import { h, replace } from '../common/dom.js';
import { t, has, lang } from '../common/i18n.js';
import { api, getToken } from '../common/api.js';
import { problemMessage } from '../common/forms.js';
import { formatMoney, formatWhen, formatRecent } from '../common/format.js';
import { qrElement } from '../common/qr.js';
import { orderAccess, requestOptions, refreshRemembered } from './my-orders.js';
import { orderPushCard, orderFinished } from './order-push.js';

export const STEPS = ['PLACED', 'PAID', 'ACCEPTED', 'PREPARING', 'READY', 'PICKED_UP'];
const STOPPED = new Set(['REJECTED', 'CANCELLED', 'EXPIRED', 'REFUNDED']);
/** No further change comes for these: the page stops listening. */
/** Nothing more will happen to an order in these; a paid order that ended still waits for its refund. */
const ENDED = new Set(['REJECTED', 'CANCELLED', 'EXPIRED']);
const FINAL = { has: (status, paid) => status === 'PICKED_UP' || status === 'REFUNDED' || (ENDED.has(status) && !paid) };
const CANCELLABLE = new Set(['PLACED', 'PAID']);
const WITH_PICKUP = new Set(['ACCEPTED', 'PREPARING', 'READY']);
const POLL = 5000;
const RECONNECT = 15_000;

/** A reason from the history as words: a known key ("out-of-stock") translated, anything else as typed. */
export function reasonText(reason) {
	if (!reason) return '';
	return has(`order.reason.${reason}`) ? t(`order.reason.${reason}`) : reason;
}

/** The latest reason the history gives for a status (or for any, when none names it). */
function reasonFor(order, status) {
	const history = [...(order.history ?? [])].reverse();
	return history.find((e) => e.status === status && e.reason)?.reason ?? history.find((e) => e.reason)?.reason ?? null;
}

function steps(order, settings) {
	const reachedAt = new Map((order.history ?? []).map((e) => [e.status, e.at]));
	const stopped = STOPPED.has(order.status);
	const current = STEPS.indexOf(order.status);
	const last = stopped ? Math.max(...STEPS.map((s, i) => (reachedAt.has(s) ? i : -1))) : current;
	const items = STEPS.map((status, i) => {
		const state = i < last || (i === last && (stopped || status === 'PICKED_UP')) ? 'done' : i === last ? 'current' : 'todo';
		return h('li', { class: `step ${state}`, 'aria-current': state === 'current' ? 'step' : null, dataset: { step: status } },
			h('span', { class: 'step-name' }, t(`order.status.${status}`)),
			reachedAt.has(status) ? h('span', { class: 'step-at muted small' }, formatRecent(reachedAt.get(status), settings.zone, lang())) : null,
			h('span', { class: 'visually-hidden' }, t(`order.step.${state}`)));
	});
	if (stopped) {
		const reason = reasonText(reasonFor(order, order.status));
		items.push(h('li', { class: 'step stopped', 'aria-current': 'step', dataset: { step: order.status } },
			h('span', { class: 'step-name' }, t(`order.status.${order.status}`)),
			reason ? h('span', { class: 'step-reason', id: 'order-reason' }, reason) : null));
	}
	return h('ol', { class: 'steps', id: 'order-steps', 'aria-label': t('order.progress') }, items);
}

function pickup(order) {
	if (!order.pickupCode || !WITH_PICKUP.has(order.status)) return null;
	let qr;
	try {
		qr = qrElement(order.pickupCode, { label: t('order.pickupQrLabel', { number: order.number }), moduleSize: 6 });
	} catch {
		// too long for the encoder: the number alone still works at the stand
		qr = h('span', { class: 'muted' }, t('order.pickupNoQr'));
	}
	qr.setAttribute('id', 'pickup-qr');
	qr.setAttribute('data-code', order.pickupCode);
	return h('section', { class: 'card pickup', 'aria-labelledby': 'pickup-title' },
		h('h2', { id: 'pickup-title' }, t(order.status === 'READY' ? 'order.pickupReady' : 'order.pickupTitle')),
		h('div', { class: 'pickup-qr' }, qr),
		h('p', { class: 'pickup-number-label' }, t('order.pickupNumber')),
		h('p', { class: 'pickup-number', id: 'pickup-number' }, order.number ?? ''),
		h('p', { class: 'hint' }, t('order.pickupHint')));
}

/**
 * Draws order `id` into `container` and keeps it live; returns the cleanup (closes the socket, stops polling).
 */
export function renderOrder(container, id, settings) {
	let order = null;
	let drawnKey = null;
	let socket = null;
	let pollTimer = null;
	let reconnectTimer = null;
	let stopped = false;
	let gone = false;
	let confirmingCancel = false;
	let actionError = null;
	const liveEl = h('p', { class: 'muted small', id: 'order-live', 'aria-live': 'off' });
	let pushEl = null; // made once and moved along on each redraw, so its state and focus survive them

	const money = (minor) => formatMoney(minor, order?.currency ?? settings.currency, lang());
	const access = orderAccess(id);
	if (!access) {
		replace(container, h('section', { class: 'card' }, h('h1', { tabindex: '-1' }, t('order.title')),
			h('p', { class: 'notice', id: 'order-no-access' }, t('order.noAccess')),
			h('a', { class: 'button primary', href: '#/account' }, t('account.login'))));
		return () => {};
	}

	async function load() {
		try {
			const fresh = await api(`/api/v1/orders/${encodeURIComponent(id)}`, requestOptions(id));
			if (stopped) return;
			const first = !order;
			order = fresh;
			refreshRemembered(order);
			if (first && pollTimer && !socket && !FINAL.has(order.status, order.paidAt)) connect();
			draw();
			if (FINAL.has(order.status, order.paidAt)) quiet();
		} catch (e) {
			if (stopped) return;
			if (!order || e.status === 404 || e.status === 403) {
				replace(container, h('section', { class: 'card' }, h('h1', { tabindex: '-1' }, t('order.title')),
					h('p', { class: 'notice', id: 'order-error' }, e.status === 404 ? t('order.notFound') : problemMessage(e))));
				if (e.status === 404 || e.status === 403) {
					gone = true;
					quiet();
				}
			}
		}
	}

	async function act(work) {
		actionError = null;
		try {
			const answer = await work();
			if (answer && answer.id) order = answer;
			confirmingCancel = false;
			drawnKey = null;
			await load();
		} catch (e) {
			actionError = problemMessage(e);
			drawnKey = null;
			draw();
		}
	}

	const post = (path, body) => api(`/api/v1/orders/${encodeURIComponent(id)}/${path}`, { method: 'POST', body, ...requestOptions(id) });

	async function payAgain() {
		actionError = null;
		try {
			const { checkoutUrl } = await post('checkout');
			location.assign(checkoutUrl);
		} catch (e) {
			actionError = problemMessage(e);
			drawnKey = null;
			draw();
		}
	}

	function actions() {
		const parts = [];
		if (order.status === 'PLACED') {
			parts.push(h('button', { type: 'button', id: 'order-pay', class: 'primary wide', onclick: payAgain }, t('order.payAgain')));
		}
		if (CANCELLABLE.has(order.status)) {
			parts.push(confirmingCancel
				? h('div', { class: 'confirm', role: 'group', 'aria-label': t('order.cancelQuestion') },
					h('p', {}, t(order.status === 'PAID' ? 'order.cancelQuestionPaid' : 'order.cancelQuestion')),
					h('div', { class: 'row' },
						h('button', { type: 'button', id: 'order-cancel-confirm', class: 'danger', onclick: () => act(() => post('cancel')) }, t('order.cancelYes')),
						h('button', { type: 'button', id: 'order-cancel-keep', onclick: () => { confirmingCancel = false; drawnKey = null; draw(); } }, t('order.cancelNo'))))
				: h('button', { type: 'button', id: 'order-cancel', class: 'danger wide', onclick: () => { confirmingCancel = true; drawnKey = null; draw(); container.querySelector('#order-cancel-confirm')?.focus(); } }, t('order.cancel')));
		}
		if (!parts.length && !actionError) return null;
		return h('section', { class: 'card order-actions' }, parts,
			actionError ? h('p', { class: 'form-errors', role: 'alert', id: 'order-action-error' }, actionError) : null);
	}

	function proposal() {
		const p = order.proposal;
		if (!p) return null;
		return h('section', { class: 'card proposal', id: 'proposal', 'aria-labelledby': 'proposal-title' },
			h('h2', { id: 'proposal-title' }, t('order.proposalTitle')),
			h('p', {}, t('order.proposalText', { product: p.productName, substitute: p.substituteName })),
			h('div', { class: 'row' },
				h('button', { type: 'button', id: 'proposal-approve', class: 'primary', onclick: () => act(() => post('substitution', { approve: true })) }, t('order.proposalApprove')),
				h('button', { type: 'button', id: 'proposal-decline', onclick: () => act(() => post('substitution', { approve: false })) }, t('order.proposalDecline'))));
	}

	function draw() {
		if (!order) return;
		// redraw only on a change, so a poll does not move the focus or the screen reader
		const key = JSON.stringify(order);
		if (key === drawnKey) return;
		drawnKey = key;
		const hadFocus = container.contains(document.activeElement) ? document.activeElement.id : null;
		const status = order.status;
		const stoppedReason = STOPPED.has(status) ? reasonText(reasonFor(order, status)) : '';
		const finished = STOPPED.has(status) || status === 'PICKED_UP';
		if (finished) orderFinished(id);
		else pushEl ??= orderPushCard(id);
		replace(container,
			h('section', { class: 'card order-head', 'aria-labelledby': 'order-title' },
				h('h1', { id: 'order-title', tabindex: '-1' }, t('order.numberLabel'), ' ', h('span', { id: 'order-number' }, order.number ?? '')),
				h('p', { class: 'muted' }, order.standName ?? ''),
				h('p', { class: 'order-status-line' },
					h('span', { class: `badge status-${status.toLowerCase()}`, id: 'order-status', dataset: { status }, role: 'status' }, t(`order.status.${status}`))),
				stoppedReason ? h('p', { class: 'notice' }, t('order.stoppedBecause', { reason: stoppedReason })) : null,
				order.readyAt && !STOPPED.has(status) && status !== 'PICKED_UP'
					? h('p', { class: 'ready-at', id: 'order-ready-at' }, t('order.readyAt', { time: formatWhen(order.readyAt, settings.zone, lang()) }))
					: null,
				status === 'PAID' && order.decisionDueAt ? h('p', { class: 'muted small' }, t('order.waitingForStand')) : null,
				liveEl),
			finished ? null : pushEl,
			proposal(),
			pickup(order),
			h('section', { class: 'card', 'aria-labelledby': 'progress-title' }, h('h2', { id: 'progress-title' }, t('order.progress')), steps(order, settings)),
			h('section', { class: 'card', 'aria-labelledby': 'items-title' },
				h('h2', { id: 'items-title' }, t('order.items')),
				h('ul', { class: 'cart-lines order-items' }, (order.items ?? []).map((i) => h('li', { class: 'cart-line', dataset: { productId: String(i.productId) } },
					h('span', { class: 'cart-name' }, `${i.quantity} × ${i.name}`,
						i.substituteFor ? h('span', { class: 'muted small' }, ' ', t('order.substituteFor', { name: typeof i.substituteFor === 'object' ? i.substituteFor.name : i.substituteFor })) : null),
					h('span', { class: 'cart-amount' }, money(i.unitPriceMinor * i.quantity))))),
				h('dl', { class: 'cart-totals' },
					h('div', {}, h('dt', {}, t('cart.subtotal')), h('dd', {}, money(order.subtotalMinor ?? 0))),
					order.discountMinor ? h('div', {}, h('dt', {}, t('cart.discount')), h('dd', {}, `−${money(order.discountMinor)}`)) : null,
					h('div', { class: 'total' }, h('dt', {}, t('cart.total')), h('dd', { id: 'order-total' }, money(order.totalMinor ?? 0))))),
			actions(),
			h('p', {}, h('a', { href: '#/orders' }, t('orders.all'))));
		drawLive();
		if (hadFocus) container.querySelector(`#${CSS.escape(hadFocus)}`)?.focus();
	}

	function drawLive() {
		liveEl.textContent = FINAL.has(order?.status, order?.paidAt) ? '' : t(socket?.readyState === WebSocket.OPEN ? 'order.live' : 'order.polling');
	}

	function poll() {
		if (pollTimer || stopped) return;
		pollTimer = setInterval(load, POLL);
		drawLive();
	}

	function connect() {
		clearTimeout(reconnectTimer);
		if (stopped || typeof WebSocket === 'undefined') {
			poll();
			return;
		}
		const query = access.key
			? `order=${encodeURIComponent(id)}&key=${encodeURIComponent(access.key)}`
			: `token=${encodeURIComponent(getToken() ?? '')}`;
		let ws;
		try {
			ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?${query}`);
		} catch {
			poll();
			return;
		}
		socket = ws;
		ws.onopen = () => {
			clearInterval(pollTimer);
			pollTimer = null;
			drawLive();
			load(); // whatever changed while connecting
		};
		ws.onmessage = (m) => {
			let message;
			try {
				message = JSON.parse(m.data);
			} catch {
				return;
			}
			if (message?.type === 'order' && (!message.id || message.id === id)) load();
		};
		ws.onclose = () => {
			if (socket === ws) socket = null;
			if (stopped) return;
			poll();
			reconnectTimer = setTimeout(connect, RECONNECT);
		};
	}

	/** Stops listening: the order will not change any more, or the page is gone. */
	function quiet() {
		clearInterval(pollTimer);
		clearTimeout(reconnectTimer);
		pollTimer = null;
		const ws = socket;
		socket = null;
		if (ws) {
			ws.onclose = null;
			ws.close();
		}
		drawLive();
	}

	replace(container, h('p', { class: 'muted' }, t('common.loading')));
	load().then(() => {
		if (stopped || gone) return;
		// not reachable yet (offline after the payment page): keep asking until it is
		if (!order) poll();
		else if (!FINAL.has(order.status, order.paidAt)) connect();
		container.querySelector('h1')?.focus();
	});
	return () => {
		stopped = true;
		quiet();
	};
}
