/**
 * The cart on a stand's menu: lines with +/- (at most 20 of a product, as the server allows), discount codes, and
 * the price from POST /api/v1/pricing/quote: the server prices, so what the customer sees is what the order
 * will be checked against (`expectedTotalMinor`). The lines and codes stay in localStorage per stand, so a reload
 * or a trip to the payment page and back keeps them.
 */
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { api } from '../common/api.js';
import { problemMessage } from '../common/forms.js';
import { formatMoney } from '../common/format.js';

export const MAX_QUANTITY = 20;
const QUOTE_DELAY = 250;
const storageKey = (standId) => `diggety.customer.cart.${standId}`;

function loadCart(standId) {
	try {
		const stored = JSON.parse(localStorage.getItem(storageKey(standId)));
		if (stored && Array.isArray(stored.lines)) return { lines: stored.lines, codes: Array.isArray(stored.codes) ? stored.codes : [] };
	} catch {
		// a broken entry is an empty cart
	}
	return { lines: [], codes: [] };
}

function saveCart(standId, cart) {
	if (!cart.lines.length && !cart.codes.length) localStorage.removeItem(storageKey(standId));
	else localStorage.setItem(storageKey(standId), JSON.stringify(cart));
}

/** Empties a stand's stored cart (after an order was placed). */
export function forgetCart(standId) {
	localStorage.removeItem(storageKey(standId));
}

/** The index of the code a quote refusal names (a field like `codes[1]`), or -1 when it is not about a code. */
function refusedCode(error) {
	for (const { field } of error?.errors ?? []) {
		const match = /^codes(?:\[(\d+)\])?/.exec(field ?? '');
		if (match) return match[1] === undefined ? 0 : Number(match[1]);
	}
	return -1;
}

/**
 * The cart panel (`#cart`) for one stand. `items` is the stand's menu; `onChange(state)` runs after every new
 * quote (or when the cart empties). Returns {el, add(productId), fresh(), requote(), clear(), state(), money(minor),
 * nameOf(productId)}: `fresh()` resolves to the quote for what the cart holds now (waiting for one in flight), or
 * null for an empty cart.
 */
