/**
 * The customer app: where am I, which stands are near and open, what does a stand sell, and ordering ahead.
 * Position from the browser when allowed, else a chosen Kraków place (the city centre by default).
 * #/ is the list (with an optional map), #/stands/:id a stand's menu with the cart and checkout (cart.js,
 * checkout.js), #/orders/:id one order live (order.js), #/orders the history (my-orders.js), #/account the
 * customer's login (account.js). A service worker (/sw.js) keeps the shell so the app opens without network.
 */
import { h, replace } from '../common/dom.js';
import { initI18n, t, lang, has, languageSwitch } from '../common/i18n.js';
import { api, loadSettings } from '../common/api.js';
import { problemMessage } from '../common/forms.js';
import { formatMoney, formatDistance, formatWhen } from '../common/format.js';
import { configureAccount, onAccountChange, currentUser, displayName, renderAccount } from './account.js';
import { cartPanel } from './cart.js';
import { checkoutPanel } from './checkout.js';
import { renderOrder } from './order.js';
import { renderHistory } from './my-orders.js';

/** Places to start from when the phone will not tell where it is; the first is the city centre. */
const PLACES = [
	{ key: 'centre', lat: 50.0617, lon: 19.9373 },
	{ key: 'station', lat: 50.0677, lon: 19.9474 },
	{ key: 'kazimierz', lat: 50.0516, lon: 19.9449 },
	{ key: 'podgorze', lat: 50.0465, lon: 19.9543 },
	{ key: 'agh', lat: 50.0689, lon: 19.9045 },
	{ key: 'nowaHuta', lat: 50.0718, lon: 20.0379 },
	{ key: 'bonarka', lat: 50.0290, lon: 19.9520 },
];
const PLACE_KEY = 'diggety.customer.place';
/** Hot dogs first, then sides and drinks; categories the app does not know follow in their own order. */
const CATEGORY_ORDER = ['hot-dogs', 'sides', 'drinks'];
const categoryRank = (c) => (CATEGORY_ORDER.includes(c) ? CATEGORY_ORDER.indexOf(c) : CATEGORY_ORDER.length);
const $ = (id) => document.getElementById(id);

let settings;
let origin = null; // {lat, lon, place?: key, here?: true}
let stands = [];
let map = null;
let mapLayer = null;
let leaflet = null;

function say(message) {
	$('status').textContent = message ?? '';
}

function stateText(stand) {
	if (stand.openNow) {
		return stand.closesAt ? t('customer.openUntil', { time: formatWhen(stand.closesAt, settings.zone, lang()) }) : t('stand.state.open');
	}
	return stand.nextOpening ? t('customer.opensAt', { time: formatWhen(stand.nextOpening, settings.zone, lang()) }) : t('stand.state.closed');
}

function stateBadge(stand) {
	return h('span', { class: `badge ${stand.openNow ? 'open' : 'closed'}` }, stateText(stand));
}

function describeOrigin() {
	if (!origin) return '';
	return origin.here ? t('customer.nearYou') : t('customer.nearPlace', { place: t(`place.${origin.place}`) });
}

function drawPlaces() {
	const select = $('place');
	const chosen = origin?.here ? '' : origin?.place;
	replace(select,
		h('option', { value: '', disabled: true, selected: !chosen }, t('customer.placePrompt')),
		PLACES.map((p) => h('option', { value: p.key, selected: p.key === chosen }, t(`place.${p.key}`))));
}

async function loadStands() {
	if (!origin) return;
	const list = $('stands');
	list.setAttribute('aria-busy', 'true');
	$('where').textContent = describeOrigin();
	const query = new URLSearchParams({ lat: origin.lat, lon: origin.lon, limit: 20, openOnly: $('open-only').checked });
	try {
		stands = await api(`/api/v1/stands/nearby?${query}`, { token: null });
		drawStands();
	} catch (e) {
		replace(list, h('li', { class: 'card' }, problemMessage(e)));
	} finally {
		list.setAttribute('aria-busy', 'false');
	}
}

function drawStands() {
	const list = $('stands');
	$('where').textContent = describeOrigin();
	if (!stands.length) {
		replace(list, h('li', { class: 'card muted' }, t('customer.noStands')));
	} else {
		replace(list, stands.map((s) => h('li', {},
			h('a', { class: 'stand-card', href: `#/stands/${s.id}`, dataset: { standId: s.id } },
				h('span', { class: 'stand-name' }, s.name),
				h('span', { class: 'stand-distance' }, h('span', { class: 'visually-hidden' }, t('customer.distance')), formatDistance(s.distanceMeters, lang())),
				s.placeName ? h('span', { class: 'stand-place' }, s.placeName) : null,
				h('span', { class: 'stand-state' }, stateBadge(s))))));
	}
	drawMarkers();
}

