/**
 * The promotion editor shared by the office (/admin/) and the stand (/operator/): "Name", "Kind", then only the
 * fields the chosen kind needs ("Products", "Categories", bundle items, "Percent" / "Amount" / "Bundle price",
 * buy/get, minimum order, loyalty counts), the schedule in the business zone, the stands (office only) and the
 * rules. It builds the flat PromotionSpec, POSTs or PUTs it and shows the server's refusals next to the fields.
 */
import { h, replace, nextId } from './dom.js';
import { t, lang } from './i18n.js';
import { api } from './api.js';
import { field, showErrors, clearErrors, busy } from './forms.js';
import {
	parseMoney, minorToInput, parsePercent, percentToInput, formatPercent, zonedInstant, instantToLocalInput,
} from './format.js';
import { KINDS, DAYS, FULL_BP, kindName, categoryName } from './promotion-text.js';

/** Which parts of the form each kind uses, and its ways of giving the discount (first is the default). */
const LAYOUT = {
	PRODUCT_DISCOUNT: { parts: ['target'], modes: ['percent', 'amount'] },
	BUNDLE: { parts: ['components'], modes: ['percent', 'price', 'amount'] },
	BUY_X_GET_Y: { parts: ['target', 'buyGet'], modes: ['percent'] },
	ORDER_DISCOUNT: { parts: ['minSubtotal'], modes: ['percent', 'amount'] },
	LOYALTY_PERCENT: { parts: ['loyalty'], modes: ['percent'] },
	LOYALTY_NTH_FREE: { parts: ['target', 'every'], modes: [] },
};

const hhmm = (time) => (time ? String(time).slice(0, 5) : '');
const selected = (select) => [...select.selectedOptions].map((o) => o.value);

/** A labelled control whose hint text can change with the kind. */
function hintedField(labelText, control) {
	control.id ||= nextId('in');
	const hint = h('p', { class: 'hint', id: nextId('hint') });
	control.setAttribute('aria-describedby', hint.id);
	const wrapper = h('div', { class: 'field' }, h('label', { for: control.id }, labelText), control, hint);
	return { wrapper, hint };
}

/**
 * @param {object} options
 * @param {{zone:string, currency:string}} options.settings
 * @param {object[]} options.products active products {id, name, category, priceMinor}
 * @param {object[]} [options.stands] stands to choose from (office); omit with `ownStandName` for an operator
 * @param {string} [options.ownStandName] the operator's stand: the promotion applies there only
 * @param {string[]} [options.kinds] the kinds offered (operators: the owner's policy)
 * @param {object|null} [options.promotion] a stored promotion to edit ({id, version, spec}); null for a new one
 * @param {boolean} [options.allowCodes] offer "Requires a code"
 * @param {number|null} [options.maxPercentBp] the operator's limit, shown as a hint
 * @param {(saved:object) => void} options.onSaved
 * @param {boolean} [options.compact] phone: the schedule and the rules fold under "When and rules"
 * @param {Node} [options.extraActions] more buttons/links next to "Save promotion"
 */
