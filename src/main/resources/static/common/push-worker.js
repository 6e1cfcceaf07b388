/*
 * Web Push in a service worker, shared by the customer app's worker (/sw.js) and the drivers' (/staff/sw.js), which
 * load it with importScripts (a classic script: workers are not modules everywhere) and call showPushMessages once.
 * A push message ({title, body, tag, url}, as the server's Push.Message) becomes a notification; a newer one with
 * the same tag replaces it. A tap closes it and opens its page in a window of the same app when one is open, or in
 * a new window.
 */

/**
 * @param {object} app
 * @param {string} app.fallbackUrl the page a message without its own url opens
 * @param {(url: URL) => boolean} app.isAppPage whether an open window shows this app (another app may share the scope)
 */
// eslint-disable-next-line no-unused-vars
function showPushMessages({ fallbackUrl, isAppPage }) {
	self.addEventListener('push', (event) => {
		let message = {};
		try {
			message = event.data ? event.data.json() : {};
		} catch {
			message = { body: event.data ? event.data.text() : '' };
		}
		event.waitUntil(self.registration.showNotification(message.title || 'Diggety', {
			body: message.body || '',
			tag: message.tag || undefined,
			data: { url: message.url || fallbackUrl },
			icon: '/icons/diggety.svg',
			badge: '/icons/diggety.svg',
		}));
	});

	self.addEventListener('notificationclick', (event) => {
		event.notification.close();
		const url = new URL(event.notification.data?.url || fallbackUrl, self.location.origin);
		// only a page of ours: a message never sends the phone elsewhere
		const target = url.origin === self.location.origin ? url.href : new URL(fallbackUrl, self.location.origin).href;
		event.waitUntil((async () => {
			const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
			const open = windows.find((w) => isAppPage(new URL(w.url)));
			if (open) {
				await open.focus();
				// a window this worker does not control cannot be navigated from here: open the page anew
				return open.navigate(target).catch(() => self.clients.openWindow(target));
			}
			return self.clients.openWindow(target);
		})());
	});
}