async function ensureMap() {
	if (map) return;
	const mod = await import('../common/map.js');
	leaflet = mod;
	map = mod.createMap($('map'), settings, { center: [origin.lat, origin.lon], zoom: 14 });
	mapLayer = mod.L.layerGroup().addTo(map);
}

function drawMarkers() {
	if (!map || $('map').hidden) return;
	mapLayer.clearLayers();
	const { dot, COLORS, fit } = leaflet;
	for (const s of stands) {
		dot([s.latitude, s.longitude], { color: s.openNow ? COLORS.open : COLORS.closed, label: s.name })
			.bindPopup(h('div', {}, h('strong', {}, s.name), h('br'), formatDistance(s.distanceMeters, lang()), ' · ', stateText(s), h('br'),
				h('a', { href: `#/stands/${s.id}` }, t('customer.showMenu'))))
			.addTo(mapLayer);
	}
	dot([origin.lat, origin.lon], { color: COLORS.you, radius: 8, label: describeOrigin() }).addTo(mapLayer);
	fit(map, [[origin.lat, origin.lon], ...stands.map((s) => [s.latitude, s.longitude])], 15);
}

async function toggleMap() {
	const button = $('map-toggle');
	const show = button.getAttribute('aria-pressed') !== 'true';
	button.setAttribute('aria-pressed', String(show));
	button.textContent = t(show ? 'customer.hideMap' : 'customer.showMap');
	$('map').hidden = !show;
	if (show) {
		await ensureMap();
		map.invalidateSize();
		drawMarkers();
	}
}

function usePlace(key) {
	const place = PLACES.find((p) => p.key === key) ?? PLACES[0];
	origin = { lat: place.lat, lon: place.lon, place: place.key };
	localStorage.setItem(PLACE_KEY, place.key);
	drawPlaces();
	return loadStands();
}

function locate({ quiet = false } = {}) {
	if (!('geolocation' in navigator)) {
		if (!quiet) say(t('customer.locationUnsupported'));
		return;
	}
	say(t('customer.locating'));
	navigator.geolocation.getCurrentPosition((position) => {
		origin = { lat: position.coords.latitude, lon: position.coords.longitude, here: true };
		drawPlaces();
		say(t('customer.located'));
		loadStands();
	}, () => {
		say(t('customer.locationFailed', { place: describeOrigin() }));
	}, { enableHighAccuracy: false, timeout: 10000, maximumAge: 120000 });
}

async function askForLocationOnStart() {
	let state = 'prompt';
	try {
		state = (await navigator.permissions?.query({ name: 'geolocation' }))?.state ?? 'prompt';
	} catch {
		state = 'prompt';
	}
	if (state !== 'denied') locate({ quiet: true });
}

/** The add-to-cart button of a menu item, or why it cannot be ordered. */
function addButton(item, cart) {
	if (!item.available) return null;
	return h('button', {
		type: 'button', class: 'add small', dataset: { add: String(item.productId) }, 'aria-label': t('cart.addNamed', { name: item.name }),
		onclick: () => {
			cart.add(item.productId);
			say(t('cart.added', { name: item.name }));
		},
	}, t('cart.add'));
}

/** The bar under the thumb while the cart holds something: count, total and a jump to the cart. */
function cartBar(cart) {
	const summary = h('span', { class: 'cart-bar-summary' });
	const bar = h('div', { class: 'cart-bar', id: 'cart-bar', hidden: true },
		summary,
		h('button', { type: 'button', class: 'primary', onclick: () => { $('cart').scrollIntoView({ block: 'start' }); $('cart').querySelector('button, input')?.focus({ preventScroll: true }); } }, t('cart.view')));
	return {
		el: bar,
		draw(state) {
			bar.hidden = !state.count;
			summary.textContent = state.count ? t('cart.barSummary', {
				count: state.count, total: state.priced ? cart.money(state.priced.quote.totalMinor) : '…',
			}) : '';
		},
	};
}

