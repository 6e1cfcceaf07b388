/**
 * #/orders: the stand's online orders. The list comes from GET /stands/{id}/orders when online and is kept in
 * localStorage, so the phone still shows it (and can hand orders over) without network. The live channel
 * (sync.js) says when an order arrives (`order-new`: the phone rings and the tab shows a badge) or changes.
 *
 * Each card moves its order on (accept, reject with a reason, preparing, ready) and can propose a substitute
 * when the stand is short. Handing over checks the customer's pickup code on the phone: the QR is signed with the
 * server's P-256 key (fetched once, kept), so a forged, expired or other stand's code is refused offline too.
 * Online a move is a POST; offline it is queued as an ORDER_MOVED event through the event store, like a sale,
 * and shown as waiting to sync until the server's list agrees.
 */
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { api } from '../common/api.js';
import { problemMessage } from '../common/forms.js';
import { formatMoney, formatTime } from '../common/format.js';
import { app, recordEvent } from './store.js';
import { onLive, liveConnected } from './sync.js';
import { cameraReads, scanWithCamera } from './camera.js';
import { StorageFullError } from './db.js';

const KEY_KEY = 'diggety.operator.pickupKey';
const listKey = () => `diggety.operator.orders.${app.device?.standId}`;
const movesKey = () => `diggety.operator.orderMoves.${app.device?.standId}`;
const REASONS = ['out-of-stock', 'too-busy', 'closing', 'other'];
/** The statuses in the order a stand moves them; a local move counts until the server's list catches up. */
const RANK = { PLACED: 0, PAID: 1, ACCEPTED: 2, PREPARING: 3, READY: 4, PICKED_UP: 5, REJECTED: 5, CANCELLED: 5, EXPIRED: 5, REFUNDED: 5 };
const HANDOVER = new Set(['ACCEPTED', 'PREPARING', 'READY']);
const KEEP_MOVES = 2 * 86_400_000;
const POLL_LIVE = 60_000;
const POLL_QUIET = 15_000;

const state = {
	orders: [], // the server's list with local moves laid over it
	fetchedAt: null,
	loading: null, // the refresh in flight
	error: null,
	fresh: new Set(), // ids announced by `order-new` not yet in the list
	problems: new Map(), // orderId -> the last refusal's message
	open: new Map(), // orderId -> 'reject' | 'propose': a form kept open across redraws
};
const listeners = new Set();
let serverOrders = [];
let started = false;

function notify() {
	drawBadge();
	for (const fn of listeners) fn();
}

// ---------------------------------------------------------------- the list, kept and fetched

/** Local moves {orderId: {to, at}}: what this phone did that the server's list may not show yet. */
function loadMoves() {
	try {
		const moves = JSON.parse(localStorage.getItem(movesKey())) ?? {};
		const since = Date.now() - KEEP_MOVES;
		return Object.fromEntries(Object.entries(moves).filter(([, m]) => Date.parse(m.at) > since));
	} catch {
		return {};
	}
}

function saveMove(orderId, to) {
	const moves = loadMoves();
	moves[orderId] = { to, at: new Date().toISOString() };
	localStorage.setItem(movesKey(), JSON.stringify(moves));
}

/** The server's orders with this phone's moves laid over those the server has not caught up with. */
function overlay(orders) {
	const moves = loadMoves();
	return orders.map((o) => {
		const move = moves[o.id];
		return move && (RANK[o.status] ?? 0) < (RANK[move.to] ?? 0) ? { ...o, status: move.to, waitingSync: true } : o;
	});
}

function setOrders(orders, fetchedAt) {
	serverOrders = orders;
	state.fetchedAt = fetchedAt;
	state.orders = overlay(orders);
	for (const id of [...state.fresh]) if (orders.some((o) => o.id === id)) state.fresh.delete(id);
	notify();
}

function loadCached() {
	try {
		const cached = JSON.parse(localStorage.getItem(listKey()));
		if (cached && Array.isArray(cached.orders)) setOrders(cached.orders, cached.fetchedAt ?? null);
	} catch {
		// nothing kept yet
	}
}

