/**
 * Promotions (owner, manager): the table with pause/resume/archive, the editor (promotion-form.js), each
 * code-requiring promotion's codes, the owner's discount limits and "Try a cart", which prices a cart at a stand
 * with the server's quote so a promotion can be checked before customers see it.
 */
import { h, replace, nextId } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { api } from '../common/api.js';
import { field, showErrors, clearErrors, busy } from '../common/forms.js';
import {
	formatMoney, formatDateTime, parseMoney, minorToInput, parsePercent, percentToInput, formatPercent, zonedInstant,
} from '../common/format.js';
import { promotionForm } from '../common/promotion-form.js';
import {
	KINDS, kindName, offerText, scheduleText, scopeText, flags, statusBadge,
} from '../common/promotion-text.js';

const STATUSES = ['ACTIVE', 'PAUSED', 'ARCHIVED'];
const byId = (list) => new Map(list.map((x) => [x.id, x]));

/** Pause, resume or archive; archiving asks first because it cannot be undone. */
async function changeStatus(ctx, promotion, action) {
	if (action === 'archive' && !confirm(t('promotion.archiveConfirm', { name: promotion.name }))) return null;
	try {
		const saved = await api(`/api/v1/promotions/${promotion.id}/${action}`, { method: 'POST' });
		ctx.status(t(`promotion.${action}d`, { name: saved.name }));
		return saved;
	} catch (e) {
		ctx.fail(e);
		return null;
	}
}

/** #/promotions: the table, the owner's limits and "Try a cart". */
export async function list(container, ctx) {
	const [promotions, products, stands, policy] = await Promise.all([
		api('/api/v1/promotions?includeArchived=true'),
		api('/api/v1/products?includeArchived=true'),
		api('/api/v1/stands'),
		api('/api/v1/pricing/policy'),
	]);
	const productsById = byId(products);
	const standsById = byId(stands);
	const { currency, zone } = ctx.settings;
	const shown = new Set(['ACTIVE', 'PAUSED']);
	const tbody = h('tbody');

	const statusFilter = h('fieldset', { class: 'status-filter' }, h('legend', {}, t('promotion.list.show')),
		STATUSES.map((status) => {
			const box = h('input', { type: 'checkbox', id: nextId('cb'), checked: shown.has(status) });
			box.addEventListener('change', () => {
				if (box.checked) shown.add(status);
				else shown.delete(status);
				draw();
			});
			return h('div', { class: 'check' }, h('label', { for: box.id }, box, t(`promotion.status.${status}`)));
		}));

	const actionButton = (promotion, action) => h('button', {
		type: 'button', class: `small${action === 'archive' ? ' danger' : ''}`,
		'aria-label': t(`promotion.${action}Named`, { name: promotion.name }),
		onclick: async (e) => {
			const button = e.currentTarget;
			button.disabled = true;
			const saved = await changeStatus(ctx, promotion, action);
			if (saved) {
				promotions.splice(promotions.indexOf(promotion), 1, saved);
				draw();
			} else {
				button.disabled = false;
			}
		},
	}, t(`promotion.${action}`));

	function draw() {
		const rows = promotions.filter((p) => shown.has(p.status));
		replace(tbody, rows.length ? rows.map((p) => h('tr', { class: p.status === 'ARCHIVED' ? 'archived' : '', dataset: { promotionId: p.id } },
			h('td', { class: 'promotion-name' }, h('strong', {}, p.name),
				flags(p.spec).length ? h('div', { class: 'small muted' }, flags(p.spec).join(' · ')) : null),
			h('td', {}, kindName(p.kind)),
			h('td', { class: 'small' }, offerText(p.spec, productsById, currency)),
			h('td', {}, scopeText(p, standsById)),
			h('td', { class: 'small' }, scheduleText(p.spec.window, zone)),
			h('td', {}, statusBadge(p.status)),
			h('td', {}, h('div', { class: 'actions' },
				p.status !== 'ARCHIVED' ? h('button', {
					type: 'button', class: 'small', 'aria-label': t('promotion.editNamed', { name: p.name }),
					onclick: () => { location.hash = `#/promotions/${p.id}`; },
				}, p.spec.requiresCode ? t('promotion.editCodes') : t('common.edit')) : null,
				p.status === 'ACTIVE' ? actionButton(p, 'pause') : null,
				p.status === 'PAUSED' ? actionButton(p, 'resume') : null,
				p.status !== 'ARCHIVED' ? actionButton(p, 'archive') : null))))
			: h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t('promotion.list.empty'))));
	}

	const th = (key) => h('th', { scope: 'col' }, t(key));
	replace(container,
		h('div', { class: 'view-head' },
			h('h1', { tabindex: '-1' }, t('promotion.list.title')),
			h('button', { type: 'button', class: 'primary', onclick: () => { location.hash = '#/promotions/new'; } }, t('promotion.new'))),
		statusFilter,
		h('div', { class: 'card table-wrap' }, h('table', { class: 'promotions' },
			h('caption', { class: 'visually-hidden' }, t('promotion.list.title')),
			h('thead', {}, h('tr', {}, th('promotion.col.name'), th('promotion.col.kind'), th('promotion.col.offer'),
				th('promotion.col.scope'), th('promotion.col.when'), th('promotion.col.status'), th('promotion.col.actions'))),
			tbody)),
		h('div', { class: 'promotion-tools' },
			tryCart(ctx, stands, products.filter((p) => p.active), promotions),
			policyCard(ctx, policy)));
	draw();
}

