/**
 * Low-stock alerts: the open ones from the server, and new ones pushed over the live channel, newest at the top.
 * The list lives in this module (not in the screen) so an alert that arrives while the driver looks at the tasks
 * is there when the Alerts tab opens; it is saved for offline starts. New alerts buzz and beep where allowed.
 */
import { pushCard } from './push.js';
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { api } from '../common/api.js';
import { formatTime } from '../common/format.js';
import * as directory from './directory.js';
import { read, write } from './saved.js';

const saved = read('alerts', null);
let items = saved?.items ?? [];
let loadedAt = saved?.at ?? null;
let unseen = 0;
const listeners = new Set();

const keyOf = (kind, standId, ingredientId) => `${kind}:${standId}:${ingredientId ?? ''}`;

function named(item) {
	const stand = directory.stand(item.standId);
	const ingredient = item.ingredientId == null ? null : directory.ingredient(item.ingredientId);
	return {
		...item,
		standName: stand?.name ?? item.standName ?? null,
		placeName: stand?.placeName ?? item.placeName ?? null,
		ingredientName: item.ingredientName ?? ingredient?.name ?? null,
		unit: item.unit ?? ingredient?.unit ?? null,
	};
}

function persist() {
	write('alerts', { at: loadedAt, items: items.slice(0, 200) });
}

function notify(what, item) {
	for (const listener of listeners) listener(what, item);
}

/** Reloads the open alerts; alerts that came live meanwhile and are not in the answer stay on top. */
export async function refresh() {
	const startedAt = Date.now();
	const [open] = await Promise.all([api('/api/v1/stock/alerts?open=true'), directory.refresh().catch(() => {})]);
	const fromServer = open.map((a) => named({
		key: keyOf(a.kind, a.standId, a.ingredientId), standId: a.standId, ingredientId: a.ingredientId, kind: a.kind,
		level: a.level, threshold: a.threshold, raisedAt: a.raisedAt,
	}));
	const known = new Set(fromServer.map((a) => a.key));
	const liveMeanwhile = items.filter((a) => a.receivedAt && a.receivedAt >= startedAt && !known.has(a.key));
	items = [...liveMeanwhile, ...fromServer];
	loadedAt = Date.now();
	persist();
	notify('reset');
}

/** A `low-stock` message from the live channel: on top of the list at once. */
export async function receive(message) {
	await directory.ensureStand(message.standId);
	const item = named({
		key: keyOf('LOW', message.standId, message.ingredientId), standId: message.standId, ingredientId: message.ingredientId,
		ingredientName: message.ingredientName, kind: 'LOW', level: message.level, threshold: message.threshold,
		raisedAt: new Date().toISOString(), receivedAt: Date.now(),
	});
	items = [item, ...items.filter((a) => a.key !== item.key)];
	persist();
	unseen += 1;
	signal();
	notify('added', item);
	return item;
}

export function unseenCount() {
	return unseen;
}

