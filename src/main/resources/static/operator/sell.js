/**
 * #/sell: the product grid from the pulled menu, the order with +/- per line, promotions applied by the pricing
 * engine (pricing.js, the server's twin) with their reasons, discount codes checked offline against the pulled
 * SHA-256 hashes, and the payment: cash (tendered, change), card on the external terminal (its approval code
 * only, never a card number) or gateway (the customer pays on their own phone). "Record sale" writes one
 * SALE_RECORDED event and shows the receipt at once.
 */
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { field, showErrors, clearErrors } from '../common/forms.js';
import { formatMoney, parseMoney, minorToInput } from '../common/format.js';
import { price, UnknownProductError } from './pricing.js';
import { app, subscribe, recordEvent } from './store.js';
import { uuidv7, StorageFullError } from './db.js';
import { staleBanner } from './stock.js';

/** The order in progress; kept while the operator looks at another tab. */
const order = { lines: [], codes: [], method: 'CASH', tendered: '', cardReference: '', gatewayReference: '' };

/** The catalog the pricing engine takes, from the pulled menu. */
export function catalogOf(menu) {
	const source = Array.isArray(menu?.products) && menu.products.length ? menu.products : (menu?.items ?? []);
	// the contract names them id/vatRateBp; the server's records say productId/vatRateBasisPoints: take either
	return source.map((p) => ({
		id: p.id ?? p.productId, name: p.name, category: p.category, priceMinor: p.priceMinor, vatRateBp: p.vatRateBp ?? p.vatRateBasisPoints,
	}));
}

/** Lower-case hex SHA-256 of the upper-cased, trimmed code. */
export async function codeHash(code) {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code.trim().toUpperCase()));
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The promotion a code unlocks, from the pulled hashes; null when the code is unknown here. */
export async function promotionForCode(code) {
	const hash = await codeHash(code);
	const match = (app.promotions?.codes ?? []).find((c) => String(c.sha256).toLowerCase() === hash);
	return match ? match.promotionId : null;
}

/** Prices the current order now; null for an empty order. */
export function quoteOrder(products) {
	if (!order.lines.length) return null;
	const cart = {
		standId: app.device.standId, at: new Date().toISOString(), lines: order.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
		codePromotionIds: order.codes.map((c) => c.promotionId), customer: null,
	};
	return price(cart, products, app.promotions?.specs ?? [], app.promotions?.limits ?? {}, app.settings.zone);
}

/** A card reference must be the terminal's approval code, never something that looks like a card number. */
const looksLikeCardNumber = (text) => /\d{12,}/.test(text.replace(/[\s-]/g, ''));

const gatewayReference = () => `GW-${uuidv7().replace(/-/g, '').slice(-8).toUpperCase()}`;

function resetOrder() {
	Object.assign(order, { lines: [], codes: [], method: 'CASH', tendered: '', cardReference: '', gatewayReference: '' });
}

export async function render(outer, ctx) {
	// the stale-stock reminder above the screen (stock.js), kept apart from what the sell screen redraws
	const banner = h('div', { class: 'stale-slot' });
	const container = h('div');
	replace(outer, banner, container);
	const drawBanner = () => replace(banner, staleBanner());
	drawBanner();
	const unsubscribe = subscribe((what) => {
		if (what === 'pull' || what === 'events') {
			drawBanner();
			if (!drawn || what === 'pull') draw();
		}
	});
	let drawn = false;
	function draw() {
		drawn = false;
		if (!app.menu) {
			replace(container, h('section', { class: 'card' }, h('h1', { tabindex: '-1' }, t('sell.title')), h('p', { class: 'notice' }, t('sell.noMenu'))));
			return;
		}
		if (!app.projection.shift) {
			replace(container, h('section', { class: 'card' }, h('h1', { tabindex: '-1' }, t('sell.title')),
				h('p', { class: 'notice' }, t('sell.noShift')), h('a', { class: 'button primary wide', href: '#/shift' }, t('sell.openShift'))));
			return;
		}
		drawn = true;
		sellScreen(container, ctx);
	}
	draw();
	return unsubscribe;
}