/** #/promotions/new and #/promotions/:id: the editor, and the codes of a promotion that asks for one. */
export async function edit(container, ctx, idParam) {
	const isNew = idParam === 'new';
	const [promotion, products, stands] = await Promise.all([
		isNew ? null : api(`/api/v1/promotions/${idParam}`),
		api('/api/v1/products'),
		api('/api/v1/stands'),
	]);
	const head = h('div', { class: 'view-head' },
		h('h1', { tabindex: '-1' }, isNew ? t('promotion.newTitle') : t('promotion.editTitle', { name: promotion.name })),
		promotion ? statusBadge(promotion.status) : null);
	if (promotion?.status === 'ARCHIVED') {
		replace(container, head, h('p', { class: 'notice' }, t('promotion.archivedText')),
			h('p', {}, h('a', { href: '#/promotions' }, t('promotion.back'))),
			promotion.spec.requiresCode ? await codesCard(ctx, promotion, false) : null);
		return;
	}
	const form = promotionForm({
		settings: ctx.settings, products, stands, promotion,
		extraActions: h('a', { class: 'button', href: '#/promotions' }, t('promotion.back')),
		onSaved: (saved) => {
			if (isNew && saved.spec.requiresCode) {
				ctx.status(t('promotion.createdAddCodes', { name: saved.name }));
				ctx.go(`#/promotions/${saved.id}`);
			} else {
				ctx.status(t('promotion.saved', { name: saved.name }));
				ctx.go('#/promotions');
			}
		},
	});
	const side = h('div', {});
	if (promotion?.spec.requiresCode) side.append(await codesCard(ctx, promotion, true));
	else if (promotion) side.append(h('section', { class: 'card' }, h('h2', {}, t('promotion.codes.title')), h('p', { class: 'muted' }, t('promotion.codes.notNeeded'))));
	replace(container, head, side.childNodes.length ? h('div', { class: 'editor' }, form, side) : form);
}