export function promotionForm({
	settings, products, stands = [], ownStandName = null, kinds = KINDS, promotion = null, allowCodes = true,
	maxPercentBp = null, compact = false, onSaved, extraActions = null,
}) {
	const { zone, currency } = settings;
	const spec = promotion?.spec ?? {};
	const money = (minor) => minorToInput(minor, currency, lang());
	const offered = kinds.includes(spec.kind) || !spec.kind ? kinds : [...kinds, spec.kind];

	const name = h('input', { name: 'name', type: 'text', value: spec.name ?? '', maxlength: 120, required: true, autocomplete: 'off' });
	const kind = h('select', { name: 'kind' }, offered.map((k) => h('option', { value: k, selected: k === spec.kind }, kindName(k))));

	// products and categories, for the target and for each bundle item
	const categories = [...new Set(products.map((p) => p.category))].sort();
	const productSelect = (ids = []) => {
		const select = h('select', { multiple: true, size: Math.min(8, products.length + categories.length) },
			categories.map((c) => h('optgroup', { label: categoryName(c) }, products.filter((p) => p.category === c)
				.sort((a, b) => a.name.localeCompare(b.name, lang()))
				.map((p) => h('option', { value: p.id, selected: ids.includes(p.id) }, p.name)))));
		for (const id of ids.filter((i) => !products.some((p) => p.id === i))) {
			select.append(h('option', { value: id, selected: true }, `#${id}`));
		}
		return select;
	};
	const categorySelect = (chosen = []) => h('select', { multiple: true, size: Math.min(6, Math.max(3, categories.length)) },
		[...new Set([...categories, ...chosen])].map((c) => h('option', { value: c, selected: chosen.includes(c) }, categoryName(c))));

	const targetProducts = productSelect(spec.target?.productIds);
	targetProducts.name = 'target.productIds';
	const targetCategories = categorySelect(spec.target?.categories);
	targetCategories.name = 'target.categories';
	const targetPart = h('fieldset', { 'data-field': 'target' }, h('legend', {}, t('promotion.form.target')),
		h('p', { class: 'hint' }, t('promotion.form.targetHint')),
		h('div', { class: 'grid-2' },
			field(t('promotion.form.products'), targetProducts), field(t('promotion.form.categories'), targetCategories)));

	// bundle items
	const itemList = h('div', { class: 'bundle-items' });
	const items = [];
	const renumber = () => items.forEach((item, i) => {
		const n = i + 1;
		item.products.name = `components[${i}].target.productIds`;
		item.categories.name = `components[${i}].target.categories`;
		item.quantity.name = `components[${i}].quantity`;
		item.labels.products.textContent = t('promotion.form.itemProducts', { n });
		item.labels.categories.textContent = t('promotion.form.itemCategories', { n });
		item.labels.quantity.textContent = t('promotion.form.itemQuantity', { n });
		item.remove.textContent = t('promotion.form.removeItem', { n });
		item.remove.hidden = items.length < 2;
	});
	const addItem = (component = {}) => {
		const item = {
			products: productSelect(component.target?.productIds),
			categories: categorySelect(component.target?.categories),
			quantity: h('input', { type: 'number', min: 1, max: 20, step: 1, value: component.quantity ?? 1 }),
		};
		const productsField = field('', item.products);
		const categoriesField = field('', item.categories);
		const quantityField = field('', item.quantity);
		item.labels = {
			products: productsField.querySelector('label'),
			categories: categoriesField.querySelector('label'),
			quantity: quantityField.querySelector('label'),
		};
		item.remove = h('button', {
			type: 'button', class: 'small danger',
			onclick: () => {
				items.splice(items.indexOf(item), 1);
				item.row.remove();
				renumber();
				items[0]?.products.focus();
			},
		});
		item.row = h('div', { class: 'bundle-item' }, h('div', { class: 'grid-2' }, productsField, categoriesField), quantityField, item.remove);
		items.push(item);
		itemList.append(item.row);
		renumber();
		return item;
	};
	(spec.components?.length ? spec.components : [{}, {}]).forEach(addItem);
	const componentsPart = h('fieldset', { 'data-field': 'components' }, h('legend', {}, t('promotion.form.items')),
		h('p', { class: 'hint' }, t('promotion.form.itemsHint')), itemList,
		h('button', { type: 'button', class: 'small', onclick: () => addItem().products.focus() }, t('promotion.form.addItem')));

	// the discount: percent, amount off or a set price
	const percent = h('input', { name: 'percentBp', type: 'text', inputmode: 'decimal', autocomplete: 'off', value: percentToInput(spec.percentBp, lang()) });
	const amount = h('input', { name: 'amountMinor', type: 'text', inputmode: 'decimal', autocomplete: 'off', value: money(spec.amountMinor) });
	const price = h('input', { name: 'priceMinor', type: 'text', inputmode: 'decimal', autocomplete: 'off', value: money(spec.priceMinor) });
	const valueFields = {
		percent: hintedField(t('promotion.form.percent'), percent),
		amount: hintedField(t('promotion.form.amount'), amount),
		price: hintedField(t('promotion.form.bundlePrice'), price),
	};
	let mode = spec.priceMinor != null ? 'price' : spec.amountMinor != null ? 'amount' : 'percent';
	const modeGroup = nextId('mode');
	const radios = Object.fromEntries(['percent', 'amount', 'price'].map((m) => {
		const radio = h('input', { type: 'radio', name: modeGroup, value: m, id: nextId('rb'), checked: m === mode });
		radio.addEventListener('change', () => {
			if (!radio.checked) return;
			mode = m;
			drawValue();
		});
		return [m, radio];
	}));
	const radioLabels = Object.fromEntries(Object.entries(radios).map(([m, radio]) =>
		[m, h('div', { class: 'check' }, h('label', { for: radio.id }, radio, t(`promotion.form.mode.${m}`)))]));
	const modeChoice = h('fieldset', { class: 'mode-choice' }, h('legend', {}, t('promotion.form.discount')), h('div', { class: 'row' }));
	const valueSlot = h('div', {});

	const integer = (attrs) => h('input', { type: 'number', step: 1, inputmode: 'numeric', ...attrs });
	const buy = integer({ name: 'buy', min: 1, max: 20, value: spec.buy ?? 2 });
	const get = integer({ name: 'get', min: 1, max: 20, value: spec.get ?? 1 });
	const buyGetPart = h('div', { class: 'grid-2' }, field(t('promotion.form.buy'), buy), field(t('promotion.form.get'), get));
	const minSubtotal = h('input', { name: 'minSubtotalMinor', type: 'text', inputmode: 'decimal', autocomplete: 'off', value: money(spec.minSubtotalMinor) });
	const minSubtotalPart = field(t('promotion.form.minSubtotal'), minSubtotal, t('promotion.form.minSubtotalHint'));
	const minPurchases = integer({ name: 'minPurchases', min: 1, max: 1000, value: spec.minPurchases ?? 5 });
	const withinDays = integer({ name: 'withinDays', min: 1, max: 3660, value: spec.withinDays ?? 30 });
	const loyaltyPart = h('div', { class: 'grid-2' },
		field(t('promotion.form.minPurchases'), minPurchases), field(t('promotion.form.withinDays'), withinDays));
	const every = integer({ name: 'every', min: 2, max: 1000, value: spec.every ?? 10 });
	const everyPart = field(t('promotion.form.every'), every, t('promotion.form.everyHint'));
	const parts = { target: targetPart, components: componentsPart, buyGet: buyGetPart, minSubtotal: minSubtotalPart, loyalty: loyaltyPart, every: everyPart };

	const kindSection = h('div', { class: 'kind-fields' });
	const percentHint = () => {
		const base = kind.value === 'BUY_X_GET_Y' ? t('promotion.form.percentFreeHint')
			: t('promotion.form.percentHint', { example: percentToInput(1250, lang()) });
		return maxPercentBp == null ? base : `${base} ${t('promotion.form.upTo', { percent: formatPercent(maxPercentBp, lang()) })}`;
	};
	function drawValue() {
		const modes = LAYOUT[kind.value].modes;
		if (!modes.length) {
			valueSlot.replaceChildren();
			return;
		}
		valueFields.percent.hint.textContent = percentHint();
		if (modes.includes('amount')) valueFields.amount.hint.textContent = t(`promotion.form.amountHint.${kind.value}`);
		valueFields.price.hint.textContent = t('promotion.form.bundlePriceHint');
		replace(valueSlot, valueFields[mode].wrapper);
	}
	let freeFilled = false;
	function drawKind() {
		const layout = LAYOUT[kind.value];
		if (!layout.modes.includes(mode)) mode = layout.modes[0] ?? 'percent';
		// "buy 2, get 1" usually means free: offer 100 %, and take it back when another kind is chosen
		if (kind.value === 'BUY_X_GET_Y' && !percent.value) {
			percent.value = '100';
			freeFilled = true;
		} else if (kind.value !== 'BUY_X_GET_Y' && freeFilled && percent.value === '100') {
			percent.value = '';
			freeFilled = false;
		}
		radios[mode].checked = true;
		replace(modeChoice.querySelector('.row'), layout.modes.map((m) => radioLabels[m]));
		replace(kindSection, layout.parts.map((p) => parts[p]), layout.modes.length > 1 ? modeChoice : null, valueSlot);
		drawValue();
	}
	kind.addEventListener('change', drawKind);

	// when: date range and time of day in the business zone
	const w = spec.window ?? {};
	const from = h('input', { type: 'datetime-local', name: 'window.from', value: instantToLocalInput(w.from, zone) });
	const to = h('input', { type: 'datetime-local', name: 'window.to', value: instantToLocalInput(w.to, zone) });
	const dayBoxes = DAYS.map((day) => h('input', { type: 'checkbox', id: nextId('cb'), value: day, checked: (w.days ?? []).includes(day) }));
	const fromTime = h('input', { type: 'time', name: 'window.fromTime', value: hhmm(w.fromTime) });
	const toTime = h('input', { type: 'time', name: 'window.toTime', value: hhmm(w.toTime) });
	const schedulePart = h('fieldset', { 'data-field': 'window' }, h('legend', {}, t('promotion.form.when')),
		h('p', { class: 'hint' }, t('promotion.form.whenHint', { zone })),
		h('div', { class: 'grid-2' }, field(t('promotion.form.starts'), from), field(t('promotion.form.ends'), to)),
		h('fieldset', { class: 'days', 'data-field': 'window.days' }, h('legend', {}, t('promotion.form.days')),
			h('div', { class: 'day-boxes' }, dayBoxes.map((box) => h('div', { class: 'check' }, h('label', { for: box.id }, box, t(`day.${box.value}`))))),
			h('p', { class: 'hint' }, t('promotion.form.daysHint'))),
		h('div', { class: 'grid-2' },
			field(t('promotion.form.dailyFrom'), fromTime), field(t('promotion.form.dailyUntil'), toTime, t('promotion.form.timeHint'))));

	// where: all stands or some (office); the operator's own stand otherwise
	const allStands = h('input', { type: 'checkbox', id: nextId('cb'), checked: !(spec.standIds ?? []).length });
	const standSelect = h('select', { name: 'standIds', multiple: true, size: Math.min(8, Math.max(3, stands.length)) },
		stands.filter((s) => s.active || (spec.standIds ?? []).includes(s.id))
			.map((s) => h('option', { value: s.id, selected: (spec.standIds ?? []).includes(s.id) }, `${s.code} · ${s.name}`)));
	const standField = field(t('promotion.form.stands'), standSelect);
	const syncStands = () => { standField.hidden = allStands.checked; };
	allStands.addEventListener('change', () => {
		syncStands();
		if (!allStands.checked) standSelect.focus();
	});
	syncStands();
	const scopePart = ownStandName
		? h('p', { class: 'notice' }, t('promotion.form.ownStand', { stand: ownStandName }))
		: h('fieldset', { 'data-field': 'standIds' }, h('legend', {}, t('promotion.form.where')),
			h('div', { class: 'check' }, h('label', { for: allStands.id }, allStands, t('promotion.form.allStands'))), standField);

	// rules: priority, combining, codes, customers only
	const priority = integer({ name: 'priority', min: -1000, max: 1000, value: spec.priority ?? 0 });
	const combine = nextId('combine');
	const stackable = h('input', { type: 'radio', name: combine, id: nextId('rb'), checked: !spec.exclusive });
	const exclusive = h('input', { type: 'radio', name: combine, id: nextId('rb'), checked: Boolean(spec.exclusive) });
	const requiresCode = h('input', { type: 'checkbox', name: 'requiresCode', id: nextId('cb'), checked: Boolean(spec.requiresCode) });
	const customersOnly = h('input', { type: 'checkbox', name: 'customersOnly', id: nextId('cb'), checked: Boolean(spec.customersOnly) });
	const rulesPart = h('fieldset', {}, h('legend', {}, t('promotion.form.rules')),
		field(t('promotion.form.priority'), priority, t('promotion.form.priorityHint')),
		h('fieldset', { class: 'mode-choice', 'data-field': 'exclusive' }, h('legend', {}, t('promotion.form.combining')),
			h('div', { class: 'check' }, h('label', { for: stackable.id }, stackable, t('promotion.form.stackable'))),
			h('div', { class: 'check' }, h('label', { for: exclusive.id }, exclusive, t('promotion.form.exclusive')))),
		allowCodes ? h('div', { class: 'check' }, h('label', { for: requiresCode.id }, requiresCode, t('promotion.form.requiresCode'))) : null,
		allowCodes ? h('p', { class: 'hint' }, t('promotion.form.requiresCodeHint')) : null,
		h('div', { class: 'check' }, h('label', { for: customersOnly.id }, customersOnly, t('promotion.form.customersOnly'))));

	const form = h('form', { class: 'card promotion-form', novalidate: true },
		field(t('promotion.form.name'), name),
		field(t('promotion.form.kind'), kind),
		kindSection,
		scopePart,
		compact ? h('details', { class: 'more', open: Boolean(spec.window || spec.priority || spec.exclusive || spec.customersOnly) },
			h('summary', {}, t('promotion.form.more')), schedulePart, rulesPart) : [schedulePart, rulesPart],
		h('div', { class: 'form-errors', role: 'alert' }),
		h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('promotion.form.save')), extraActions));
	drawKind();

	/** The PromotionSpec from the fields, or the fields to fix. */
	function collect() {
		const errors = [];
		const k = kind.value;
		const layout = LAYOUT[k];
		const uses = (part) => layout.parts.includes(part);
		const whole = (input, fieldName) => {
			const text = String(input.value).trim();
			if (/^-?\d+$/.test(text)) return Number(text);
			errors.push({ field: fieldName, message: t('form.wholeNumber') });
			return null;
		};
		const moneyOf = (input, fieldName, optional = false) => {
			if (optional && !input.value.trim()) return null;
			const minor = parseMoney(input.value, currency);
			if (minor === null) errors.push({ field: fieldName, message: t('form.money', { example: money(1290) }) });
			return minor;
		};
		if (!name.value.trim()) errors.push({ field: 'name', message: t('form.required') });
		const result = {
			name: name.value.trim(), kind: k, priority: whole(priority, 'priority'), exclusive: exclusive.checked,
			standIds: ownStandName ? null : (allStands.checked ? [] : selected(standSelect).map(Number)),
			requiresCode: allowCodes && requiresCode.checked, customersOnly: customersOnly.checked, window: null,
			target: null, percentBp: null, amountMinor: null, priceMinor: null, components: null, buy: null, get: null,
			minSubtotalMinor: null, minPurchases: null, withinDays: null, every: null,
		};
		if (!ownStandName && !allStands.checked && !result.standIds.length) {
			errors.push({ field: 'standIds', message: t('promotion.form.pickStand') });
		}
		if (uses('target')) result.target = { productIds: selected(targetProducts).map(Number), categories: selected(targetCategories) };
		if (uses('components')) {
			result.components = items.map((item, i) => ({
				target: { productIds: selected(item.products).map(Number), categories: selected(item.categories) },
				quantity: whole(item.quantity, `components[${i}].quantity`),
			}));
		}
		if (uses('buyGet')) {
			result.buy = whole(buy, 'buy');
			result.get = whole(get, 'get');
		}
		if (uses('minSubtotal')) result.minSubtotalMinor = moneyOf(minSubtotal, 'minSubtotalMinor', true) ?? 0;
		if (uses('loyalty')) {
			result.minPurchases = whole(minPurchases, 'minPurchases');
			result.withinDays = whole(withinDays, 'withinDays');
		}
		if (uses('every')) result.every = whole(every, 'every');
		if (layout.modes.length) {
			if (mode === 'percent') {
				const bp = parsePercent(percent.value);
				if (bp === null || bp < 1 || bp > FULL_BP) {
					errors.push({ field: 'percentBp', message: t('form.percent', { example: percentToInput(1250, lang()) }) });
				}
				result.percentBp = bp;
			} else if (mode === 'amount') {
				result.amountMinor = moneyOf(amount, 'amountMinor');
			} else {
				result.priceMinor = moneyOf(price, 'priceMinor');
			}
		}
		const window = {
			from: zonedInstant(from.value, zone), to: zonedInstant(to.value, zone),
			days: dayBoxes.filter((b) => b.checked).map((b) => b.value), fromTime: fromTime.value || null, toTime: toTime.value || null,
		};
		if (!window.days.length || window.days.length === 7) window.days = null;
		if (Object.values(window).some((v) => v !== null)) result.window = window;
		return { spec: result, errors };
	}

	/** Shows the errors; a folded part holding a marked field opens so the field can take the focus. */
	const refuse = (error) => {
		const details = form.querySelector('details.more');
		if (details && !details.open) {
			showErrors(form, error);
			if (!details.querySelector('[aria-invalid="true"]')) return;
			details.open = true;
		}
		showErrors(form, error);
	};
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(form);
		const { spec: definition, errors } = collect();
		if (errors.length) {
			refuse({ detail: t('form.fixFields'), errors });
			return;
		}
		await busy(form, async () => {
			try {
				const saved = promotion
					? await api(`/api/v1/promotions/${promotion.id}`, { method: 'PUT', body: { definition, version: promotion.version } })
					: await api('/api/v1/promotions', { method: 'POST', body: { definition } });
				onSaved(saved);
			} catch (e) {
				if (e.status === 401) return;
				// the server names each refused field; its messages go next to them, a short summary on top
				refuse(e.status === 422 && e.errors.length ? { detail: t('promotion.form.refused'), errors: e.errors } : e);
			}
		});
	});
	return form;
}