function sellScreen(container, ctx) {
	const { currency } = app.settings;
	const money = (minor) => formatMoney(minor, currency, lang());
	const products = catalogOf(app.menu);
	const byId = new Map(products.map((p) => [p.id, p]));
	order.lines = order.lines.filter((l) => byId.has(l.productId));
	let quote = null;
	let drawBar = () => {};

	// ---- the product grid
	const items = (app.menu.items ?? products.map((p) => ({ ...p, productId: p.id, available: true }))).filter((i) => byId.has(i.productId));
	const qtyBadges = new Map();
	const grid = h('div', { class: 'product-grid' }, items.map((item) => {
		const product = byId.get(item.productId);
		const badge = h('span', { class: 'product-qty', 'aria-hidden': 'true' });
		qtyBadges.set(item.productId, badge);
		return h('button', {
			type: 'button', class: 'product', disabled: !item.available, dataset: { productId: String(item.productId) },
			onclick: () => add(item.productId, 1),
		},
		h('span', { class: 'product-name' }, product.name),
		h('span', { class: 'product-price' }, money(product.priceMinor)),
		item.available ? null : h('span', { class: 'product-reason small' }, t('sell.unavailable')),
		badge);
	}));

	// ---- the order
	const linesList = h('ul', { class: 'cart-lines' });
	const appliedList = h('ul', { class: 'cart-applied', 'aria-label': t('sell.applied') });
	const totalsEl = h('dl', { class: 'cart-totals' });
	const cartSection = h('section', { class: 'card cart', 'aria-labelledby': 'cart-h' },
		h('div', { class: 'row between' }, h('h2', { id: 'cart-h' }, t('sell.order')),
			h('button', { type: 'button', class: 'small', onclick: () => { resetOrder(); sellScreen(container, ctx); } }, t('sell.clear'))),
		linesList, appliedList, totalsEl);

	// ---- codes
	const codeInput = h('input', { name: 'code', type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false' });
	const codeChips = h('ul', { class: 'code-chips', 'aria-label': t('sell.codes') });
	const codeForm = h('form', { class: 'card code-form', novalidate: true, 'aria-labelledby': 'code-h' },
		h('h2', { id: 'code-h', class: 'visually-hidden' }, t('sell.codes')),
		h('div', { class: 'code-row' }, field(t('sell.code'), codeInput), h('button', { type: 'submit' }, t('sell.applyCode'))),
		codeChips,
		h('div', { class: 'form-errors', role: 'alert' }));
	codeForm.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(codeForm);
		const code = codeInput.value.trim().toUpperCase();
		if (!code) {
			showErrors(codeForm, { detail: t('sell.codeEmpty'), errors: [] });
			return;
		}
		if (order.codes.some((c) => c.code === code)) {
			codeInput.value = '';
			return;
		}
		const promotionId = await promotionForCode(code);
		if (promotionId === null) {
			showErrors(codeForm, { detail: t('sell.codeUnknown', { code }), errors: [{ field: 'code', message: t('sell.codeUnknownShort') }] });
			return;
		}
		order.codes.push({ code, promotionId });
		codeInput.value = '';
		update();
		const applies = quote?.applied.some((a) => a.promotionId === promotionId);
		ctx.status(applies ? t('sell.codeApplied', { code }) : t('sell.codeAccepted', { code }));
	});

	// ---- payment
	const methodInputs = ['CASH', 'CARD', 'GATEWAY'].map((method) => h('input', {
		type: 'radio', name: 'method', value: method, checked: order.method === method,
		onchange: () => { order.method = method; if (method === 'GATEWAY' && !order.gatewayReference) order.gatewayReference = gatewayReference(); drawMethod(); },
	}));
	const tendered = h('input', { name: 'tendered', type: 'text', inputmode: 'decimal', autocomplete: 'off', value: order.tendered,
		oninput: () => { order.tendered = tendered.value; drawChange(); } });
	const quick = h('div', { class: 'quick-cash', role: 'group', 'aria-label': t('sell.quickCash') });
	const changeEl = h('p', { class: 'change', 'aria-live': 'polite' });
	const cardReference = h('input', { name: 'terminalReference', type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: '32',
		value: order.cardReference, oninput: () => { order.cardReference = cardReference.value; } });
	const gatewayRef = h('input', { name: 'reference', type: 'text', autocomplete: 'off', maxlength: '64',
		oninput: () => { order.gatewayReference = gatewayRef.value; } });
	const cashPart = h('div', { class: 'method-part' }, field(t('sell.tendered'), tendered), quick, changeEl);
	const cardPart = h('div', { class: 'method-part' }, field(t('sell.terminalReference'), cardReference, t('sell.terminalHint')));
	const gatewayPart = h('div', { class: 'method-part' }, h('p', { class: 'notice' }, t('sell.gatewayHint')), field(t('sell.gatewayReference'), gatewayRef));
	const recordButton = h('button', { type: 'submit', class: 'primary wide record' }, t('sell.record'));
	const payForm = h('form', { class: 'card pay-form', novalidate: true, 'aria-labelledby': 'pay-h' },
		h('fieldset', { class: 'methods' }, h('legend', { id: 'pay-h' }, t('sell.payment')),
			methodInputs.map((input) => h('label', { class: 'method' }, input, h('span', {}, t(`payment.method.${input.value}`))))),
		cashPart, cardPart, gatewayPart,
		h('div', { class: 'form-errors', role: 'alert' }),
		recordButton);

	function drawMethod() {
		cashPart.hidden = order.method !== 'CASH';
		cardPart.hidden = order.method !== 'CARD';
		gatewayPart.hidden = order.method !== 'GATEWAY';
		gatewayRef.value = order.gatewayReference;
	}

	function drawChange() {
		const total = quote?.totalMinor ?? 0;
		const given = parseMoney(order.tendered, currency);
		if (!quote || given === null) changeEl.textContent = '';
		else if (given < total) changeEl.textContent = t('sell.short', { amount: money(total - given) });
		else changeEl.textContent = t('sell.change', { amount: money(given - total) });
		changeEl.classList.toggle('bad', Boolean(quote && given !== null && given < total));
	}

	function drawQuick() {
		const total = quote?.totalMinor ?? 0;
		const amounts = [total];
		for (const step of [1000, 2000, 5000, 10000, 20000]) {
			const next = Math.ceil(total / step) * step;
			if (next > total && !amounts.includes(next) && amounts.length < 4) amounts.push(next);
		}
		replace(quick, total ? amounts.map((amount, i) => h('button', {
			type: 'button', class: 'small',
			onclick: () => { order.tendered = minorToInput(amount, currency, lang()); tendered.value = order.tendered; drawChange(); },
		}, i === 0 ? t('sell.exact') : money(amount))) : null);
	}

	function add(productId, delta) {
		const line = order.lines.find((l) => l.productId === productId);
		if (line) line.quantity += delta;
		else if (delta > 0) order.lines.push({ productId, quantity: delta });
		order.lines = order.lines.filter((l) => l.quantity > 0);
		update();
	}

	function update() {
		try {
			quote = quoteOrder(products);
		} catch (e) {
			if (!(e instanceof UnknownProductError)) throw e;
			order.lines.splice(e.lineIndex, 1);
			update();
			return;
		}
		for (const [id, badge] of qtyBadges) {
			const q = order.lines.find((l) => l.productId === id)?.quantity ?? 0;
			badge.textContent = q ? `×${q}` : '';
		}
		replace(linesList, quote ? quote.lines.map((line) => h('li', { class: 'cart-line', dataset: { productId: String(line.productId) } },
			h('span', { class: 'cart-name' }, line.name),
			h('span', { class: 'stepper' },
				h('button', { type: 'button', 'aria-label': t('sell.less', { name: line.name }), onclick: () => add(line.productId, -1) }, '−'),
				h('output', { class: 'cart-qty', 'aria-label': t('sell.quantity', { name: line.name }) }, String(line.quantity)),
				h('button', { type: 'button', 'aria-label': t('sell.more', { name: line.name }), onclick: () => add(line.productId, 1) }, '+')),
			h('span', { class: 'cart-amount' },
				line.discountMinor ? h('s', { class: 'small muted' }, money(line.grossMinor)) : null, ' ', money(line.totalMinor))))
			: h('li', { class: 'muted' }, t('sell.empty')));
		replace(appliedList, (quote?.applied ?? []).map((a) => h('li', { class: 'applied' }, h('span', {}, a.reason), h('span', { class: 'num' }, `−${money(a.amountMinor)}`))));
		replace(totalsEl,
			h('div', {}, h('dt', {}, t('receipt.subtotal')), h('dd', {}, money(quote?.subtotalMinor ?? 0))),
			quote?.discountMinor ? h('div', {}, h('dt', {}, t('receipt.discount')), h('dd', {}, `−${money(quote.discountMinor)}`)) : null,
			h('div', { class: 'total' }, h('dt', {}, t('receipt.total')), h('dd', { class: 'cart-total' }, money(quote?.totalMinor ?? 0))));
		replace(codeChips, order.codes.map((c) => h('li', {}, h('span', {}, c.code), ' ',
			h('button', { type: 'button', class: 'small', 'aria-label': t('sell.removeCode', { code: c.code }),
				onclick: () => { order.codes = order.codes.filter((x) => x !== c); update(); } }, '×'))));
		drawQuick();
		drawChange();
		drawBar();
	}

	payForm.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(payForm);
		let sale;
		try {
			sale = buildSale(products);
		} catch (problem) {
			showErrors(payForm, problem);
			return;
		}
		recordButton.disabled = true;
		try {
			await recordEvent('SALE_RECORDED', sale.payload, sale.local);
		} catch (e) {
			recordButton.disabled = false;
			showErrors(payForm, { detail: e instanceof StorageFullError ? t('operator.alarm.storageFull') : String(e?.message ?? e), errors: [] });
			return;
		}
		resetOrder();
		ctx.go(`#/receipt/${sale.payload.saleId}`);
	});

	// under the thumb: the running total and a jump to the payment, while the order is not empty
	const barTotal = h('strong', { class: 'checkout-total' });
	const bar = h('div', { class: 'checkout-bar', hidden: true },
		h('span', { class: 'checkout-summary' }, barTotal),
		h('button', { type: 'button', class: 'primary', onclick: () => {
			payForm.scrollIntoView({ block: 'start' });
			payForm.querySelector('input:checked')?.focus({ preventScroll: true });
		} }, t('sell.toPayment')));
	drawBar = () => {
		bar.hidden = !quote;
		const count = order.lines.reduce((sum, l) => sum + l.quantity, 0);
		barTotal.textContent = quote ? t('sell.barTotal', { count, total: money(quote.totalMinor) }) : '';
	};

	replace(container, h('h1', { class: 'visually-hidden', tabindex: '-1' }, t('sell.title')),
		h('section', { 'aria-label': t('sell.products') }, grid), cartSection, codeForm, payForm, bar);
	drawMethod();
	update();
}

