/**
 * Checkout under the cart: whether the stand takes online orders now (GET /stands/{id}/ordering, asked again
 * right before ordering), who orders (the signed-in account, or a guest's e-mail or phone), and placing the order
 * with the total the customer saw. The server refuses with a reason instead of charging: a changed price
 * (`stale-quote`), an ingredient out with a substitute on offer (`substitute-offered`) or without (`unavailable`),
 * or a stand that closed or went quiet (`closed`, `unreachable`). On 201 the order is remembered on this phone and
 * the customer goes to the payment page, which returns to #/orders/<id>.
 */
import { h, replace } from '../common/dom.js';
import { t } from '../common/i18n.js';
import { api } from '../common/api.js';
import { field, showErrors, clearErrors, problemMessage } from '../common/forms.js';
import { accountForm, accountSummary, signedIn } from './account.js';
import { remember } from './my-orders.js';
import { forgetCart } from './cart.js';

const REASONS = ['closed', 'unreachable', 'not-open-for-orders'];

/** The problem's kind: the last segment of its `type` URI ("…/problems/stale-quote" -> "stale-quote"). */
export function problemKind(error) {
	const problem = error?.problem ?? {};
	const type = String(problem.type ?? '').replace(/[?#].*$/, '');
	const last = type.split('/').filter(Boolean).pop() ?? '';
	return last && last !== 'about:blank' ? last : (problem.code ?? problem.reason ?? '');
}

/** The sentence for an ordering state {accepting, reason, waitMinutes}. */
function orderingText(ordering) {
	if (!ordering) return t('checkout.ordering.unknown');
	if (ordering.accepting) {
		return ordering.waitMinutes ? t('checkout.ordering.open', { minutes: ordering.waitMinutes }) : t('checkout.ordering.openNoWait');
	}
	return t(`checkout.ordering.${REASONS.includes(ordering.reason) ? ordering.reason : 'other'}`);
}

/** A problem's product list as names: the API may list objects with names or bare ids. */
function productNames(products, cart) {
	return (products ?? []).map((p) => (typeof p === 'object' ? (p.productName ?? p.name ?? p.productId) : cart.nameOf(p))).join(', ');
}

/**
 * The checkout panel for `standId` under `cart` (cart.js). Returns {el, cartChanged(state), refresh()}: the
 * stand page calls cartChanged after every quote so the button follows the cart.
 */
export function checkoutPanel(standId, cart) {
	let ordering = null;
	let orderingFailed = null;
	let cartState = cart.state();
	let open = false;

	const stateEl = h('p', { id: 'ordering-state', class: 'ordering-state', role: 'status' });
	const retry = h('button', { type: 'button', class: 'small', id: 'ordering-retry', hidden: true, onclick: () => refresh() }, t('checkout.ordering.retry'));
	const checkoutButton = h('button', { type: 'button', id: 'checkout', class: 'primary wide', onclick: () => openForm() }, t('checkout.go'));
	const formSlot = h('div', { id: 'checkout-slot' });
	const el = h('section', { class: 'card checkout', 'aria-labelledby': 'checkout-title' },
		h('h2', { id: 'checkout-title' }, t('checkout.title')),
		h('div', { class: 'row between' }, stateEl, retry),
		checkoutButton, formSlot);

	function drawState() {
		const accepting = Boolean(ordering?.accepting);
		stateEl.textContent = orderingFailed ? t('checkout.ordering.failed', { reason: problemMessage(orderingFailed) }) : orderingText(ordering);
		stateEl.dataset.accepting = String(accepting);
		stateEl.dataset.reason = ordering?.reason ?? (orderingFailed ? 'failed' : '');
		stateEl.classList.toggle('closed', !accepting);
		retry.hidden = accepting;
		const ready = accepting && cartState.count > 0 && Boolean(cartState.priced) && !cartState.error;
		checkoutButton.disabled = !ready;
		checkoutButton.hidden = open;
		const place = formSlot.querySelector('#place-order');
		if (place) place.disabled = !ready;
		const total = formSlot.querySelector('.place-total');
		if (total) total.textContent = cartState.priced ? cart.money(cartState.priced.quote.totalMinor) : '';
		if (!cartState.count && open) closeForm();
	}

	/** Asks the server whether the stand takes orders now; resolves to the answer (null when it could not ask). */
	async function refresh() {
		try {
			ordering = await api(`/api/v1/stands/${standId}/ordering`, { token: null });
			orderingFailed = null;
		} catch (e) {
			ordering = null;
			orderingFailed = e;
		}
		drawState();
		return ordering;
	}

	function closeForm() {
		open = false;
		replace(formSlot);
		checkoutButton.hidden = false;
	}

	async function openForm() {
		checkoutButton.disabled = true;
		const answer = await refresh();
		if (!answer?.accepting) return;
		open = true;
		drawForm();
		drawState();
		formSlot.querySelector('input, button')?.focus();
	}

	function drawForm({ loginShown = false } = {}) {
		const email = h('input', { name: 'email', id: 'guest-email', type: 'email', autocomplete: 'email', autocapitalize: 'none', spellcheck: 'false' });
		const phone = h('input', { name: 'phone', id: 'guest-phone', type: 'tel', autocomplete: 'tel', inputmode: 'tel' });
		const problemSlot = h('div', { id: 'order-problem', class: 'order-problem', role: 'alert' });
		const who = signedIn()
			? h('div', { class: 'checkout-who' }, accountSummary({ onSignOut: () => { cart.requote(); drawForm(); } }))
			: h('fieldset', { class: 'checkout-who' }, h('legend', {}, t('checkout.contact')),
				h('p', { class: 'hint' }, t('checkout.contactHint')),
				field(t('checkout.email'), email),
				field(t('checkout.phone'), phone, t('checkout.phoneHint')),
				loginShown ? null : h('p', {}, t('checkout.haveAccount'), ' ',
					h('button', { type: 'button', class: 'link-like', id: 'checkout-login', onclick: () => drawForm({ loginShown: true }) }, t('checkout.login'))));
		// a customer's own promotions (first order, loyalty) change the price: ask again after signing in
		const login = !signedIn() && loginShown ? accountForm({ compact: true, onDone: () => { cart.requote(); drawForm(); } }) : null;
		const place = h('button', { type: 'submit', id: 'place-order', class: 'primary wide place' },
			t('checkout.place'), ' ', h('span', { class: 'place-total' }));
		const form = h('form', { id: 'checkout-form', class: 'checkout-form', novalidate: true, 'aria-label': t('checkout.title') },
			who, problemSlot, h('div', { class: 'form-errors', role: 'alert' }), place,
			h('p', { class: 'hint' }, t('checkout.payNext')));
		form.addEventListener('submit', (event) => {
			event.preventDefault();
			placeOrder(form, { email, phone, problemSlot });
		});
		replace(formSlot, form, login);
		drawState();
	}

	async function placeOrder(form, parts, { substitutes = false } = {}) {
		const { email, phone, problemSlot } = parts;
		clearErrors(form);
		replace(problemSlot);
		const contact = signedIn() ? {} : { email: email.value.trim() || null, phone: phone.value.trim() || null };
		if (!signedIn()) {
			const errors = [];
			if (!contact.email && !contact.phone) errors.push({ field: 'email', message: t('checkout.contactMissing') });
			if (contact.email && !/^\S+@\S+\.\S+$/.test(contact.email)) errors.push({ field: 'email', message: t('account.emailInvalid') });
			if (contact.phone && !/^\+?[\d\s-]{7,20}$/.test(contact.phone)) errors.push({ field: 'phone', message: t('checkout.phoneInvalid') });
			if (errors.length) {
				showErrors(form, { detail: t('form.fixFields'), errors });
				return;
			}
		}
		const buttons = [...form.querySelectorAll('button')];
		buttons.forEach((b) => { b.disabled = true; });
		form.setAttribute('aria-busy', 'true');
		try {
			const answer = await refresh();
			if (!answer?.accepting) return;
			const priced = await cart.fresh();
			const state = cart.state();
			if (!priced || state.error) {
				showErrors(form, { detail: t('checkout.noQuote'), errors: [] });
				return;
			}
			const placed = await api('/api/v1/orders', {
				method: 'POST',
				body: {
					standId, items: state.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })), codes: state.codes,
					...contact, expectedTotalMinor: priced.quote.totalMinor, substitutes,
				},
			});
			// the answer is {order, accessKey, checkoutUrl}
			const order = { ...placed.order, accessKey: placed.accessKey, checkoutUrl: placed.checkoutUrl };
			remember(order, { guest: !signedIn() });
			forgetCart(standId);
			if (order.checkoutUrl) location.assign(order.checkoutUrl);
			else location.hash = `#/orders/${order.id}`;
		} catch (e) {
			refused(form, parts, e);
		} finally {
			form.removeAttribute('aria-busy');
			buttons.forEach((b) => { b.disabled = false; });
			drawState();
		}
	}

	/** Shows why the server did not take the order, with the way forward where there is one. */
	function refused(form, parts, e) {
		const { problemSlot } = parts;
		const kind = e.status === 409 ? problemKind(e) : '';
		const problem = e.problem ?? {};
		if (kind === 'stale-quote') {
			replace(problemSlot, h('p', { class: 'notice', id: 'stale-quote' }, t('checkout.stale', {
				total: Number.isFinite(problem.totalMinor) ? cart.money(problem.totalMinor) : '',
			})));
			cart.requote();
		} else if (kind === 'substitute-offered') {
			replace(problemSlot, h('div', { class: 'notice substitutes', id: 'substitutes' },
				h('p', {}, t('checkout.substitutesOffered')),
				h('ul', {}, (problem.substitutes ?? []).map((s) => h('li', { dataset: { productId: String(s.productId), substituteProductId: String(s.substituteProductId) } },
					t('checkout.substituteLine', { product: s.productName, substitute: s.substituteName })))),
				h('button', {
					type: 'button', class: 'primary wide', id: 'accept-substitutes',
					onclick: () => placeOrder(form, parts, { substitutes: true }),
				}, t('checkout.acceptSubstitutes'))));
		} else if (kind === 'unavailable') {
			replace(problemSlot, h('p', { class: 'notice', id: 'unavailable' }, t('checkout.unavailable', { names: productNames(problem.products, cart) })));
		} else if (kind === 'closed' || kind === 'unreachable') {
			ordering = { accepting: false, reason: kind };
			drawState();
			replace(problemSlot, h('p', { class: 'notice' }, orderingText(ordering)));
		} else if (e.status === 401) {
			showErrors(form, { detail: t('checkout.signInAgain'), errors: [] });
			drawForm({ loginShown: true });
			return;
		} else {
			showErrors(form, e);
			return;
		}
		problemSlot.scrollIntoView?.({ block: 'nearest' });
	}

	drawState();
	refresh();
	return {
		el,
		refresh,
		cartChanged(state) {
			cartState = state;
			drawState();
		},
	};
}
