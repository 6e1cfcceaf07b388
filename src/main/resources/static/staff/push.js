/**
 * Web Push for drivers: with the driver's consent, the phone subscribes with the server's VAPID key and a low-stock
 * alert reaches it even when the app is closed (the service worker shows it). The state is always said plainly:
 * on, off, blocked by the browser, or not possible on this phone.
 */
import { h, replace } from '../common/dom.js';
import { t } from '../common/i18n.js';
import { api } from '../common/api.js';
import { pushPermission, currentSubscription, subscribeBrowser } from '../common/push.js';

const SCOPE = '/staff/';

/** What the phone is now: 'unsupported', 'blocked', 'on' or 'off'. */
export async function pushState() {
	const permission = pushPermission();
	if (permission !== 'allowed') return permission;
	return (await currentSubscription(SCOPE)) ? 'on' : 'off';
}

/** Asks for permission, subscribes and tells the server; throws an Error with a translated message when it cannot. */
export async function turnOn() {
	let subscription;
	try {
		subscription = await subscribeBrowser(SCOPE);
	} catch (e) {
		if (e.name !== 'PushError') throw e;
		throw new Error(e.kind === 'service' ? t('staff.push.serviceFailed', { reason: e.message }) : t(`staff.push.${e.kind}`));
	}
	await api('/api/v1/push/subscriptions', { method: 'POST', body: subscription });
}

export async function turnOff() {
	const sub = await currentSubscription(SCOPE);
	if (!sub) return;
	await api(`/api/v1/push/subscriptions?endpoint=${encodeURIComponent(sub.endpoint)}`, { method: 'DELETE' }).catch(() => {});
	await sub.unsubscribe();
}

/** The card on the alerts screen: the state and the one button that changes it. */
export function pushCard() {
	const text = h('p', { id: 'push-state', role: 'status' });
	const button = h('button', { type: 'button', id: 'push-toggle' });
	const problem = h('p', { id: 'push-problem', class: 'field-error', role: 'alert' });
	const card = h('section', { class: 'card push-card', 'aria-labelledby': 'push-h' },
		h('h2', { id: 'push-h' }, t('staff.push.title')), text, button, problem);

	async function draw() {
		const state = await pushState();
		card.dataset.state = state;
		text.textContent = t(`staff.push.state.${state}`);
		button.hidden = state === 'unsupported' || state === 'blocked';
		button.textContent = t(state === 'on' ? 'staff.push.turnOff' : 'staff.push.turnOn');
	}

	button.addEventListener('click', async () => {
		problem.textContent = '';
		button.disabled = true;
		try {
			if (card.dataset.state === 'on') await turnOff();
			else await turnOn();
		} catch (e) {
			problem.textContent = e?.message ?? String(e);
		} finally {
			button.disabled = false;
			await draw();
		}
	});
	draw().catch(() => replace(text, t('staff.push.state.unsupported')));
	return card;
}
