/**
 * #/receipt/<saleId>: the receipt of a sale from the phone's own events, shown the moment it is recorded:
 * printable (print stylesheet, "Print"), with a QR code and link to /receipt.html?sale=<saleId>, which the customer
 * can open once the phone has synced. The QR code is drawn on the phone (common/qr.js), offline.
 */
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { receiptView } from '../common/receipt-view.js';
import { qrElement } from '../common/qr.js';
import { app, subscribe } from './store.js';
import { onStatus } from './sync.js';

export function receiptOf(sale) {
	return {
		...sale.sale, occurredAt: sale.occurredAt, standName: sale.local?.standName ?? app.device?.standName,
		names: sale.local?.names ?? {}, refunds: sale.refunds, voided: sale.voided,
	};
}

export function render(container, ctx, saleId) {
	const sale = app.projection.sales.get(saleId);
	if (!sale) {
		replace(container, h('h1', { tabindex: '-1' }, t('receipt.title')), h('p', { class: 'notice' }, t('receipt.unknown')),
			h('a', { class: 'button wide', href: '#/sell' }, t('receipt.newSale')));
		return undefined;
	}
	const url = `${location.origin}/receipt.html?sale=${encodeURIComponent(saleId)}`;
	const qrSlot = h('div', { class: 'receipt-qr' });
	const syncNote = h('p', { class: 'small receipt-sync' });
	const body = h('div', {});
	const drawBody = () => replace(body, receiptView(receiptOf(sale), { currency: app.settings.currency, zone: app.settings.zone, lang: lang() }));
	drawBody();
	replace(container,
		h('section', { class: 'card receipt-card', 'aria-labelledby': 'receipt-h' },
			h('h1', { id: 'receipt-h', tabindex: '-1' }, t('receipt.title')),
			body,
			h('div', { class: 'receipt-online' },
				qrSlot,
				h('p', { class: 'small' }, h('a', { href: url, target: '_blank', rel: 'noopener', class: 'receipt-link' }, t('receipt.online'))),
				syncNote)),
		h('div', { class: 'form-actions no-print' },
			h('button', { type: 'button', class: 'print', onclick: () => window.print() }, t('receipt.print')),
			h('a', { class: 'button primary', href: '#/sell' }, t('receipt.newSale'))));
	// the QR code after the receipt is on screen, so recording a sale never waits for it
	const frame = requestAnimationFrame(() => {
		qrSlot.replaceChildren(qrElement(url, { label: t('receipt.qrLabel'), moduleSize: 3 }));
	});
	const unsubscribeStatus = onStatus((s) => {
		const synced = sale.sequence <= s.syncedThrough;
		syncNote.textContent = synced ? t('receipt.synced') : t('receipt.notSynced');
		syncNote.classList.toggle('pending', !synced);
	});
	const unsubscribe = subscribe((what) => {
		if (what === 'events') drawBody();
	});
	return () => {
		cancelAnimationFrame(frame);
		unsubscribeStatus();
		unsubscribe();
	};
}