/** A promotion's codes with their uses, and a form to create random ones or one vanity code. */
async function codesCard(ctx, promotion, editable) {
	const { zone } = ctx.settings;
	const codes = await api(`/api/v1/promotions/${promotion.id}/codes`);
	const tbody = h('tbody');
	const unlimited = t('promotion.codes.unlimited');
	const drawCodes = () => replace(tbody, codes.length ? codes.map((c) => h('tr', { class: c.active ? '' : 'archived' },
		h('td', {}, h('code', {}, c.code)),
		h('td', { class: 'num' }, c.maxUses ? t('promotion.codes.usesOf', { uses: c.uses, max: c.maxUses }) : String(c.uses)),
		h('td', { class: 'num' }, c.perCustomerLimit ?? unlimited),
		h('td', { class: 'small' }, c.validFrom || c.validTo
			? [formatDateTime(c.validFrom, zone, lang()) || '…', ' – ', formatDateTime(c.validTo, zone, lang()) || '…'] : t('promotion.schedule.always'))))
		: h('tr', {}, h('td', { colspan: 4, class: 'muted' }, t('promotion.codes.none'))));
	drawCodes();
	const card = h('section', { class: 'card', 'aria-labelledby': 'codes-h' },
		h('h2', { id: 'codes-h' }, t('promotion.codes.title')),
		h('div', { class: 'table-wrap' }, h('table', { class: 'codes' },
			h('thead', {}, h('tr', {}, ['code', 'uses', 'perCustomer', 'valid'].map((c) => h('th', { scope: 'col' }, t(`promotion.codes.col.${c}`))))),
			tbody)));
	if (!editable) return card;

	const group = nextId('codemode');
	const randomRadio = h('input', { type: 'radio', name: group, id: nextId('rb'), checked: true });
	const vanityRadio = h('input', { type: 'radio', name: group, id: nextId('rb') });
	const count = h('input', { type: 'number', name: 'count', min: 1, max: 500, step: 1, value: 10 });
	const vanity = h('input', { type: 'text', name: 'code', autocapitalize: 'characters', spellcheck: 'false', autocomplete: 'off', maxlength: 32 });
	const countField = field(t('promotion.codes.count'), count);
	const vanityField = field(t('promotion.codes.vanity'), vanity, t('promotion.codes.vanityHint'));
	const sync = () => {
		countField.hidden = !randomRadio.checked;
		vanityField.hidden = randomRadio.checked;
	};
	randomRadio.addEventListener('change', sync);
	vanityRadio.addEventListener('change', sync);
	sync();
	const maxUses = h('input', { type: 'number', name: 'maxUses', min: 1, step: 1 });
	const perCustomer = h('input', { type: 'number', name: 'perCustomerLimit', min: 1, step: 1 });
	const validFrom = h('input', { type: 'datetime-local', name: 'validFrom' });
	const validTo = h('input', { type: 'datetime-local', name: 'validTo' });
	const form = h('form', { novalidate: true, 'aria-labelledby': 'newcodes-h' },
		h('h3', { id: 'newcodes-h' }, t('promotion.codes.new')),
		h('fieldset', { class: 'mode-choice' }, h('legend', {}, t('promotion.codes.which')),
			h('div', { class: 'check' }, h('label', { for: randomRadio.id }, randomRadio, t('promotion.codes.random'))),
			h('div', { class: 'check' }, h('label', { for: vanityRadio.id }, vanityRadio, t('promotion.codes.own')))),
		countField, vanityField,
		h('div', { class: 'grid-2' },
			field(t('promotion.codes.maxUses'), maxUses, t('promotion.codes.emptyUnlimited')),
			field(t('promotion.codes.perCustomer'), perCustomer, t('promotion.codes.emptyUnlimited')),
			field(t('promotion.codes.validFrom'), validFrom),
			field(t('promotion.codes.validTo'), validTo)),
		h('div', { class: 'form-errors', role: 'alert' }),
		h('div', { class: 'form-actions' }, h('button', { type: 'submit' }, t('promotion.codes.create'))));
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(form);
		const optionalWhole = (input) => (input.value === '' ? null : Number(input.value));
		const body = {
			maxUses: optionalWhole(maxUses), perCustomerLimit: optionalWhole(perCustomer),
			validFrom: zonedInstant(validFrom.value, zone), validTo: zonedInstant(validTo.value, zone),
		};
		if (randomRadio.checked) body.count = optionalWhole(count) ?? 1;
		else body.code = vanity.value.trim().toUpperCase();
		if (vanityRadio.checked && !body.code) {
			showErrors(form, { detail: t('form.fixFields'), errors: [{ field: 'code', message: t('form.required') }] });
			return;
		}
		await busy(form, async () => {
			try {
				const created = await api(`/api/v1/promotions/${promotion.id}/codes`, { method: 'POST', body });
				codes.push(...created);
				drawCodes();
				vanity.value = '';
				ctx.status(created.length === 1
					? t('promotion.codes.createdOne', { code: created[0].code })
					: t('promotion.codes.created', { count: created.length }));
			} catch (e) {
				if (e.status !== 401) showErrors(form, e);
			}
		});
	});
	card.append(form);
	return card;
}

