/**
 * The public receipt page (/receipt.html?sale=<saleId>), opened from the QR code on the stand's phone. The receipt
 * exists on the server once the phone has synced; until then a 404 says so.
 */
import { h, replace } from './dom.js';
import { initI18n, t, lang, languageSwitch } from './i18n.js';
import { api, loadSettings } from './api.js';
import { problemMessage } from './forms.js';
import { receiptView } from './receipt-view.js';

const slot = document.getElementById('receipt');
const printButton = document.getElementById('print');

async function show() {
	const sale = new URLSearchParams(location.search).get('sale');
	if (!sale || !/^[0-9a-f-]{36}$/i.test(sale)) {
		replace(slot, h('p', { class: 'notice' }, t('receipt.missing')));
		return;
	}
	const settings = await loadSettings();
	try {
		const receipt = await api(`/api/v1/receipts/${encodeURIComponent(sale)}`, { token: null });
		replace(slot, receiptView(receipt, { currency: receipt.currency ?? settings.currency, zone: settings.zone, lang: lang() }));
		printButton.hidden = false;
	} catch (e) {
		replace(slot, h('p', { class: 'notice' }, e.status === 404 ? t('receipt.notYet') : problemMessage(e)));
	}
}

await initI18n();
document.getElementById('lang').append(languageSwitch());
printButton.addEventListener('click', () => window.print());
window.addEventListener('langchange', show);
show();