/** Fetches the stand's open orders (once at a time) and keeps them for offline. */
export function refresh() {
	if (!app.device || !navigator.onLine) return Promise.resolve();
	state.loading ??= (async () => {
		try {
			// each entry is {order, shortages}: the order with what the stand lacks to make it
			const orders = ((await api(`/api/v1/stands/${app.device.standId}/orders`)) ?? [])
				.map((entry) => (entry?.order ? { ...entry.order, shortages: entry.shortages ?? [] } : entry));
			const fetchedAt = new Date().toISOString();
			localStorage.setItem(listKey(), JSON.stringify({ fetchedAt, orders }));
			state.error = null;
			setOrders(Array.isArray(orders) ? orders : [], fetchedAt);
		} catch (e) {
			state.error = e;
			notify();
		} finally {
			state.loading = null;
		}
	})();
	return state.loading;
}

/**
 * Puts one order's new state (the answer to a move) into the list at once, ahead of the refresh that follows;
 * a finished order stays on screen until that refresh, so the operator sees what happened.
 */
function replaceOrder(order) {
	if (!order?.id) return;
	const known = serverOrders.some((o) => o.id === order.id);
	setOrders(known ? serverOrders.map((o) => (o.id === order.id ? { ...o, ...order } : o)) : [...serverOrders, order], state.fetchedAt);
}

// ---------------------------------------------------------------- ringing and the badge

let audio = null;

/** Browsers let a page make sound only after a tap: the first tap anywhere in the app prepares the speaker. */
function unlockAudio() {
	const Context = window.AudioContext ?? window.webkitAudioContext;
	if (!Context) return;
	try {
		audio ??= new Context();
		if (audio.state === 'suspended') audio.resume();
	} catch {
		audio = null;
	}
}

/** Three short rising beeps and a double buzz: loud enough at a busy stand, short enough not to annoy. */
export function ring() {
	try {
		navigator.vibrate?.([200, 100, 200]);
	} catch {
		// not allowed without a tap on some browsers
	}
	if (!audio) return;
	const start = audio.currentTime + 0.02;
	[880, 988, 1175].forEach((frequency, i) => {
		const oscillator = audio.createOscillator();
		const gain = audio.createGain();
		const at = start + i * 0.22;
		oscillator.type = 'square';
		oscillator.frequency.value = frequency;
		gain.gain.setValueAtTime(0.0001, at);
		gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
		gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
		oscillator.connect(gain).connect(audio.destination);
		oscillator.start(at);
		oscillator.stop(at + 0.18);
	});
}

/** Orders waiting for the operator's decision (paid, not yet accepted), including ones just announced. */
export function waitingCount() {
	return state.orders.filter((o) => o.status === 'PAID').length + state.fresh.size;
}

/** The badge element for the Orders tab (operator.js puts it in the tab). */
export function ordersBadge() {
	const badge = h('span', { id: 'orders-badge', class: 'tab-badge' });
	drawBadge(badge);
	return badge;
}

function drawBadge(badge = document.getElementById('orders-badge')) {
	if (!badge) return;
	const count = waitingCount();
	badge.textContent = count ? String(count) : '';
	badge.hidden = !count;
	badge.setAttribute('aria-label', count ? t('operator.orders.badge', { count }) : '');
}

/**
 * Starts listening for orders once the phone is signed in: the kept list at once, the live channel, a slow poll
 * (a quick one while the live channel is down) and a refresh when the network returns.
 */
export function startOrders() {
	loadCached();
	refresh();
	if (started) return;
	started = true;
	onLive((message) => {
		if (message?.type === 'order-new') {
			if (message.id) state.fresh.add(message.id);
			ring();
			notify();
			refresh();
		} else if (message?.type === 'order') {
			refresh();
		}
	});
	window.addEventListener('online', () => refresh());
	window.addEventListener('pointerdown', unlockAudio, { passive: true });
	window.addEventListener('keydown', unlockAudio);
	let last = Date.now();
	setInterval(() => {
		if (Date.now() - last >= (liveConnected() ? POLL_LIVE : POLL_QUIET)) {
			last = Date.now();
			refresh();
		}
	}, 5000);
}