/** The owner's limits: what operators may offer and the most any order may be discounted. */
function policyCard(ctx, policy) {
	const card = h('section', { class: 'card', 'aria-labelledby': 'policy-h' }, h('h2', { id: 'policy-h' }, t('admin.policy.title')));
	const { currency } = ctx.settings;
	const kindsText = () => policy.operatorKinds.length
		? KINDS.filter((k) => policy.operatorKinds.includes(k)).map(kindName).join(', ') : t('admin.policy.noKinds');
	if (!ctx.isOwner()) {
		card.append(h('dl', { class: 'facts' },
			h('dt', {}, t('admin.policy.operatorMax')), h('dd', {}, formatPercent(policy.operatorMaxPercentBp, lang())),
			h('dt', {}, t('admin.policy.operatorKinds')), h('dd', {}, kindsText()),
			h('dt', {}, t('admin.policy.maxDiscount')), h('dd', {}, policy.maxDiscountBp == null ? t('admin.policy.noLimit') : formatPercent(policy.maxDiscountBp, lang())),
			h('dt', {}, t('admin.policy.maxDiscountAmount')), h('dd', {}, policy.maxDiscountMinor == null ? t('admin.policy.noLimit') : formatMoney(policy.maxDiscountMinor, currency, lang()))),
		h('p', { class: 'hint' }, t('admin.policy.ownerOnly')));
		return card;
	}
	const operatorMax = h('input', { type: 'text', name: 'operatorMaxPercentBp', inputmode: 'decimal', autocomplete: 'off', value: percentToInput(policy.operatorMaxPercentBp, lang()) });
	const kindBoxes = KINDS.map((k) => h('input', { type: 'checkbox', id: nextId('cb'), value: k, checked: policy.operatorKinds.includes(k) }));
	const maxBp = h('input', { type: 'text', name: 'maxDiscountBp', inputmode: 'decimal', autocomplete: 'off', value: percentToInput(policy.maxDiscountBp, lang()) });
	const maxMinor = h('input', { type: 'text', name: 'maxDiscountMinor', inputmode: 'decimal', autocomplete: 'off', value: minorToInput(policy.maxDiscountMinor, currency, lang()) });
	const form = h('form', { novalidate: true },
		h('p', { class: 'hint' }, t('admin.policy.hint')),
		field(t('admin.policy.operatorMax'), operatorMax, t('admin.policy.operatorMaxHint')),
		h('fieldset', { 'data-field': 'operatorKinds' }, h('legend', {}, t('admin.policy.operatorKinds')),
			kindBoxes.map((box) => h('div', { class: 'check' }, h('label', { for: box.id }, box, kindName(box.value))))),
		field(t('admin.policy.maxDiscount'), maxBp, t('admin.policy.emptyNoLimit')),
		field(t('admin.policy.maxDiscountAmount'), maxMinor, t('admin.policy.emptyNoLimit')),
		h('div', { class: 'form-errors', role: 'alert' }),
		h('div', { class: 'form-actions' }, h('button', { type: 'submit' }, t('admin.policy.save'))));
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(form);
		const errors = [];
		const percentOf = (input, fieldName, optional) => {
			if (optional && !input.value.trim()) return null;
			const bp = parsePercent(input.value);
			if (bp === null || bp > 10000) errors.push({ field: fieldName, message: t('form.percent', { example: percentToInput(1250, lang()) }) });
			return bp;
		};
		const body = {
			operatorMaxPercentBp: percentOf(operatorMax, 'operatorMaxPercentBp', false),
			operatorKinds: kindBoxes.filter((b) => b.checked).map((b) => b.value),
			maxDiscountBp: percentOf(maxBp, 'maxDiscountBp', true),
			maxDiscountMinor: maxMinor.value.trim() ? parseMoney(maxMinor.value, currency) : null,
			version: policy.version,
		};
		if (maxMinor.value.trim() && body.maxDiscountMinor === null) {
			errors.push({ field: 'maxDiscountMinor', message: t('form.money', { example: minorToInput(1290, currency, lang()) }) });
		}
		if (errors.length) {
			showErrors(form, { detail: t('form.fixFields'), errors });
			return;
		}
		await busy(form, async () => {
			try {
				Object.assign(policy, await api('/api/v1/pricing/policy', { method: 'PUT', body }));
				ctx.status(t('admin.policy.saved'));
			} catch (e) {
				if (e.status !== 401) showErrors(form, e);
			}
		});
	});
	card.append(form);
	return card;
}

