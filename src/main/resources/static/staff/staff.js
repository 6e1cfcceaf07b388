/**
 * The inventory driver's phone app: restock tasks (most urgent, then nearest), live low-stock alerts, and every
 * stand by distance. This module is the frame: login through the shared shell (remembering the account so a
 * phone with no network starts on its saved data), the tab bar, the live channel for the whole session, and the
 * service worker that keeps the app itself on the phone.
 */
import { h, replace } from '../common/dom.js';
import { t } from '../common/i18n.js';
import { api, getToken } from '../common/api.js';
import { startShell } from '../common/shell.js';
import { openLive } from './live.js';
import * as directory from './directory.js';
import * as deliveries from './deliveries.js';
import * as alerts from './alerts.js';
import * as tasks from './tasks.js';
import * as stands from './stands.js';

const SCREENS = [
	{ hash: '#/tasks', key: 'staff.nav.tasks', draw: tasks.render },
	{ hash: '#/alerts', key: 'staff.nav.alerts', draw: alerts.render },
	{ hash: '#/stands', key: 'staff.nav.stands', draw: stands.render },
];

const tabsEl = document.getElementById('tabs');

function screenOf(hash) {
	return SCREENS.find((s) => hash.startsWith(s.hash)) ?? SCREENS[0];
}

/** The signed-in app; the shell calls the returned function on logout or a language change. */
async function render(container, ctx) {
	const liveWatchers = new Set();
	const taskWatchers = new Set();
	let screenCleanup = null;
	let current = null;
	let drawing = 0;
	let recheck = null;

	const live = openLive({
		token: getToken,
		onMessage(message) {
			if (message.type !== 'low-stock') return;
			alerts.receive(message).then((item) => {
				if (current?.hash !== '#/alerts') {
					ctx.status(t('staff.alerts.new', { stand: item.standName ?? item.standId, ingredient: item.ingredientName ?? '' }));
				}
			});
			// the server opens the stand's task just after the alert (asynchronously): look now and a moment later
			taskWatchers.forEach((f) => f());
			clearTimeout(recheck);
			recheck = setTimeout(() => taskWatchers.forEach((f) => f()), 3000);
		},
		onState(state, { reconnected }) {
			liveWatchers.forEach((f) => f(state));
			if (reconnected) {
				alerts.refresh().catch(() => {});
				taskWatchers.forEach((f) => f());
			}
		},
		onRefused() {
			// maybe the token expired: asking the API makes the shell show the login on a 401
			api('/api/v1/me').catch(() => {});
		},
	});

	const app = {
		get user() { return ctx.user; },
		settings: ctx.settings,
		status: ctx.status,
		fail: ctx.fail,
		live,
		badge: drawTabs,
		onLiveState(f) {
			liveWatchers.add(f);
			return () => liveWatchers.delete(f);
		},
		onTasksMayHaveChanged(f) {
			taskWatchers.add(f);
			return () => taskWatchers.delete(f);
		},
		deliveredOne() {
			alerts.refresh().catch(() => {});
		},
	};

	function drawTabs() {
		const unseen = alerts.unseenCount();
		tabsEl.setAttribute('aria-label', t('staff.nav.label'));
		replace(tabsEl, h('ul', {}, SCREENS.map((s) => h('li', {},
			h('a', { href: s.hash, 'aria-current': s === current ? 'page' : null },
				t(s.key),
				s.hash === '#/alerts' && unseen && current !== s ? h('span', { class: 'count', 'aria-hidden': 'true' }, String(unseen)) : null)))));
	}

	async function draw() {
		const screen = screenOf(location.hash);
		screenCleanup?.();
		screenCleanup = null;
		current = screen;
		const mine = ++drawing;
		ctx.status('');
		drawTabs();
		const el = h('div', { class: 'screen' });
		replace(container, el);
		const result = await screen.draw(el, app);
		if (typeof result === 'function') {
			if (mine === drawing) screenCleanup = result;
			else result();
		}
	}

	const onHash = () => draw();
	const onAlert = alerts.subscribe((what) => {
		if (what === 'added') drawTabs();
	});
	const onOnline = () => deliveries.flush().catch(() => {});
	window.addEventListener('hashchange', onHash);
	window.addEventListener('online', onOnline);
	alerts.armSound();
	directory.refresh().catch(() => {});
	if (!location.hash.startsWith('#/')) history.replaceState(null, '', '#/tasks');
	await draw();

	return () => {
		drawing += 1;
		clearTimeout(recheck);
		screenCleanup?.();
		live.close();
		onAlert();
		window.removeEventListener('hashchange', onHash);
		window.removeEventListener('online', onOnline);
		replace(tabsEl);
	};
}

function registerServiceWorker() {
	if (!('serviceWorker' in navigator)) return;
	navigator.serviceWorker.register('/staff/sw.js', { scope: '/staff/' }).catch((e) => console.warn('service worker', e));
}

registerServiceWorker();
startShell({
	storageKey: 'diggety.staff.token',
	allowedRoles: ['DRIVER', 'OWNER', 'MANAGER'],
	loginTitleKey: 'staff.login.title',
	loginIntroKey: 'staff.login.intro',
	offlineStart: true,
	render,
});