export function cartPanel(standId, items, { onChange } = {}) {
	const cart = loadCart(standId);
	const byId = new Map(items.map((i) => [i.productId, i]));
	const dropped = cart.lines.filter((l) => !byId.get(l.productId)?.available);
	cart.lines = cart.lines.filter((l) => byId.get(l.productId)?.available);
	let priced = null; // the last quote answer {currency, codes, quote}
	let quoteError = null;
	let pending = null;
	let timer = null;
	let controller = null;
	let round = 0;

	const money = (minor) => formatMoney(minor, priced?.currency ?? items[0]?.currency ?? 'PLN', lang());
	const linesEl = h('ul', { class: 'cart-lines', id: 'cart-lines' });
	const appliedEl = h('ul', { class: 'cart-applied', 'aria-label': t('cart.discounts') });
	const totalsEl = h('dl', { class: 'cart-totals' });
	const totalEl = h('dd', { id: 'cart-total', 'aria-live': 'polite' });
	const alertEl = h('p', { class: 'cart-alert', role: 'alert' });
	const codeInput = h('input', { id: 'code-input', name: 'code', type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: '32' });
	const codeNote = h('p', { class: 'field-error', id: 'code-note', role: 'alert' });
	const chips = h('ul', { class: 'code-chips', 'aria-label': t('cart.codes') });
	const codeForm = h('form', { class: 'code-form', novalidate: true },
		h('label', { for: 'code-input' }, t('cart.code')),
		h('div', { class: 'code-row' }, codeInput, h('button', { type: 'submit', id: 'code-apply' }, t('cart.applyCode'))),
		codeNote, chips);
	const el = h('section', { id: 'cart', class: 'card cart', 'aria-labelledby': 'cart-title', 'aria-busy': 'false' },
		h('h2', { id: 'cart-title' }, t('cart.title')),
		dropped.length ? h('p', { class: 'notice' }, t('cart.dropped', { names: dropped.map((l) => byId.get(l.productId)?.name ?? l.productId).join(', ') })) : null,
		linesEl, appliedEl, totalsEl, alertEl, codeForm);

	codeForm.addEventListener('submit', (event) => {
		event.preventDefault();
		const code = codeInput.value.trim().toUpperCase();
		codeNote.textContent = '';
		if (!code) {
			codeNote.textContent = t('cart.codeEmpty');
			return;
		}
		if (!cart.codes.includes(code)) cart.codes.push(code);
		codeInput.value = '';
		changed({ now: true });
	});

	function add(productId, delta = 1) {
		const item = byId.get(productId);
		if (!item?.available) return;
		const line = cart.lines.find((l) => l.productId === productId);
		if (line) line.quantity = Math.min(MAX_QUANTITY, line.quantity + delta);
		else if (delta > 0) cart.lines.push({ productId, quantity: Math.min(MAX_QUANTITY, delta) });
		cart.lines = cart.lines.filter((l) => l.quantity > 0);
		changed();
	}

	function changed({ now = false } = {}) {
		saveCart(standId, cart);
		draw();
		clearTimeout(timer);
		if (!cart.lines.length) {
			controller?.abort();
			priced = null;
			quoteError = null;
			pending = null;
			draw();
			onChange?.(state());
			return;
		}
		// a burst of taps on + becomes one quote
		pending = new Promise((resolve) => {
			timer = setTimeout(() => requote().then(resolve), now ? 0 : QUOTE_DELAY);
		});
	}

	async function requote() {
		controller?.abort();
		controller = new AbortController();
		const mine = ++round;
		el.setAttribute('aria-busy', 'true');
		try {
			const answer = await api('/api/v1/pricing/quote', {
				method: 'POST', signal: controller.signal, body: { standId, lines: cart.lines, codes: cart.codes },
			});
			if (mine !== round) return priced;
			priced = answer;
			quoteError = null;
		} catch (e) {
			if (e.name === 'AbortError' || mine !== round) return priced;
			const index = refusedCode(e);
			if (index >= 0 && cart.codes.length) {
				// a code the server refuses: say why, drop it and price the rest
				const [code] = cart.codes.splice(Math.min(index, cart.codes.length - 1), 1);
				codeNote.textContent = t('cart.codeRefused', { code, reason: problemMessage(e) });
				saveCart(standId, cart);
				return requote();
			}
			quoteError = e;
		} finally {
			if (mine === round) el.setAttribute('aria-busy', 'false');
		}
		draw();
		onChange?.(state());
		return priced;
	}

	function draw() {
		const quote = priced?.quote;
		const lineOf = new Map((quote?.lines ?? []).map((l) => [l.productId, l]));
		replace(linesEl, cart.lines.length ? cart.lines.map((line) => {
			const item = byId.get(line.productId);
			const name = item?.name ?? String(line.productId);
			const quoted = lineOf.get(line.productId);
			return h('li', { class: 'cart-line', dataset: { productId: String(line.productId) } },
				h('span', { class: 'cart-name' }, name),
				h('span', { class: 'stepper' },
					h('button', { type: 'button', class: 'cart-less', 'aria-label': t('cart.less', { name }), onclick: () => add(line.productId, -1) }, '−'),
					h('output', { class: 'cart-qty', 'aria-label': t('cart.quantity', { name }) }, String(line.quantity)),
					h('button', {
						type: 'button', class: 'cart-more', 'aria-label': t('cart.more', { name }), disabled: line.quantity >= MAX_QUANTITY,
						onclick: () => add(line.productId, 1),
					}, '+')),
				h('span', { class: 'cart-amount' }, quoted && quoted.quantity === line.quantity ? money(quoted.totalMinor) : ''));
		}) : h('li', { class: 'muted cart-empty' }, t('cart.empty')));
		replace(appliedEl, (quote?.applied ?? []).map((a) => h('li', { class: 'applied' }, h('span', {}, a.reason), h('span', { class: 'num' }, `−${money(a.amountMinor)}`))));
		totalEl.textContent = quote && cart.lines.length ? money(quote.totalMinor) : money(0);
		replace(totalsEl,
			h('div', {}, h('dt', {}, t('cart.subtotal')), h('dd', { id: 'cart-subtotal' }, money(quote?.subtotalMinor ?? 0))),
			quote?.discountMinor ? h('div', {}, h('dt', {}, t('cart.discount')), h('dd', { id: 'cart-discount' }, `−${money(quote.discountMinor)}`)) : null,
			h('div', { class: 'total' }, h('dt', {}, t('cart.total')), totalEl));
		alertEl.textContent = quoteError ? t('cart.quoteFailed', { reason: problemMessage(quoteError) }) : '';
		replace(chips, cart.codes.map((code) => h('li', { dataset: { code } }, h('span', {}, code), ' ',
			h('button', {
				type: 'button', class: 'small', 'aria-label': t('cart.removeCode', { code }),
				onclick: () => { cart.codes = cart.codes.filter((c) => c !== code); changed({ now: true }); },
			}, '×'))));
	}

	function state() {
		return {
			lines: cart.lines.map((l) => ({ ...l })), codes: [...cart.codes], priced, error: quoteError,
			count: cart.lines.reduce((sum, l) => sum + l.quantity, 0),
		};
	}

	/** The quote for the cart as it is now: waits for a pending one, asks again when none was made. */
	async function fresh() {
		if (!cart.lines.length) return null;
		if (pending) await pending;
		if (!priced || quoteError) await requote();
		return priced;
	}

	/** Prices the cart again now (the price changed on the server). */
	function requoteNow() {
		if (!cart.lines.length) return Promise.resolve(null);
		clearTimeout(timer);
		pending = requote();
		return pending;
	}

	function clear() {
		cart.lines = [];
		cart.codes = [];
		forgetCart(standId);
		changed();
	}

	draw();
	if (cart.lines.length) changed({ now: true });
	const nameOf = (productId) => byId.get(Number(productId))?.name ?? String(productId);
	return { el, add, fresh, requote: requoteNow, clear, state, money, nameOf };
}