/** "Try a cart": a stand, a few products and codes, priced by the server as a customer would be. */
function tryCart(ctx, stands, products, promotions) {
	const { currency } = ctx.settings;
	const money = (minor) => formatMoney(minor, currency, lang());
	const active = stands.filter((s) => s.active);
	const stand = h('select', { name: 'standId' }, active.map((s) => h('option', { value: s.id }, `${s.code} · ${s.name}`)));
	const lines = h('div', { class: 'cart-lines' });
	const rows = [];
	const renumber = () => rows.forEach((row, i) => {
		row.product.name = `lines[${i}].productId`;
		row.quantity.name = `lines[${i}].quantity`;
		row.product.setAttribute('aria-label', t('admin.tryCart.productOfLine', { n: i + 1 }));
		row.quantity.setAttribute('aria-label', t('admin.tryCart.quantityOfLine', { n: i + 1 }));
		row.remove.setAttribute('aria-label', t('admin.tryCart.removeLine', { n: i + 1 }));
		row.remove.hidden = rows.length < 2;
	});
	const addLine = () => {
		const row = {
			product: h('select', {}, products.map((p) => h('option', { value: p.id }, `${p.name} · ${money(p.priceMinor)}`))),
			quantity: h('input', { type: 'number', min: 1, max: 99, step: 1, value: 1 }),
		};
		row.remove = h('button', { type: 'button', class: 'small danger', onclick: () => {
			rows.splice(rows.indexOf(row), 1);
			row.el.remove();
			renumber();
		} }, t('common.remove'));
		row.el = h('div', { class: 'cart-line' }, row.product, row.quantity, row.remove);
		rows.push(row);
		lines.append(row.el);
		renumber();
		return row;
	};
	addLine();
	const codes = h('input', { type: 'text', name: 'codes', autocapitalize: 'characters', spellcheck: 'false', autocomplete: 'off' });
	const result = h('div', { class: 'cart-result', 'aria-live': 'polite' });
	const names = new Map(promotions.map((p) => [p.id, p.name]));
	const form = h('form', { novalidate: true },
		h('p', { class: 'hint' }, t('admin.tryCart.hint')),
		field(t('admin.tryCart.stand'), stand),
		h('fieldset', { 'data-field': 'lines' }, h('legend', {}, t('admin.tryCart.products')), lines,
			h('button', { type: 'button', class: 'small', onclick: () => addLine().product.focus() }, t('admin.tryCart.addLine'))),
		field(t('admin.tryCart.codes'), codes, t('admin.tryCart.codesHint')),
		h('div', { class: 'form-errors', role: 'alert' }),
		h('div', { class: 'form-actions' }, h('button', { type: 'submit' }, t('admin.tryCart.price'))),
		result);
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(form);
		const body = {
			standId: Number(stand.value),
			lines: rows.map((r) => ({ productId: Number(r.product.value), quantity: Number(r.quantity.value) })),
			codes: codes.value.split(/[\s,;]+/).map((c) => c.trim()).filter(Boolean),
		};
		await busy(form, async () => {
			try {
				const { quote } = await api('/api/v1/pricing/quote', { method: 'POST', body });
				replace(result, quoteView(quote, names, money));
			} catch (e) {
				result.replaceChildren();
				if (e.status !== 401) showErrors(form, e);
			}
		});
	});
	return h('section', { class: 'card try-cart', 'aria-labelledby': 'try-h' }, h('h2', { id: 'try-h' }, t('admin.tryCart.title')), form);
}

function quoteView(quote, names, money) {
	return [
		h('table', { class: 'quote' },
			h('thead', {}, h('tr', {}, ['product', 'quantity', 'gross', 'discount', 'total'].map((c) =>
				h('th', { scope: 'col', class: c === 'product' ? '' : 'num' }, t(`admin.tryCart.col.${c}`))))),
			h('tbody', {}, quote.lines.map((l) => h('tr', {},
				h('td', {}, l.name), h('td', { class: 'num' }, l.quantity), h('td', { class: 'num' }, money(l.grossMinor)),
				h('td', { class: 'num' }, l.discountMinor ? `−${money(l.discountMinor)}` : ''), h('td', { class: 'num' }, money(l.totalMinor)))))),
		h('h3', {}, t('admin.tryCart.applied')),
		quote.applied.length
			? h('ul', { class: 'applied' }, quote.applied.map((a) => h('li', { dataset: { promotionId: a.promotionId } },
				h('span', {}, names.get(a.promotionId) && names.get(a.promotionId) !== a.reason ? `${a.reason} (${names.get(a.promotionId)})` : a.reason),
				h('strong', {}, `−${money(a.amountMinor)}`))))
			: h('p', { class: 'muted' }, t('admin.tryCart.noneApplied')),
		h('dl', { class: 'totals' },
			h('dt', {}, t('admin.tryCart.subtotal')), h('dd', {}, money(quote.subtotalMinor)),
			h('dt', {}, t('admin.tryCart.discount')), h('dd', {}, quote.discountMinor ? `−${money(quote.discountMinor)}` : money(0)),
			h('dt', {}, t('admin.tryCart.total')), h('dd', { class: 'total' }, money(quote.totalMinor))),
		quote.capped ? h('p', { class: 'notice' }, t('admin.tryCart.capped')) : null,
	];
}