// ---------------------------------------------------------------- moving an order

/**
 * Moves an order on: online a POST (a refusal's detail is kept for the card), offline an ORDER_MOVED event in
 * the queue and the move shown at once. Resolves to {ok, queued, already, message}.
 */
export async function move(order, to, { reason = null, pickupCode = null } = {}) {
	state.problems.delete(order.id);
	if (navigator.onLine) {
		try {
			const answer = await api(`/api/v1/orders/${encodeURIComponent(order.id)}/transitions`, { method: 'POST', body: { to, reason, pickupCode } });
			if (to === 'PICKED_UP') saveMove(order.id, to);
			replaceOrder(answer);
			refresh();
			return { ok: true, already: Boolean(answer?.already) };
		} catch (e) {
			if (e.status !== 0) {
				const message = problemMessage(e);
				state.problems.set(order.id, message);
				notify();
				return { ok: false, message };
			}
			// the network failed on the way: queue it like any offline move
		}
	}
	try {
		await recordEvent('ORDER_MOVED', { orderId: order.id, to, reason, pickupCode });
	} catch (e) {
		const message = e instanceof StorageFullError ? t('operator.alarm.storageFull') : String(e?.message ?? e);
		state.problems.set(order.id, message);
		notify();
		return { ok: false, message };
	}
	saveMove(order.id, to);
	state.orders = overlay(serverOrders);
	notify();
	return { ok: true, queued: true };
}

async function propose(order, productId, substituteProductId) {
	state.problems.delete(order.id);
	try {
		const answer = await api(`/api/v1/orders/${encodeURIComponent(order.id)}/proposal`, { method: 'POST', body: { productId, substituteProductId } });
		state.open.delete(order.id);
		replaceOrder(answer);
		refresh();
		return true;
	} catch (e) {
		state.problems.set(order.id, problemMessage(e));
		notify();
		return false;
	}
}

// ---------------------------------------------------------------- pickup codes

