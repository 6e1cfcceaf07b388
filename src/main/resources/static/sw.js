/*
 * The customer app's service worker (scope /): precaches the shell (the page, app/*, the common modules it
 * imports, both languages, the icons) into a versioned cache and serves it cache-first, so the app opens on a
 * phone with no signal; older caches are deleted on activate. The public API answers it shows offline (stands,
 * menus, settings) are network-first with the last answer as the fallback; orders, accounts and payments always
 * go to the network and are never stored. A push about an order the customer follows becomes a notification that
 * opens the order's page (common/push-worker.js, shared with the drivers' worker).
 *
 * The scope covers /admin/ and /staff/ too (and /operator/, which has its own worker with a narrower scope):
 * their requests pass straight through to the network, so this worker never serves them an old file.
 * Bump VERSION whenever a file below changes, or phones keep the old shell.
 */
importScripts('/common/push-worker.js');

const VERSION = 3;
const CACHE = `diggety-customer-v${VERSION}`;
const DATA = `diggety-customer-data-v${VERSION}`;
const SHELL = '/';
const PRECACHE = [
	SHELL,
	'/manifest.webmanifest',
	'/app/customer.css',
	'/app/customer.js',
	'/app/account.js',
	'/app/cart.js',
	'/app/checkout.js',
	'/app/order.js',
	'/app/my-orders.js',
	'/app/order-push.js',
	'/common/style.css',
	'/common/dom.js',
	'/common/i18n.js',
	'/common/api.js',
	'/common/format.js',
	'/common/forms.js',
	'/common/qr.js',
	'/common/push.js',
	'/common/push-worker.js',
	'/i18n/en.json',
	'/i18n/pl.json',
	'/icons/diggety.svg',
	'/icons/diggety-maskable.svg',
];
/** Public reads worth showing offline; everything else under /api/ is network-only. */
const CACHED_API = [/^\/api\/v1\/settings$/, /^\/api\/v1\/stands\/nearby$/, /^\/api\/v1\/stands\/\d+$/, /^\/api\/v1\/stands\/\d+\/menu$/];
/** Pages of other apps under this scope: never answered from here. */
const OTHER_APPS = ['/admin/', '/staff/', '/operator/', '/receipt.html'];

self.addEventListener('install', (event) => {
	event.waitUntil((async () => {
		const cache = await caches.open(CACHE);
		// revalidate (a 304 when the page just loaded the same file) so a new version never stores an old file
		await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'no-cache' })));
		await self.skipWaiting();
	})());
});

self.addEventListener('activate', (event) => {
	event.waitUntil((async () => {
		const names = await caches.keys();
		await Promise.all(names.filter((n) => n.startsWith('diggety-customer-') && n !== CACHE && n !== DATA).map((n) => caches.delete(n)));
		await self.clients.claim();
	})());
});

self.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== self.location.origin || url.pathname === '/ws') return;
	if (OTHER_APPS.some((p) => url.pathname.startsWith(p))) return;
	if (url.pathname.startsWith('/api/')) {
		if (CACHED_API.some((re) => re.test(url.pathname))) event.respondWith(networkFirst(request));
		return;
	}
	if (request.mode === 'navigate') {
		if (url.pathname === SHELL || url.pathname === '/index.html') event.respondWith(fromCache(SHELL, request));
		return;
	}
	event.respondWith(forCustomer(event, request));
});

/** A file for the customer page from the cache; another app's page (admin loads /common/ too) gets the network. */
async function forCustomer(event, request) {
	const client = event.clientId ? await self.clients.get(event.clientId) : null;
	const path = client ? new URL(client.url).pathname : SHELL;
	if (path !== SHELL && path !== '/index.html') return fetch(request);
	return fromCache(request, request);
}

/** Cache first; the network for what the shell does not hold (the map library is kept once seen). */
async function fromCache(key, request) {
	const cache = await caches.open(CACHE);
	const hit = await cache.match(key, { ignoreSearch: key === SHELL });
	if (hit) return hit;
	try {
		const response = await fetch(request);
		if (response.ok && new URL(request.url).pathname.startsWith('/webjars/')) await cache.put(request, response.clone());
		return response;
	} catch (e) {
		if (request.mode === 'navigate') {
			const shell = await cache.match(SHELL);
			if (shell) return shell;
		}
		throw e;
	}
}

/** The network, keeping the answer; the last kept answer when the network fails. */
async function networkFirst(request) {
	const cache = await caches.open(DATA);
	try {
		const response = await fetch(request);
		if (response.ok) await cache.put(request, response.clone());
		return response;
	} catch (e) {
		const hit = await cache.match(request);
		if (hit) return hit;
		throw e;
	}
}

/** News about an order the customer follows (accepted, ready, ended): a tap opens the order's page. */
showPushMessages({ fallbackUrl: SHELL, isAppPage: (url) => url.pathname === SHELL || url.pathname === '/index.html' });
