/**
 * The frame of the phone apps for staff (/operator/, /staff/): language switch, login for the allowed roles,
 * who is signed in with a log-out button, one status line, and a screen drawn by the app once signed in.
 * Expects #who, #lang, #status and #view in the page.
 */
import { h, replace } from './dom.js';
import { initI18n, t, languageSwitch } from './i18n.js';
import { api, configureApi, getToken, clearToken, loadSettings } from './api.js';
import { loginView } from './login.js';
import { problemMessage } from './forms.js';

export async function startShell({ storageKey, allowedRoles, loginTitleKey, loginIntroKey, render, offlineStart = false }) {
	// offlineStart: remember the signed-in account so that a phone with no network starts on its last data
	const accountKey = `${storageKey}.account`;
	const whoEl = document.getElementById('who');
	const statusEl = document.getElementById('status');
	const viewEl = document.getElementById('view');
	let user = null;
	let cleanup = null;

	await initI18n();
	document.getElementById('lang').append(languageSwitch());
	const settings = await loadSettings();

	const ctx = {
		get user() { return user; },
		settings,
		status(message, { error = false } = {}) {
			statusEl.classList.toggle('error', error);
			statusEl.textContent = message ?? '';
		},
		fail(e) {
			ctx.status(problemMessage(e), { error: true });
		},
		logout,
	};

	function showLogin(notice) {
		user = null;
		if (offlineStart) localStorage.removeItem(accountKey);
		cleanup?.();
		cleanup = null;
		whoEl.replaceChildren();
		ctx.status('');
		replace(viewEl, loginView({ titleKey: loginTitleKey, introKey: loginIntroKey, allowedRoles, notice, onLogin: (s) => start(s.user) }));
	}

	function logout() {
		clearToken();
		showLogin(t('admin.loggedOut'));
	}

	async function draw() {
		cleanup?.();
		cleanup = null;
		replace(whoEl, h('span', {}, user.displayName), ' ',
			h('button', { type: 'button', class: 'small link-button', onclick: logout }, t('admin.logout')));
		const container = h('div', { class: 'view' }, h('p', { class: 'muted' }, t('common.loading')));
		replace(viewEl, container);
		try {
			const result = await render(container, ctx);
			if (typeof result === 'function') cleanup = result;
		} catch (e) {
			if (e?.status !== 401) replace(container, h('h1', {}, t('error.title')), h('p', { class: 'form-errors' }, problemMessage(e)));
		}
	}

	function start(account) {
		user = account;
		if (offlineStart) localStorage.setItem(accountKey, JSON.stringify(account));
		ctx.status('');
		draw();
	}

	configureApi({ storage: localStorage, storageKey, onUnauthorized: () => showLogin(t('login.expired')) });
	window.addEventListener('langchange', () => (user ? draw() : showLogin()));
	if (!getToken()) {
		showLogin();
		return;
	}
	try {
		const me = await api('/api/v1/me');
		if (allowedRoles.includes(me.role)) start(me);
		else {
			clearToken();
			showLogin();
		}
	} catch (e) {
		const remembered = e.status === 0 && offlineStart ? rememberedAccount(accountKey) : null;
		if (remembered && allowedRoles.includes(remembered.role)) start(remembered);
		else if (e.status !== 401) showLogin(problemMessage(e));
	}
}

function rememberedAccount(key) {
	try {
		return JSON.parse(localStorage.getItem(key) ?? 'null');
	} catch {
		return null;
	}
}

/** The browser's position as a promise of {lat, lon, accuracy}; rejects with the GeolocationPositionError. */
export function currentPosition(options = {}) {
	return new Promise((resolve, reject) => {
		if (!('geolocation' in navigator)) {
			reject(Object.assign(new Error('unsupported'), { code: 0 }));
			return;
		}
		navigator.geolocation.getCurrentPosition(
			(p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: p.coords.accuracy }),
			reject,
			{ enableHighAccuracy: true, timeout: 15000, maximumAge: 30000, ...options });
	});
}

/** A short localized reason for a failed position request. */
export function positionError(e) {
	return t({ 1: 'geo.denied', 2: 'geo.unavailable', 3: 'geo.timeout' }[e?.code] ?? 'geo.unsupported');
}
