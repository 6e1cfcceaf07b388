/**
 * The stand operator's phone app, offline-first. First run: sign in and register the phone (register.js). Every
 * start after that opens straight onto the sell screen from the device credentials in IndexedDB, network or not.
 * Screens (one module each) read the local projections (store.js); sync.js pushes and pulls in the background;
 * the status bar always tells whether the phone is online, how many events wait and when it last synced.
 */
import { h, replace } from '../common/dom.js';
import { initI18n, t, languageSwitch } from '../common/i18n.js';
import { api, configureApi, setToken } from '../common/api.js';
import { problemMessage } from '../common/forms.js';
import * as db from './db.js';
import { app, load, subscribe, reloadState, clearAlarm } from './store.js';
import { startSync, stopSync } from './sync.js';
import { mountStatusBar } from './statusbar.js';
import { registerView } from './register.js';
import * as sell from './sell.js';
import * as orders from './orders.js';
import * as today from './today.js';
import * as shift from './shift.js';
import * as stand from './stand.js';
import * as stock from './stock.js';
import * as receipt from './receipt.js';

const TOKEN_KEY = 'diggety.operator.token';

const SCREENS = [
	{ hash: '#/sell', key: 'operator.nav.sell', draw: sell.render },
	{ hash: '#/orders', key: 'operator.nav.orders', draw: orders.render, badge: orders.ordersBadge },
	{ hash: '#/today', key: 'operator.nav.today', draw: today.render },
	{ hash: '#/shift', key: 'operator.nav.shift', draw: shift.render },
	{ hash: '#/stock', key: 'operator.nav.stock', draw: stock.render },
	{ hash: '#/stand', key: 'operator.nav.stand', draw: stand.render },
	// the colleague's page needs the network; loaded on demand (not precached) so the shell stays small
	{ hash: '#/promotions', key: 'operator.nav.promotions', draw: promotionsScreen },
];
const RECEIPT = { hash: '#/receipt/', draw: receipt.render };

/** #/promotions: the colleague's "My promotions" page, which reads and writes through the API. */
async function promotionsScreen(container, ctx) {
	let page;
	try {
		page = await import('./promotions.js');
	} catch {
		page = null;
	}
	if (!page || !navigator.onLine) {
		replace(container, h('h1', { tabindex: '-1' }, t('operator.promotions.title')), h('p', { class: 'notice' }, t('operator.promotions.offline')));
		return undefined;
	}
	return page.render(container, ctx);
}

const whoEl = document.getElementById('who');
const statusEl = document.getElementById('status');
const viewEl = document.getElementById('view');
const tabsEl = document.getElementById('tabs');
const alarmEl = document.getElementById('alarm');
let cleanup = null;
let started = false;
let drawnHash = null;

const ctx = {
	get settings() { return app.settings; },
	status(message, { error = false } = {}) {
		statusEl.classList.toggle('error', error);
		statusEl.textContent = message ?? '';
	},
	fail(e) {
		ctx.status(problemMessage(e), { error: true });
	},
	/** Shows another screen at once (no wait for the asynchronous hashchange), with a history entry. */
	go(hash) {
		if (location.hash !== hash) history.pushState(null, '', hash);
		draw();
	},
	redraw() {
		draw();
	},
};

function screenOf(hash) {
	if (hash.startsWith(RECEIPT.hash)) return RECEIPT;
	return SCREENS.find((s) => hash.startsWith(s.hash)) ?? SCREENS[0];
}

function drawTabs(current) {
	replace(tabsEl, h('ul', {}, SCREENS.map((s) => h('li', {},
		h('a', { href: s.hash, id: `tab-${s.hash.slice(2)}`, 'aria-current': s === current ? 'page' : null }, t(s.key), s.badge?.())))));
	tabsEl.setAttribute('aria-label', t('operator.nav.label'));
}

