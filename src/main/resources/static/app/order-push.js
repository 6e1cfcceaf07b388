/**
 * "Tell me on this phone when it's ready", on the order's page. With the customer's consent the phone subscribes
 * (common/push.js) and the server keeps the subscription for this order only (POST /orders/:id/push with the
 * guest's key or the customer's token) until the order finishes, a day at most; the service worker shows what
 * comes. The state is said plainly: on, off, blocked by the browser, or not possible here (no Web Push in this
 * browser, or its push service refused, as a browser without one does).
 */
import { h } from '../common/dom.js';
import { t } from '../common/i18n.js';
import { api } from '../common/api.js';
import { problemMessage } from '../common/forms.js';
import { pushPermission, currentSubscription, subscribeBrowser } from '../common/push.js';
import { requestOptions } from './my-orders.js';

const SCOPE = '/';
const KEY = 'diggety.customer.push';

/** The endpoint this phone gave the server per order it follows: {orderId: endpoint}. */
function followed() {
	try {
		const map = JSON.parse(localStorage.getItem(KEY));
		return map && typeof map === 'object' ? map : {};
	} catch {
		return {};
	}
}

function mark(id, endpoint) {
	const map = followed();
	if (endpoint) map[id] = endpoint;
	else delete map[id];
	localStorage.setItem(KEY, JSON.stringify(map));
}

/** Whether this phone hears about order `id` with the page closed: 'unsupported', 'blocked', 'on' or 'off'. */
async function pushState(id) {
	const permission = pushPermission();
	if (permission !== 'allowed') return permission;
	const sub = await currentSubscription(SCOPE);
	return sub && followed()[id] === sub.endpoint ? 'on' : 'off';
}

/** The order finished: the server forgot this phone for it, and so does the phone. */
export function orderFinished(id) {
	if (followed()[id]) mark(id, null);
}

/** The card for order `id`: its state and the one button that changes it. */
export function orderPushCard(id) {
	const text = h('p', { id: 'order-push-state', role: 'status' });
	const button = h('button', { type: 'button', id: 'order-push-toggle', class: 'wide' });
	const problem = h('p', { id: 'order-push-problem', class: 'field-error', role: 'alert' });
	const card = h('section', { class: 'card order-push', id: 'order-push', 'aria-labelledby': 'order-push-title' },
		h('h2', { id: 'order-push-title' }, t('order.push.title')), text, button, problem);
	let impossible = null; // why the last attempt could not work, said until the next one

	async function draw() {
		const state = impossible ? 'failed' : await pushState(id);
		card.dataset.state = state;
		text.textContent = t(`order.push.state.${state}`, { reason: impossible });
		button.hidden = state === 'unsupported' || state === 'blocked';
		button.textContent = t({ on: 'order.push.turnOff', failed: 'order.push.retry' }[state] ?? 'order.push.turnOn');
	}

	async function turnOn() {
		let subscription;
		try {
			subscription = await subscribeBrowser(SCOPE);
		} catch (e) {
			if (e.name !== 'PushError') throw e;
			if (e.kind === 'service') impossible = t('order.push.serviceFailed', { reason: e.message });
			// permission refused: 'blocked' when the browser remembers it; the prompt dismissed leaves it off
			else if (e.kind === 'blocked' && pushPermission() === 'allowed') problem.textContent = t('order.push.notAllowed');
			return;
		}
		await api(`/api/v1/orders/${encodeURIComponent(id)}/push`, { method: 'POST', body: subscription, ...requestOptions(id) });
		mark(id, subscription.endpoint);
	}

	async function turnOff() {
		const endpoint = followed()[id];
		mark(id, null);
		if (!endpoint) return;
		await api(`/api/v1/orders/${encodeURIComponent(id)}/push?endpoint=${encodeURIComponent(endpoint)}`,
			{ method: 'DELETE', ...requestOptions(id) }).catch((e) => {
			if (e.status !== 404) throw e; // 404: the server had forgotten it already
		});
	}

	button.addEventListener('click', async () => {
		const on = card.dataset.state === 'on';
		problem.textContent = '';
		impossible = null;
		button.disabled = true;
		try {
			if (on) await turnOff();
			else await turnOn().catch((e) => {
				// the server has push off, or the network is gone: not possible now, and why
				impossible = problemMessage(e);
			});
		} catch (e) {
			problem.textContent = problemMessage(e);
		} finally {
			button.disabled = false;
			await draw();
		}
	});
	draw().catch(() => {
		card.dataset.state = 'unsupported';
		text.textContent = t('order.push.state.unsupported');
		button.hidden = true;
	});
	return card;
}