/** The SALE_RECORDED payload for the current order, priced now; throws a {detail, errors} problem when incomplete. */
function buildSale(products) {
	const { currency } = app.settings;
	const money = (minor) => formatMoney(minor, currency, lang());
	const quote = quoteOrder(products);
	if (!quote) throw { detail: t('sell.emptyOrder'), errors: [] };
	let payment;
	if (order.method === 'CASH') {
		const given = parseMoney(order.tendered, currency);
		if (given === null) throw { detail: t('sell.fix'), errors: [{ field: 'tendered', message: t('sell.tenderedMissing') }] };
		if (given < quote.totalMinor) throw { detail: t('sell.fix'), errors: [{ field: 'tendered', message: t('sell.tenderedShort', { total: money(quote.totalMinor) }) }] };
		payment = { method: 'CASH', tenderedMinor: given, changeMinor: given - quote.totalMinor };
	} else if (order.method === 'CARD') {
		const reference = order.cardReference.trim();
		if (!reference) throw { detail: t('sell.fix'), errors: [{ field: 'terminalReference', message: t('sell.referenceMissing') }] };
		if (looksLikeCardNumber(reference)) throw { detail: t('sell.fix'), errors: [{ field: 'terminalReference', message: t('sell.cardNumberRefused') }] };
		if (!/^[A-Za-z0-9-]{2,32}$/.test(reference)) throw { detail: t('sell.fix'), errors: [{ field: 'terminalReference', message: t('sell.referenceFormat') }] };
		payment = { method: 'CARD', terminalReference: reference.toUpperCase() };
	} else {
		const reference = order.gatewayReference.trim();
		if (!reference) throw { detail: t('sell.fix'), errors: [{ field: 'reference', message: t('sell.referenceMissing') }] };
		payment = { method: 'GATEWAY', reference };
	}
	const names = {};
	for (const line of quote.lines) names[line.productId] = line.name;
	return {
		payload: {
			saleId: uuidv7(),
			shiftId: app.projection.shift?.shiftId ?? null,
			lines: quote.lines.map((l) => ({
				productId: l.productId, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, discountMinor: l.discountMinor,
				totalMinor: l.totalMinor, vatRateBp: l.vatRateBp,
			})),
			applied: quote.applied.map((a) => ({ promotionId: a.promotionId, reason: a.reason, amountMinor: a.amountMinor })),
			codes: order.codes.filter((c) => quote.applied.some((a) => a.promotionId === c.promotionId)).map((c) => c.code),
			subtotalMinor: quote.subtotalMinor,
			discountMinor: quote.discountMinor,
			totalMinor: quote.totalMinor,
			vat: quote.vat.map((v) => ({ rateBp: v.rateBp, grossMinor: v.grossMinor, netMinor: v.netMinor, vatMinor: v.vatMinor })),
			payment,
		},
		local: { names, standName: app.device.standName },
	};
}