function bytesFromBase64(text, url = false) {
	let s = String(text).trim();
	if (url) s = s.replace(/-/g, '+').replace(/_/g, '/');
	s += '='.repeat((4 - (s.length % 4)) % 4);
	const binary = atob(s);
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function uuidOf(bytes) {
	const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const HEAD = 26; // version 1 + order id 16 + stand id 4 + expiry 4 + item count 1
const SIGNATURE = 64;

/**
 * The parts of a pickup QR text (base64url of version | order id | stand id | expiry | count | items | r||s), or
 * null when it is not one.
 */
export function decodePickup(text) {
	let bytes;
	try {
		if (!/^[A-Za-z0-9_-]+={0,2}$/.test(String(text).trim())) return null;
		bytes = bytesFromBase64(text, true);
	} catch {
		return null;
	}
	if (bytes.length < HEAD + SIGNATURE) return null;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const count = bytes[25];
	if (bytes.length !== HEAD + count * 5 + SIGNATURE) return null;
	const items = [];
	for (let i = 0; i < count; i++) items.push({ productId: view.getUint32(HEAD + i * 5), quantity: bytes[HEAD + i * 5 + 4] });
	return {
		version: bytes[0],
		orderId: uuidOf(bytes.subarray(1, 17)),
		standId: view.getUint32(17),
		expiresAt: view.getUint32(21) * 1000,
		items,
		body: bytes.slice(0, bytes.length - SIGNATURE),
		signature: bytes.slice(bytes.length - SIGNATURE),
	};
}

let keyPromise = null;

/** The server's public pickup key as a CryptoKey: kept in localStorage, fetched once when missing (or `renew`). */
async function pickupKey({ renew = false } = {}) {
	if (!crypto?.subtle) return null;
	if (renew) {
		keyPromise = null;
		localStorage.removeItem(KEY_KEY);
	}
	keyPromise ??= (async () => {
		let stored = null;
		try {
			stored = JSON.parse(localStorage.getItem(KEY_KEY));
		} catch {
			stored = null;
		}
		if (!stored?.spki && navigator.onLine) {
			stored = await api('/api/v1/orders/pickup-key', { token: null });
			localStorage.setItem(KEY_KEY, JSON.stringify(stored));
		}
		if (!stored?.spki) return null;
		return crypto.subtle.importKey('spki', bytesFromBase64(stored.spki), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
	})().catch(() => null);
	const key = await keyPromise;
	if (!key) keyPromise = null;
	return key;
}

async function signatureValid(code) {
	const check = (key) => crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, code.signature, code.body);
	const key = await pickupKey();
	if (!key) return null;
	if (await check(key)) return true;
	// the server may have changed its key since this phone kept it
	if (!navigator.onLine) return false;
	const renewed = await pickupKey({ renew: true });
	return renewed ? check(renewed) : false;
}

/** "2 × Classic dog, 1 × Cola" from the code's items, named from the order or the pulled menu. */
function itemsText(items, order) {
	const names = new Map([...(app.menu?.items ?? []).map((i) => [i.productId, i.name]), ...(order?.items ?? []).map((i) => [i.productId, i.name])]);
	return items.map((i) => `${i.quantity} × ${names.get(i.productId) ?? `#${i.productId}`}`).join(', ');
}

function collectedHere(orderId) {
	return loadMoves()[orderId]?.to === 'PICKED_UP';
}

/** The order a typed number or a scanned id names, asking the server again once when it is not in the list. */
async function findOrder(match) {
	let order = state.orders.find(match);
	if (!order && navigator.onLine) {
		await refresh();
		order = state.orders.find(match);
	}
	return order ?? null;
}

/**
 * Checks a pickup code (the QR text or the 4-digit number) and hands the order over when it is good.
 * Resolves to {ok, message}.
 */
export async function verifyPickup(text) {
	const raw = String(text ?? '').trim();
	if (!raw) return { ok: false, message: t('operator.pickup.empty') };
	let order;
	let items = null;
	if (/^\d{4}$/.test(raw)) {
		order = await findOrder((o) => String(o.number) === raw);
		if (!order) return { ok: false, message: t('operator.pickup.unknownNumber', { number: raw }) };
	} else {
		const code = decodePickup(raw);
		if (!code || code.version !== 1) return { ok: false, message: t('operator.pickup.unreadable') };
		const valid = await signatureValid(code);
		if (valid === null) return { ok: false, message: crypto?.subtle ? t('operator.pickup.noKey') : t('operator.pickup.noCrypto') };
		if (!valid) return { ok: false, message: t('operator.pickup.forged') };
		if (code.standId !== Number(app.device.standId)) return { ok: false, message: t('operator.pickup.otherStand') };
		if (code.expiresAt < Date.now()) return { ok: false, message: t('operator.pickup.expired') };
		if (collectedHere(code.orderId)) return { ok: false, message: t('operator.pickup.already') };
		order = await findOrder((o) => String(o.id).toLowerCase() === code.orderId);
		if (!order) return { ok: false, message: t('operator.pickup.notWaiting') };
		items = code.items;
	}
	if (order.status === 'PICKED_UP' || collectedHere(order.id)) return { ok: false, message: t('operator.pickup.already') };
	if (!HANDOVER.has(order.status)) {
		return { ok: false, message: t('operator.pickup.wrongStatus', { number: order.number, status: t(`operator.orders.status.${order.status}`) }) };
	}
	const result = await move(order, 'PICKED_UP', { pickupCode: raw });
	if (!result.ok) return { ok: false, message: result.message };
	if (result.already) return { ok: false, message: t('operator.pickup.already') };
	const what = itemsText(items ?? (order.items ?? []).map((i) => ({ productId: i.productId, quantity: i.quantity })), order);
	return { ok: true, message: t(result.queued ? 'operator.pickup.doneOffline' : 'operator.pickup.done', { number: order.number, items: what }) };
}

// ---------------------------------------------------------------- the screen

const waitingText = (since) => {
	const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / 60_000));
	return t('operator.orders.waiting', { minutes });
};

function shortagesPart(order) {
	if (!['PAID', 'ACCEPTED'].includes(order.status)) return null;
	const shortages = order.shortages ?? [];
	if (!shortages.length) return h('p', { class: 'can-make' }, t('operator.orders.canMake'));
	return h('ul', { class: 'shortages' }, shortages.map((s) => h('li', { class: 'shortage' },
		t('operator.orders.shortage', { missing: Math.max(0, (s.needed ?? 0) - (s.available ?? 0)), name: s.ingredientName }))));
}

export function render(container, ctx) {
	const money = (minor, currency) => formatMoney(minor, currency ?? app.settings.currency, lang());
	const zone = app.settings.zone;
	const listEl = h('ul', { class: 'order-list', 'aria-label': t('operator.orders.listLabel') });
	const infoEl = h('p', { class: 'small muted orders-info' });
	const input = h('input', {
		id: 'pickup-input', name: 'pickupCode', type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false',
		inputmode: 'text', 'aria-describedby': 'pickup-hint',
	});
	const result = h('p', { id: 'pickup-result', class: 'pickup-result', role: 'status', 'aria-live': 'polite' });
	const scanArea = h('div', { class: 'stock-scanner', hidden: true });
	const canScan = cameraReads() !== null; // BarcodeDetector, or our own QR decoder where there is none
	let stopScan = null;
	let focusNext = null; // the order whose just-opened form takes the focus
	let drawLater = false;
	const pickupForm = h('form', { class: 'card pickup-form', id: 'pickup', novalidate: true, 'aria-labelledby': 'pickup-h' },
		h('h2', { id: 'pickup-h' }, t('operator.pickup.title')),
		canScan ? h('button', { type: 'button', id: 'pickup-scan', class: 'wide', onclick: () => scan() }, t('operator.pickup.scan')) : null,
		scanArea,
		h('label', { for: 'pickup-input' }, t('operator.pickup.label')),
		h('div', { class: 'code-row' }, input, h('button', { type: 'submit', id: 'pickup-verify', class: 'primary' }, t('operator.pickup.verify'))),
		h('p', { class: 'hint', id: 'pickup-hint' }, t('operator.pickup.hint')),
		result);

	async function check(text) {
		result.textContent = t('operator.pickup.checking');
		result.dataset.result = 'checking';
		const outcome = await verifyPickup(text);
		result.textContent = outcome.message;
		result.dataset.result = outcome.ok ? 'ok' : 'refused';
		if (outcome.ok) input.value = '';
	}

	pickupForm.addEventListener('submit', (event) => {
		event.preventDefault();
		check(input.value);
	});

	async function scan() {
		stopScan?.();
		stopScan = await scanWithCamera({
			area: scanArea, formats: ['qr_code'], hint: t('operator.pickup.scanHint'), cancel: t('operator.pickup.scanCancel'),
			videoLabel: t('operator.pickup.scanVideo'),
			async onCodes([first]) {
				stopScan = null;
				input.value = first;
				await check(first);
				return true;
			},
		});
		if (!stopScan) {
			result.textContent = t('operator.pickup.scanFailed');
			result.dataset.result = 'refused';
		}
	}

	/** "Picked up" on a ready card: the hand-over needs the customer's code, so it opens the pickup check. */
	function openPickup(order) {
		pickupForm.scrollIntoView({ block: 'start' });
		result.textContent = t('operator.pickup.askFor', { number: order.number });
		result.dataset.result = 'asking';
		input.focus({ preventScroll: true });
	}

	function actionButton(action, label, onclick, cls = '') {
		return h('button', { type: 'button', class: `order-action ${cls}`.trim(), dataset: { action }, onclick }, label);
	}

	async function run(button, work) {
		const card = button.closest('.order-card');
		card?.querySelectorAll('button').forEach((b) => { b.disabled = true; });
		try {
			const outcome = await work();
			if (outcome?.queued) ctx.status(t('operator.orders.queued'));
			else if (outcome?.already) ctx.status(t('operator.orders.already'));
		} finally {
			card?.querySelectorAll('button').forEach((b) => { b.disabled = false; });
		}
	}

	function rejectForm(order) {
		const select = h('select', { name: 'reason', id: `reason-${order.id}`, required: true },
			h('option', { value: '', selected: true, disabled: true }, t('operator.orders.reasonPick')),
			REASONS.map((r) => h('option', { value: r }, t(`order.reason.${r}`))));
		const other = h('input', { name: 'reasonText', id: `reason-text-${order.id}`, type: 'text', maxlength: '200', hidden: true, 'aria-label': t('operator.orders.reasonOther') });
		const note = h('p', { class: 'field-error', role: 'alert' });
		select.addEventListener('change', () => {
			other.hidden = select.value !== 'other';
			if (!other.hidden) other.focus();
		});
		const form = h('form', { class: 'inline-form reject-form', novalidate: true },
			h('label', { for: select.id }, t('operator.orders.reasonLabel')), select, other, note,
			h('div', { class: 'row' },
				h('button', { type: 'submit', class: 'danger', dataset: { action: 'reject-confirm' } }, t('operator.orders.rejectConfirm')),
				h('button', { type: 'button', onclick: () => { state.open.delete(order.id); drawList(); } }, t('common.cancel'))));
		form.addEventListener('submit', (event) => {
			event.preventDefault();
			if (!select.value) {
				note.textContent = t('operator.orders.reasonMissing');
				select.focus();
				return;
			}
			const reason = select.value === 'other' ? (other.value.trim() || 'other') : select.value;
			run(form.querySelector('button'), async () => {
				const outcome = await move(order, 'REJECTED', { reason });
				if (outcome.ok) state.open.delete(order.id);
				drawList();
				return outcome;
			});
		});
		if (focusNext === order.id) {
			focusNext = null;
			queueMicrotask(() => select.focus());
		}
		return form;
	}

	function proposeForm(order) {
		const short = h('select', { name: 'productId', id: `propose-product-${order.id}` },
			(order.items ?? []).map((i) => h('option', { value: String(i.productId) }, i.name)));
		const available = (app.menu?.items ?? []).filter((i) => i.available !== false);
		const substitute = h('select', { name: 'substituteProductId', id: `propose-substitute-${order.id}` },
			available.map((i) => h('option', { value: String(i.productId) }, i.name)));
		const form = h('form', { class: 'inline-form propose-form', novalidate: true },
			h('label', { for: short.id }, t('operator.orders.proposeInstead')), short,
			h('label', { for: substitute.id }, t('operator.orders.proposeWith')), substitute,
			navigator.onLine ? null : h('p', { class: 'notice' }, t('operator.orders.proposeOffline')),
			h('div', { class: 'row' },
				h('button', { type: 'submit', class: 'primary', dataset: { action: 'propose-confirm' }, disabled: !navigator.onLine || !available.length }, t('operator.orders.proposeSend')),
				h('button', { type: 'button', onclick: () => { state.open.delete(order.id); drawList(); } }, t('common.cancel'))));
		form.addEventListener('submit', (event) => {
			event.preventDefault();
			run(form.querySelector('button'), async () => {
				if (await propose(order, Number(short.value), Number(substitute.value))) ctx.status(t('operator.orders.proposed', { number: order.number }));
				drawList();
			});
		});
		return form;
	}

	function actions(order) {
		const go = (to) => (event) => run(event.currentTarget, async () => {
			const outcome = await move(order, to);
			drawList();
			return outcome;
		});
		switch (order.status) {
			case 'PAID': return [
				actionButton('accept', t('operator.orders.accept'), go('ACCEPTED'), 'primary'),
				actionButton('reject', t('operator.orders.reject'), () => { state.open.set(order.id, 'reject'); focusNext = order.id; drawList(); }, 'danger'),
				(order.shortages ?? []).length && !order.proposal
					? actionButton('propose', t('operator.orders.propose'), () => { state.open.set(order.id, 'propose'); drawList(); })
					: null,
			];
			case 'ACCEPTED': return [
				actionButton('preparing', t('operator.orders.preparing'), go('PREPARING')),
				actionButton('ready', t('operator.orders.ready'), go('READY'), 'primary'),
			];
			case 'PREPARING': return [actionButton('ready', t('operator.orders.ready'), go('READY'), 'primary')];
			case 'READY': return [actionButton('picked-up', t('operator.orders.pickedUp'), () => openPickup(order), 'primary')];
			default: return [];
		}
	}

	function card(order) {
		const form = state.open.get(order.id);
		const problem = state.problems.get(order.id);
		const since = (order.history ?? []).find((e) => e.status === 'PAID')?.at ?? order.placedAt;
		return h('li', { class: `card order-card status-${String(order.status).toLowerCase()}`, dataset: { orderId: order.id, status: order.status } },
			h('div', { class: 'row between' },
				h('h2', { class: 'order-no' }, t('operator.orders.number', { number: order.number })),
				h('span', { class: 'badge order-status' }, t(`operator.orders.status.${order.status}`))),
			order.waitingSync ? h('p', { class: 'badge pending' }, t('operator.orders.waitingSync')) : null,
			since && ['PAID', 'ACCEPTED', 'PREPARING', 'READY'].includes(order.status)
				? h('p', { class: 'order-wait', dataset: { since } }, waitingText(since)) : null,
			order.readyAt && ['ACCEPTED', 'PREPARING'].includes(order.status)
				? h('p', { class: 'small muted' }, t('operator.orders.readyBy', { time: formatTime(order.readyAt, zone, lang()) })) : null,
			h('ul', { class: 'order-items' }, (order.items ?? []).map((i) => h('li', {}, h('strong', {}, `${i.quantity} ×`), ' ', i.name,
				i.substituteFor ? h('span', { class: 'small muted' }, ' ', t('operator.orders.substitute')) : null))),
			h('p', { class: 'order-total' }, t('operator.orders.total', { total: money(order.totalMinor, order.currency) })),
			shortagesPart(order),
			order.proposal ? h('p', { class: 'notice' }, t('operator.orders.proposalWaiting', { product: order.proposal.productName, substitute: order.proposal.substituteName })) : null,
			problem ? h('p', { class: 'form-errors order-problem', role: 'alert' }, problem) : null,
			h('div', { class: 'actions order-actions' }, actions(order)),
			form === 'reject' ? rejectForm(order) : null,
			form === 'propose' ? proposeForm(order) : null);
	}

	function drawInfo() {
		const when = state.fetchedAt ? formatTime(state.fetchedAt, zone, lang()) : null;
		if (!navigator.onLine || (state.error && state.error.status === 0)) {
			infoEl.textContent = when ? t('operator.orders.offlineSince', { time: when }) : t('operator.orders.offlineNever');
		} else if (state.error) {
			infoEl.textContent = problemMessage(state.error);
		} else {
			infoEl.textContent = when ? t('operator.orders.updated', { time: when }) : t('common.loading');
		}
	}

	function drawList() {
		drawLater = false;
		drawInfo();
		const shown = state.orders.filter((o) => o.status !== 'PICKED_UP' || o.waitingSync);
		replace(listEl, shown.length ? shown.map(card) : h('li', { class: 'card muted', id: 'orders-empty' }, t('operator.orders.empty')));
	}

	// the waiting minutes tick without a redraw, so an open form or the focus stays put
	const ticker = setInterval(() => {
		for (const el of listEl.querySelectorAll('.order-wait[data-since]')) el.textContent = waitingText(el.dataset.since);
		drawInfo();
	}, 30_000);

	replace(container,
		h('div', { class: 'row between' },
			h('h1', { tabindex: '-1' }, t('operator.orders.title')),
			h('button', { type: 'button', class: 'small', id: 'orders-refresh', onclick: () => refresh() }, t('common.refresh'))),
		infoEl, pickupForm, listEl);
	state.fresh.clear();
	drawList();
	drawBadge();
	refresh();
	// a refresh while the operator fills in a reason waits until the focus leaves the form, so nothing typed is lost
	const onChange = () => {
		if (listEl.querySelector('form:focus-within')) drawLater = true;
		else drawList();
	};
	listEl.addEventListener('focusout', () => setTimeout(() => {
		if (drawLater && !listEl.querySelector('form:focus-within')) drawList();
	}, 0));
	listeners.add(onChange);
	return () => {
		listeners.delete(onChange);
		clearInterval(ticker);
		stopScan?.();
	};
}