export function subscribe(listener) {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

// ---------------------------------------------------------------- sound and vibration

let audio = null;
const soundOn = () => read('sound', true) !== false;

/** Browsers let a page make sound only after a tap: the context is made on the first one. */
export function armSound() {
	const arm = () => {
		try {
			audio ??= new (window.AudioContext || window.webkitAudioContext)();
		} catch {
			audio = null;
		}
	};
	window.addEventListener('pointerdown', arm, { once: true, capture: true });
	window.addEventListener('keydown', arm, { once: true, capture: true });
}

function signal() {
	try {
		navigator.vibrate?.([200, 100, 200]);
	} catch {
		// not allowed before a tap, or not a phone
	}
	if (!soundOn() || !audio) return;
	try {
		if (audio.state === 'suspended') audio.resume();
		const tone = audio.createOscillator();
		const gain = audio.createGain();
		tone.frequency.value = 880;
		gain.gain.setValueAtTime(0.2, audio.currentTime);
		gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
		tone.connect(gain).connect(audio.destination);
		tone.start();
		tone.stop(audio.currentTime + 0.4);
	} catch {
		// no sound then; the vibration and the list still tell
	}
}

// ---------------------------------------------------------------- the screen

const LIVE_TEXT = { open: 'staff.live.open', connecting: 'staff.live.connecting', offline: 'staff.live.offline' };

function alertItem(item, zone) {
	const unit = item.unit ? t(`unit.${item.unit}.short`) : '';
	const what = item.kind === 'STALE'
		? t('staff.alert.staleText')
		: t('staff.alert.levelText', { ingredient: item.ingredientName ?? '?', level: item.level ?? '?', threshold: item.threshold ?? '?', unit });
	return h('li', { class: `card alert kind-${item.kind.toLowerCase()}${item.receivedAt ? ' live' : ''}`, dataset: { key: item.key, standId: item.standId } },
		h('p', { class: 'alert-head' },
			h('strong', { class: 'alert-stand' }, item.standName ?? t('staff.alert.unknownStand', { id: item.standId })),
			' ', h('span', { class: `badge ${item.kind === 'LOW' ? 'warn' : item.kind === 'NEGATIVE' ? 'closed' : ''}` }, t(`staff.alert.kind.${item.kind}`))),
		h('p', { class: 'alert-what' }, what),
		h('p', { class: 'small muted alert-when' },
			h('time', { datetime: item.raisedAt }, formatTime(item.raisedAt, zone, lang())),
			item.placeName && item.placeName !== item.standName ? ` · ${item.placeName}` : null,
			' · ', h('a', { href: '#/tasks' }, t('staff.alert.toTasks'))));
}

export async function render(container, app) {
	unseen = 0;
	app.badge();
	const zone = app.settings.zone;
	const liveState = h('p', { class: 'live-state' });
	const loaded = h('p', { class: 'small muted' });
	const banner = h('p', { class: 'offline-banner', role: 'status', hidden: true });
	const clock = (millis) => formatTime(new Date(millis).toISOString(), zone, lang());
	const list = h('ol', { class: 'list alerts' });
	const log = h('div', { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-labelledby': 'alerts-h' }, list);
	const sound = h('input', { type: 'checkbox', id: 'alert-sound', checked: soundOn() });
	sound.addEventListener('change', () => write('sound', sound.checked));

	function drawLive() {
		liveState.dataset.liveState = app.live.state;
		replace(liveState, h('span', { class: 'dot', 'aria-hidden': 'true' }), ' ', t(LIVE_TEXT[app.live.state]));
	}

	function drawAll() {
		const shown = [...list.querySelectorAll(':scope > [data-key]')].map((li) => li.dataset.key).join('|');
		// the same alerts again (a reload after a reconnect): leave the log alone so nothing is announced twice
		if (!shown || shown !== items.map((a) => a.key).join('|')) {
			replace(list, items.length ? items.map((a) => alertItem(a, zone)) : h('li', { class: 'muted empty' }, t('staff.alerts.none')));
		}
		banner.hidden = true;
		loaded.textContent = loadedAt ? t('staff.alerts.loadedAt', { time: clock(loadedAt) }) : '';
	}

	const unsubscribe = subscribe((what, item) => {
		if (what === 'added') {
			unseen = 0;
			app.badge();
			list.querySelector(`[data-key="${CSS.escape(item.key)}"]`)?.remove();
			list.querySelector('.empty')?.remove();
			list.prepend(alertItem(item, zone));
		} else {
			drawAll();
		}
	});
	const unwatch = app.onLiveState(drawLive);

	replace(container,
		h('h1', { id: 'alerts-h', tabindex: '-1' }, t('staff.alerts.title')),
		banner,
		liveState,
		h('p', { class: 'check' }, h('label', { for: 'alert-sound', class: 'check' }, sound, t('staff.alerts.sound'))),
		pushCard(),
		log,
		loaded);
	drawLive();
	drawAll();
	refresh().catch((e) => {
		if (e?.status === 0) {
			banner.textContent = loadedAt ? t('staff.offlineSince', { time: clock(loadedAt) }) : t('staff.offlineNothing');
			banner.hidden = false;
		} else if (e?.status !== 401) {
			app.fail(e);
		}
	});
	return () => {
		unsubscribe();
		unwatch();
	};
}