async function draw() {
	if (!app.device) return;
	drawnHash = location.hash;
	const screen = screenOf(location.hash);
	cleanup?.();
	cleanup = null;
	ctx.status('');
	drawTabs(screen === RECEIPT ? SCREENS[1] : screen);
	const container = h('div', { class: 'view' });
	replace(viewEl, container);
	try {
		const result = await screen.draw(container, ctx, decodeURIComponent(location.hash.slice(screen.hash.length)));
		if (typeof result === 'function') {
			if (container.isConnected) cleanup = result;
			else result();
		}
	} catch (e) {
		replace(container, h('h1', { tabindex: '-1' }, t('error.title')), h('p', { class: 'form-errors' }, problemMessage(e)));
	}
}

function drawWho() {
	replace(whoEl, app.device ? h('span', {}, app.device.standName ?? '') : null);
}

function drawAlarm() {
	const parts = [];
	if (app.storageFull) {
		parts.push(h('div', { class: 'alarm' }, h('strong', {}, t('operator.alarm.storageFull')), ' ', t('operator.alarm.storageFullHint'), ' ',
			h('button', { type: 'button', class: 'small', onclick: clearAlarm }, t('operator.alarm.retry'))));
	}
	if (app.revoked) {
		parts.push(h('div', { class: 'alarm' }, h('strong', {}, t('operator.alarm.revoked')), ' ', t('operator.alarm.revokedHint'), ' ',
			h('button', { type: 'button', class: 'small', onclick: showRegistration }, t('operator.alarm.signInAgain'))));
	}
	replace(alarmEl, parts);
}

function revoked() {
	if (app.revoked) return;
	app.revoked = true;
	stopSync();
	drawAlarm();
}

/** The login and registration form (first run, or after the owner revoked this phone). */
function showRegistration() {
	cleanup?.();
	cleanup = null;
	replace(tabsEl);
	ctx.status('');
	replace(viewEl, registerView({
		onRegistered: async () => {
			app.revoked = false;
			drawAlarm();
			await start();
		},
	}));
}

async function refreshSettings() {
	if (!navigator.onLine) return;
	try {
		const settings = await api('/api/v1/settings', { token: null });
		app.settings = { ...app.settings, ...settings };
		await db.setMetas({ settings: app.settings });
	} catch {
		// offline or unreachable: the stored settings stay
	}
}

/** The signed-in app: sync in the background, the tab bar and the screen the hash names. */
async function start() {
	setToken(app.device.deviceToken);
	drawWho();
	if (!location.hash.startsWith('#/')) history.replaceState(null, '', '#/sell');
	await draw();
	startSync(app.device, { onChanges: reloadState, onRevoked: revoked });
	orders.startOrders();
	refreshSettings();
	warmServiceWorker();
	if (!started) {
		started = true;
		// a link or the back button: both events may fire for one move, so draw once per hash
		const follow = () => {
			if (location.hash.startsWith('#/') && app.device && location.hash !== drawnHash) draw();
		};
		window.addEventListener('hashchange', follow);
		window.addEventListener('popstate', follow);
	}
}

function registerServiceWorker() {
	if (!('serviceWorker' in navigator)) return;
	navigator.serviceWorker.register('/operator/sw.js', { scope: '/operator/' }).catch((e) => console.warn('service worker', e));
	navigator.serviceWorker.addEventListener('controllerchange', () => {
		if (app.device) warmServiceWorker();
	});
}

/** Once signed in, the worker also keeps both languages and the QR decoder, so the app starts (and scans) offline. */
function warmServiceWorker() {
	navigator.serviceWorker?.ready.then((registration) => registration.active?.postMessage({ type: 'warm' })).catch(() => {});
}

async function boot() {
	registerServiceWorker();
	await initI18n();
	document.getElementById('lang').append(languageSwitch());
	mountStatusBar(document.getElementById('syncbar'));
	configureApi({ storage: localStorage, storageKey: TOKEN_KEY, onUnauthorized: () => revoked() });
	try {
		await load();
	} catch (e) {
		replace(viewEl, h('div', { class: 'alarm', role: 'alert' }, t('operator.alarm.noStorage'), ' ', String(e?.message ?? e)));
		return;
	}
	db.askPersistence();
	subscribe((what) => {
		if (what === 'alarm') drawAlarm();
	});
	window.addEventListener('langchange', () => {
		drawAlarm();
		if (app.device) draw();
		else showRegistration();
	});
	if (app.device) await start();
	else showRegistration();
}

boot();