async function showStand(id) {
	say('');
	show('stand-view');
	const menuEl = $('menu');
	$('stand-title').textContent = t('common.loading');
	$('stand-place').textContent = '';
	$('stand-state').replaceChildren();
	menuEl.replaceChildren();
	$('basket').replaceChildren();
	$('cart-bar')?.remove();
	try {
		const [stand, menu] = await Promise.all([api(`/api/v1/stands/${id}`, { token: null }), api(`/api/v1/stands/${id}/menu`, { token: null })]);
		document.title = `${stand.name} · ${t('app.name')}`;
		$('stand-title').textContent = stand.name;
		$('stand-place').textContent = stand.placeName ?? '';
		$('stand-state').replaceChildren(stateBadge(stand));
		const standId = Number(id);
		let checkout = null;
		let bar = null;
		const cart = cartPanel(standId, menu.items, {
			onChange: (state) => {
				checkout?.cartChanged(state);
				bar?.draw(state);
			},
		});
		checkout = checkoutPanel(standId, cart);
		bar = cartBar(cart);
		bar.draw(cart.state());
		replace($('basket'), cart.el, checkout.el);
		// a child of the whole stand section, so it stays at the bottom of the screen while the menu scrolls
		$('stand-view').append(bar.el);
		const categories = [...new Set(menu.items.map((i) => i.category))].sort((a, b) => categoryRank(a) - categoryRank(b));
		replace(menuEl, categories.map((category) => {
			const headingId = `cat-${category}`;
			return h('section', { 'aria-labelledby': headingId },
				h('h2', { id: headingId }, has(`category.${category}`) ? t(`category.${category}`) : category),
				h('ul', { class: 'list' }, menu.items.filter((i) => i.category === category).sort((a, b) => a.name.localeCompare(b.name, lang())).map((item) => h('li', {
					class: `menu-item${item.available ? '' : ' unavailable'}`, dataset: { productId: item.productId },
				},
				h('span', { class: 'item-name' }, item.name),
				h('span', { class: 'item-price' }, formatMoney(item.priceMinor, item.currency, lang())),
				item.description ? h('span', { class: 'item-desc' }, item.description) : null,
				item.available ? null : h('span', { class: 'item-note' }, has(`menu.reason.${item.unavailableReason}`)
					? t(`menu.reason.${item.unavailableReason}`) : t('menu.reason.other')),
				addButton(item, cart)))));
		}));
	} catch (e) {
		$('stand-title').textContent = e.status === 404 ? t('customer.standGone') : t('error.title');
		$('stand-place').textContent = problemMessage(e);
	}
	$('stand-title').focus();
}

/** Shows one of the main sections and hides the others. */
function show(sectionId) {
	for (const id of ['finder', 'stand-view', 'page-view']) $(id).hidden = id !== sectionId;
}

function showFinder() {
	document.title = t('customer.pageTitle');
	show('finder');
	if (map) {
		map.invalidateSize();
		drawMarkers();
	}
}

/** The top bar's account link: the customer's name when signed in. */
function drawNav() {
	const user = currentUser();
	$('nav-account').textContent = user ? displayName(user) : t('account.login');
	for (const a of document.querySelectorAll('.customer-nav a')) {
		a.setAttribute('aria-current', location.hash.startsWith(a.getAttribute('href')) ? 'page' : 'false');
	}
}

let cleanup = null;
function route() {
	cleanup?.();
	cleanup = null;
	drawNav();
	const hash = location.hash;
	const stand = /^#\/stands\/(\d+)$/.exec(hash);
	const order = /^#\/orders\/([\w-]+)$/.exec(hash);
	if (stand) {
		showStand(stand[1]);
	} else if (order || hash === '#/orders' || hash === '#/account') {
		say('');
		show('page-view');
		const page = $('page-view');
		if (order) {
			document.title = `${t('order.title')} · ${t('app.name')}`;
			cleanup = renderOrder(page, order[1], settings);
		} else if (hash === '#/orders') {
			document.title = `${t('orders.title')} · ${t('app.name')}`;
			renderHistory(page, settings);
		} else {
			document.title = `${t('account.title')} · ${t('app.name')}`;
			renderAccount(page);
		}
	} else {
		showFinder();
	}
}

function registerServiceWorker() {
	if (!('serviceWorker' in navigator)) return;
	navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((e) => console.warn('service worker', e));
}

async function main() {
	registerServiceWorker();
	configureAccount();
	await initI18n();
	$('lang').append(languageSwitch());
	settings = await loadSettings();
	$('locate').addEventListener('click', () => locate());
	$('place').addEventListener('change', (e) => {
		say('');
		usePlace(e.target.value);
	});
	$('open-only').addEventListener('change', loadStands);
	$('map-toggle').addEventListener('click', toggleMap);
	window.addEventListener('hashchange', route);
	window.addEventListener('langchange', () => {
		drawPlaces();
		$('map-toggle').textContent = t($('map-toggle').getAttribute('aria-pressed') === 'true' ? 'customer.hideMap' : 'customer.showMap');
		drawStands();
		if (location.hash.startsWith('#/stands/') || location.hash.startsWith('#/orders') || location.hash === '#/account') route();
		else {
			drawNav();
			document.title = t('customer.pageTitle');
		}
	});
	onAccountChange(() => {
		drawNav();
		if (location.hash === '#/orders' || location.hash === '#/account') route();
	});
	route();
	await usePlace(localStorage.getItem(PLACE_KEY) ?? PLACES[0].key);
	askForLocationOnStart();
}

main();
