/**
 * The office dashboard shell: login, the signed-in bar, hash routing (#/stands, #/stock, #/sales, #/devices, #/menu,
 * #/promotions, #/users, #/audit) and one status line (role="status") that every screen reports to. Screens live in
 * their own modules.
 */
import { h, replace } from '../common/dom.js';
import { initI18n, t, languageSwitch, applyTranslations } from '../common/i18n.js';
import { api, configureApi, getToken, clearToken, loadSettings } from '../common/api.js';
import { loginView } from '../common/login.js';
import { problemMessage } from '../common/forms.js';
import * as stands from './stands.js';
import * as menu from './menu.js';
import * as promotions from './promotions.js';
import * as users from './users.js';
import * as audit from './audit.js';
import * as texts from './texts.js';
import * as orders from './orders.js';
import * as stock from './stock.js';
import * as sales from './sales.js';
import * as devices from './devices.js';

const OFFICE = ['OWNER', 'MANAGER'];

const NAV = [
	{ hash: '#/stands', key: 'admin.nav.stands' },
	{ hash: '#/stock', key: 'admin.nav.stock' },
	{ hash: '#/sales', key: 'admin.nav.sales' },
	{ hash: '#/orders', key: 'admin.nav.orders' },
	{ hash: '#/devices', key: 'admin.nav.devices' },
	{ hash: '#/menu', key: 'admin.nav.menu' },
	{ hash: '#/promotions', key: 'admin.nav.promotions' },
	{ hash: '#/users', key: 'admin.nav.users', ownerOnly: true },
	{ hash: '#/audit', key: 'admin.nav.audit' },
	{ hash: '#/texts', key: 'admin.nav.texts' },
];

/** Routes: a pattern on the hash and the screen that draws it; captured groups are passed on. */
const ROUTES = [
	[/^#\/stands\/?$/, stands.list],
	[/^#\/stands\/(new|\d+)$/, stands.edit],
	[/^#\/stock\/?$/, stock.overview],
	[/^#\/stock\/(\d+)$/, stock.stand],
	[/^#\/sales\/?(?:\?(.*))?$/, sales.list],
	[/^#\/devices\/?$/, devices.list],
	[/^#\/menu\/?$/, menu.list],
	[/^#\/menu\/products\/(new|\d+)$/, menu.editProduct],
	[/^#\/menu\/ingredients\/(new|\d+)$/, menu.editIngredient],
	[/^#\/promotions\/?$/, promotions.list],
	[/^#\/promotions\/(new|\d+)$/, promotions.edit],
	[/^#\/users\/?$/, users.list, { ownerOnly: true }],
	[/^#\/audit\/?$/, audit.list],
	[/^#\/texts\/?$/, texts.list],
	[/^#\/orders\/?$/, orders.list],
];

const statusEl = document.getElementById('status');
const viewEl = document.getElementById('view');
const navEl = document.getElementById('nav');
const whoEl = document.getElementById('who');

let user = null;
let settings = null;
let cleanup = null;
let keepStatus = false;
let firstRoute = true;

const ctx = {
	get user() { return user; },
	get settings() { return settings; },
	isOwner: () => user?.role === 'OWNER',
	/** Reports a result on the one status line. */
	status(message, { error = false } = {}) {
		statusEl.classList.toggle('error', error);
		statusEl.textContent = message ?? '';
	},
	/** Reports a failed request on the status line. */
	fail(e) {
		ctx.status(problemMessage(e), { error: true });
	},
	/** Goes to another screen, keeping the current status message (e.g. "Saved"). */
	go(hash) {
		keepStatus = true;
		if (location.hash === hash) route();
		else location.hash = hash;
	},
};

function showLogin(notice) {
	user = null;
	cleanup?.();
	cleanup = null;
	navEl.hidden = true;
	whoEl.replaceChildren();
	ctx.status('');
	replace(viewEl, loginView({
		titleKey: 'admin.login.title',
		introKey: 'admin.login.intro',
		allowedRoles: OFFICE,
		notice,
		onLogin: (session) => start(session.user),
	}));
}

function drawChrome() {
	replace(navEl, h('ul', {}, NAV.filter((item) => !item.ownerOnly || ctx.isOwner()).map((item) =>
		h('li', {}, h('a', { href: item.hash }, t(item.key))))));
	navEl.hidden = false;
	replace(whoEl,
		h('span', {}, t('admin.signedInAs', { name: user.displayName, role: t(`role.${user.role}`) })), ' ',
		h('button', { type: 'button', class: 'small link-button', onclick: logout }, t('admin.logout')));
	markCurrent();
}

function markCurrent() {
	const hash = location.hash || '#/stands';
	for (const a of navEl.querySelectorAll('a')) {
		const href = a.getAttribute('href');
		const here = hash === href || hash.startsWith(`${href}/`) || hash.startsWith(`${href}?`);
		if (here) a.setAttribute('aria-current', 'page');
		else a.removeAttribute('aria-current');
	}
}

function logout() {
	clearToken();
	showLogin(t('admin.loggedOut'));
}

function start(account) {
	user = account;
	drawChrome();
	if (!location.hash || location.hash === '#' || location.hash === '#/') {
		history.replaceState(null, '', '#/stands');
	}
	route();
}

async function route() {
	if (!user) return;
	if (!keepStatus) ctx.status('');
	keepStatus = false;
	cleanup?.();
	cleanup = null;
	markCurrent();
	const hash = location.hash || '#/stands';
	const found = ROUTES.map(([pattern, view, options]) => [pattern.exec(hash), view, options]).find(([m]) => m);
	const container = h('div', { class: 'view' });
	replace(viewEl, container);
	if (!found || (found[2]?.ownerOnly && !ctx.isOwner())) {
		container.append(h('h1', { tabindex: '-1' }, t('admin.notFound')),
			h('p', {}, h('a', { href: '#/stands' }, t('admin.nav.stands'))));
		return;
	}
	const [match, view] = found;
	container.append(h('p', { class: 'muted' }, t('common.loading')));
	try {
		const result = await view(container, ctx, ...match.slice(1));
		if (typeof result === 'function') cleanup = result;
	} catch (e) {
		if (e?.status === 401) return;
		replace(container, h('h1', { tabindex: '-1' }, t('error.title')), h('p', { class: 'form-errors' }, problemMessage(e)));
	}
	if (!firstRoute && viewEl.contains(container)) container.querySelector('h1')?.focus({ preventScroll: false });
	firstRoute = false;
}

async function main() {
	await initI18n();
	document.getElementById('lang').append(languageSwitch());
	settings = await loadSettings();
	configureApi({
		storage: sessionStorage,
		storageKey: 'diggety.admin.token',
		onUnauthorized: () => showLogin(t('login.expired')),
	});
	window.addEventListener('hashchange', route);
	window.addEventListener('langchange', () => {
		applyTranslations(document);
		if (user) {
			drawChrome();
			keepStatus = true;
			route();
		} else {
			showLogin();
		}
	});
	if (!getToken()) {
		showLogin();
		return;
	}
	try {
		const me = await api('/api/v1/me');
		if (!OFFICE.includes(me.role)) {
			clearToken();
			showLogin();
			return;
		}
		start(me);
	} catch (e) {
		if (e.status !== 401) showLogin(problemMessage(e));
	}
}

main();
