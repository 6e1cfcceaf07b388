/**
 * Menu: products (name, category, price, VAT, recipe) with archive/restore, the product editor with its recipe,
 * ingredients and their editor, and substitutes. Prices are typed as "12,90" and sent as integer grosze.
 */
import { h, replace, nextId } from '../common/dom.js';
import { t, lang, has } from '../common/i18n.js';
import { api } from '../common/api.js';
import { field, showErrors, clearErrors, busy } from '../common/forms.js';
import { formatMoney, formatVat, parseMoney, minorToInput } from '../common/format.js';

export const VAT_RATES = [0, 500, 800, 2300];
const UNITS = ['PIECE', 'GRAM', 'MILLILITRE'];

const categoryName = (category) => (has(`category.${category}`) ? t(`category.${category}`) : category);

function recipeText(product) {
	return product.recipe.map((line) => t('admin.menu.recipeLine', {
		name: line.ingredientName, quantity: line.quantity, unit: t(`unit.${line.unit}.short`),
	})).join(', ');
}

/** #/menu: products, ingredients and substitutes. */
export async function list(container, ctx) {
	const [products, ingredients, substitutes] = await Promise.all([
		api('/api/v1/products?includeArchived=true'),
		api('/api/v1/ingredients?includeArchived=true'),
		api('/api/v1/substitutes'),
	]);
	let showArchived = false;
	const productRows = h('tbody');
	const ingredientRows = h('tbody');
	const archivedToggle = h('input', { type: 'checkbox', id: nextId('cb') });
	archivedToggle.addEventListener('change', () => {
		showArchived = archivedToggle.checked;
		draw();
	});

	const toggleActive = (kind, item) => h('button', {
		type: 'button', class: `small${item.active ? ' danger' : ''}`,
		'aria-label': t(item.active ? `admin.menu.archiveNamed` : `admin.menu.restoreNamed`, { name: item.name }),
		onclick: async (e) => {
			e.target.disabled = true;
			try {
				const saved = await api(`/api/v1/${kind}/${item.id}/${item.active ? 'archive' : 'restore'}`, { method: 'POST' });
				Object.assign(item, saved);
				ctx.status(t(saved.active ? 'admin.menu.restored' : 'admin.menu.archived', { name: saved.name }));
				draw();
			} catch (err) {
				e.target.disabled = false;
				ctx.fail(err);
			}
		},
	}, t(item.active ? 'admin.menu.archive' : 'admin.menu.restore'));

	function draw() {
		replace(productRows, products.filter((p) => showArchived || p.active).map((p) => h('tr', {
			class: p.active ? '' : 'archived', dataset: { productId: p.id },
		},
		h('td', { class: 'product-name' }, p.name),
		h('td', { class: 'small' }, p.code),
		h('td', {}, categoryName(p.category)),
		h('td', { class: 'num price' }, formatMoney(p.priceMinor, p.currency, lang())),
		h('td', { class: 'num' }, formatVat(p.vatRateBasisPoints, lang())),
		h('td', { class: 'small' }, p.recipe.length ? recipeText(p) : h('span', { class: 'muted' }, t('admin.menu.noRecipe'))),
		h('td', {}, p.active ? h('span', { class: 'badge open' }, t('common.active')) : h('span', { class: 'badge' }, t('common.archived'))),
		h('td', {}, h('div', { class: 'actions' },
			h('button', { type: 'button', class: 'small', 'aria-label': t('admin.menu.editNamed', { name: p.name }),
				onclick: () => { location.hash = `#/menu/products/${p.id}`; } }, t('common.edit')),
			toggleActive('products', p))))));
		replace(ingredientRows, ingredients.filter((i) => showArchived || i.active).map((i) => h('tr', { class: i.active ? '' : 'archived' },
			h('td', {}, i.code),
			h('td', {}, i.name),
			h('td', {}, t(`unit.${i.unit}`)),
			h('td', { class: 'num' }, `${i.lowStockThreshold} ${t(`unit.${i.unit}.short`)}`),
			h('td', {}, i.active ? h('span', { class: 'badge open' }, t('common.active')) : h('span', { class: 'badge' }, t('common.archived'))),
			h('td', {}, h('div', { class: 'actions' },
				h('button', { type: 'button', class: 'small', 'aria-label': t('admin.menu.editIngredientNamed', { name: i.name }),
					onclick: () => { location.hash = `#/menu/ingredients/${i.id}`; } }, t('common.edit')),
				toggleActive('ingredients', i))))));
	}

	const th = (key, cls) => h('th', { scope: 'col', class: cls }, t(key));
	replace(container,
		h('div', { class: 'view-head' },
			h('h1', { tabindex: '-1' }, t('admin.menu.title')),
			h('a', { class: 'button primary', href: '#/menu/products/new' }, t('admin.menu.newProduct'))),
		h('div', { class: 'filters' }, h('div', { class: 'check' }, h('label', { for: archivedToggle.id }, archivedToggle, t('admin.menu.showArchived')))),
		h('section', { class: 'card table-wrap', 'aria-labelledby': 'products-h' },
			h('h2', { id: 'products-h', class: 'visually-hidden' }, t('admin.menu.products')),
			h('table', { class: 'products' },
				h('thead', {}, h('tr', {}, th('admin.menu.col.name'), th('admin.menu.col.code'), th('admin.menu.col.category'), th('admin.menu.col.price', 'num'),
					th('admin.menu.col.vat', 'num'), th('admin.menu.col.recipe'), th('admin.menu.col.status'), th('admin.menu.col.actions'))),
				productRows)),
		h('div', { class: 'view-head' },
			h('h2', { id: 'ingredients-h' }, t('admin.menu.ingredients')),
			h('a', { class: 'button', href: '#/menu/ingredients/new' }, t('admin.menu.newIngredient'))),
		h('section', { class: 'card table-wrap', 'aria-labelledby': 'ingredients-h' },
			h('table', { class: 'ingredients' },
				h('thead', {}, h('tr', {}, th('admin.ingredient.code'), th('admin.ingredient.name'), th('admin.ingredient.unit'),
					th('admin.ingredient.threshold', 'num'), th('admin.menu.col.status'), th('admin.menu.col.actions'))),
				ingredientRows)),
		substitutesSection(ctx, substitutes, products, ingredients));
	draw();
}

function substitutesSection(ctx, substitutes, products, ingredients) {
	const listEl = h('ul', { class: 'list' });
	const drawList = () => replace(listEl, substitutes.length ? substitutes.map((s) => h('li', { class: 'row between' },
		h('span', {}, t('admin.substitutes.pair', { original: s.originalName, substitute: s.substituteName }), ' ',
			h('span', { class: 'badge' }, t(`admin.substitutes.kind.${s.kind}`))),
		h('button', {
			type: 'button', class: 'small danger',
			'aria-label': t('admin.substitutes.removeNamed', { original: s.originalName, substitute: s.substituteName }),
			onclick: async (e) => {
				e.target.disabled = true;
				try {
					await api(`/api/v1/substitutes/${s.id}`, { method: 'DELETE' });
					substitutes.splice(substitutes.indexOf(s), 1);
					ctx.status(t('admin.substitutes.removed'));
					drawList();
				} catch (err) {
					e.target.disabled = false;
					ctx.fail(err);
				}
			},
		}, t('common.remove')))) : h('li', { class: 'muted' }, t('admin.substitutes.none')));

	const kind = h('select', { name: 'kind' }, ['INGREDIENT', 'PRODUCT'].map((k) => h('option', { value: k }, t(`admin.substitutes.kind.${k}`))));
	const original = h('select', { name: 'originalId' });
	const substitute = h('select', { name: 'substituteId' });
	const fillOptions = () => {
		const source = kind.value === 'PRODUCT' ? products : ingredients;
		const options = () => source.filter((x) => x.active).map((x) => h('option', { value: x.id }, x.name));
		replace(original, options());
		replace(substitute, options());
	};
	kind.addEventListener('change', fillOptions);
	fillOptions();
	const form = h('form', { class: 'inline-form', novalidate: true },
		field(t('admin.substitutes.kind'), kind), field(t('admin.substitutes.original'), original),
		field(t('admin.substitutes.substitute'), substitute),
		h('button', { type: 'submit' }, t('admin.substitutes.add')),
		h('div', { class: 'form-errors', role: 'alert' }));
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(form);
		await busy(form, async () => {
			try {
				const created = await api('/api/v1/substitutes', {
					method: 'POST', body: { kind: kind.value, originalId: Number(original.value), substituteId: Number(substitute.value) },
				});
				substitutes.push(created);
				ctx.status(t('admin.substitutes.added'));
				drawList();
			} catch (e) {
				if (e.status !== 401) showErrors(form, e);
			}
		});
	});
	drawList();
	return h('section', { class: 'card', 'aria-labelledby': 'subs-h' },
		h('h2', { id: 'subs-h' }, t('admin.substitutes.title')),
		h('p', { class: 'hint' }, t('admin.substitutes.hint')), listEl, h('h3', {}, t('admin.substitutes.new')), form);
}

/** #/menu/products/:id and #/menu/products/new: the product form ("Name", "Price", "VAT", ... "Save") and its recipe. */
export async function editProduct(container, ctx, idParam) {
	const isNew = idParam === 'new';
	const [product, products, ingredients] = await Promise.all([
		isNew ? null : api(`/api/v1/products/${idParam}`),
		api('/api/v1/products?includeArchived=true'),
		api('/api/v1/ingredients'),
	]);
	const currency = product?.currency ?? ctx.settings.currency;
	const categories = [...new Set(products.map((p) => p.category))].sort();

	const code = h('input', { name: 'code', type: 'text', value: product?.code ?? '', required: true, autocapitalize: 'characters', spellcheck: 'false' });
	const name = h('input', { name: 'name', type: 'text', value: product?.name ?? '', required: true });
	const price = h('input', {
		name: 'priceMinor', type: 'text', inputmode: 'decimal', autocomplete: 'off', required: true,
		value: product ? minorToInput(product.priceMinor, currency, lang()) : '',
	});
	const vat = h('select', { name: 'vatRateBasisPoints' }, VAT_RATES.map((bp) => h('option', {
		value: bp, selected: (product?.vatRateBasisPoints ?? 800) === bp,
	}, formatVat(bp, lang()))));
	const listId = nextId('categories');
	const category = h('input', { name: 'category', type: 'text', list: listId, value: product?.category ?? '', required: true, autocapitalize: 'none' });
	const description = h('textarea', { name: 'description', rows: 3 });
	description.value = product?.description ?? '';
	const photoUrl = h('input', { name: 'photoUrl', type: 'url', value: product?.photoUrl ?? '' });
	const prepSeconds = h('input', { name: 'prepSeconds', type: 'number', min: 0, max: 3600, step: 1, value: product?.prepSeconds ?? 60 });

	const form = h('form', { class: 'card product-form', novalidate: true, 'aria-labelledby': 'product-h' },
		h('div', { class: 'grid-2' },
			field(t('admin.product.name'), name),
			field(t('admin.product.code'), code, t('admin.product.codeHint')),
			field(t('admin.product.price'), price, t('admin.product.priceHint', { example: minorToInput(1290, currency, lang()), currency })),
			field(t('admin.product.vat'), vat),
			field(t('admin.product.category'), category, t('admin.product.categoryHint')),
			field(t('admin.product.prepSeconds'), prepSeconds)),
		h('datalist', { id: listId }, categories.map((c) => h('option', { value: c }))),
		field(t('admin.product.description'), description),
		field(t('admin.product.photoUrl'), photoUrl),
		h('div', { class: 'form-errors', role: 'alert' }),
		h('div', { class: 'form-actions' },
			h('button', { type: 'submit', class: 'primary' }, t('common.save')),
			h('a', { class: 'button', href: '#/menu' }, t('admin.product.back'))));

	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(form);
		const errors = [];
		const minor = parseMoney(price.value, currency);
		if (minor === null) errors.push({ field: 'priceMinor', message: t('form.money', { example: minorToInput(1290, currency, lang()) }) });
		if (!name.value.trim()) errors.push({ field: 'name', message: t('form.required') });
		if (!code.value.trim()) errors.push({ field: 'code', message: t('form.required') });
		if (!category.value.trim()) errors.push({ field: 'category', message: t('form.required') });
		if (errors.length) {
			showErrors(form, { detail: t('form.fixFields'), errors });
			return;
		}
		const body = {
			code: code.value.trim().toUpperCase(), name: name.value.trim(), description: description.value.trim() || null,
			photoUrl: photoUrl.value.trim() || null, category: category.value.trim(), priceMinor: minor, currency,
			vatRateBasisPoints: Number(vat.value), prepSeconds: prepSeconds.value === '' ? null : Number(prepSeconds.value),
			version: product?.version ?? null,
		};
		await busy(form, async () => {
			try {
				const saved = await api(isNew ? '/api/v1/products' : `/api/v1/products/${product.id}`, { method: isNew ? 'POST' : 'PUT', body });
				if (isNew) {
					ctx.status(t('admin.product.created', { name: saved.name }));
					ctx.go(`#/menu/products/${saved.id}`);
				} else {
					ctx.status(t('admin.product.saved', { name: saved.name, price: formatMoney(saved.priceMinor, saved.currency, lang()) }));
					ctx.go('#/menu');
				}
			} catch (e) {
				if (e.status !== 401) showErrors(form, e);
			}
		});
	});

	replace(container,
		h('div', { class: 'view-head' },
			h('h1', { id: 'product-h', tabindex: '-1' }, isNew ? t('admin.product.newTitle') : t('admin.product.editTitle', { name: product.name })),
			product && !product.active ? h('span', { class: 'badge' }, t('common.archived')) : null),
		h('div', { class: 'editor' }, form, product ? recipeCard(ctx, product, ingredients) : null));
}

function recipeCard(ctx, product, ingredients) {
	const lines = h('div', {});
	const addLine = (line = {}) => {
		const ingredient = h('select', { name: 'ingredientId' },
			h('option', { value: '' }, t('admin.recipe.choose')),
			ingredients.map((i) => h('option', { value: i.id, selected: i.id === line.ingredientId }, `${i.name} (${t(`unit.${i.unit}.short`)})`)));
		if (line.ingredientId && !ingredients.some((i) => i.id === line.ingredientId)) {
			ingredient.append(h('option', { value: line.ingredientId, selected: true }, line.ingredientName));
		}
		const quantity = h('input', { name: 'quantity', type: 'number', min: 1, step: 1, value: line.quantity ?? 1 });
		const row = h('div', { class: 'recipe-line' },
			field(t('admin.recipe.ingredient'), ingredient), field(t('admin.recipe.quantity'), quantity),
			h('button', { type: 'button', class: 'small danger', onclick: () => row.remove() }, t('common.remove')));
		Object.assign(row, { ingredient, quantity });
		lines.append(row);
		return row;
	};
	product.recipe.forEach(addLine);
	const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'recipe-h' },
		h('h2', { id: 'recipe-h' }, t('admin.recipe.title')),
		h('p', { class: 'hint' }, t('admin.recipe.hint')),
		lines,
		h('div', { class: 'form-errors', role: 'alert' }),
		h('div', { class: 'form-actions' },
			h('button', { type: 'button', onclick: () => addLine().ingredient.focus() }, t('admin.recipe.addLine')),
			h('button', { type: 'submit' }, t('admin.recipe.update'))));
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(form);
		const rows = [...lines.querySelectorAll('.recipe-line')];
		const body = rows.map((r) => ({ ingredientId: Number(r.ingredient.value), quantity: Number(r.quantity.value) }));
		if (body.some((l) => !l.ingredientId || !Number.isInteger(l.quantity) || l.quantity < 1)) {
			showErrors(form, { detail: t('admin.recipe.invalid'), errors: [] });
			return;
		}
		await busy(form, async () => {
			try {
				const saved = await api(`/api/v1/products/${product.id}/recipe`, { method: 'PUT', body });
				product.recipe = saved.recipe;
				ctx.status(t('admin.recipe.saved', { name: saved.name }));
			} catch (e) {
				if (e.status !== 401) showErrors(form, e);
			}
		});
	});
	return form;
}

/** #/menu/ingredients/:id and #/menu/ingredients/new. */
export async function editIngredient(container, ctx, idParam) {
	const isNew = idParam === 'new';
	let ingredient = null;
	if (!isNew) {
		const all = await api('/api/v1/ingredients?includeArchived=true');
		ingredient = all.find((i) => i.id === Number(idParam));
		if (!ingredient) throw { status: 404, problem: {} };
	}
	const code = h('input', { name: 'code', type: 'text', value: ingredient?.code ?? '', required: true, autocapitalize: 'characters', spellcheck: 'false' });
	const name = h('input', { name: 'name', type: 'text', value: ingredient?.name ?? '', required: true });
	const unit = h('select', { name: 'unit' }, UNITS.map((u) => h('option', { value: u, selected: (ingredient?.unit ?? 'PIECE') === u }, t(`unit.${u}`))));
	const threshold = h('input', { name: 'lowStockThreshold', type: 'number', min: 0, step: 1, value: ingredient?.lowStockThreshold ?? 0, required: true });
	const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'ingredient-h' },
		field(t('admin.ingredient.name'), name),
		field(t('admin.ingredient.code'), code, t('admin.product.codeHint')),
		field(t('admin.ingredient.unit'), unit),
		field(t('admin.ingredient.threshold'), threshold, t('admin.ingredient.thresholdHint')),
		h('div', { class: 'form-errors', role: 'alert' }),
		h('div', { class: 'form-actions' },
			h('button', { type: 'submit', class: 'primary' }, t('common.save')),
			h('a', { class: 'button', href: '#/menu' }, t('admin.product.back'))));
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(form);
		const body = {
			code: code.value.trim().toUpperCase(), name: name.value.trim(), unit: unit.value,
			lowStockThreshold: threshold.value === '' ? null : Number(threshold.value), version: ingredient?.version ?? null,
		};
		await busy(form, async () => {
			try {
				const saved = await api(isNew ? '/api/v1/ingredients' : `/api/v1/ingredients/${ingredient.id}`, { method: isNew ? 'POST' : 'PUT', body });
				ctx.status(t('admin.ingredient.saved', { name: saved.name }));
				ctx.go('#/menu');
			} catch (e) {
				if (e.status !== 401) showErrors(form, e);
			}
		});
	});
	replace(container,
		h('div', { class: 'view-head' }, h('h1', { id: 'ingredient-h', tabindex: '-1' },
			isNew ? t('admin.ingredient.newTitle') : t('admin.ingredient.editTitle', { name: ingredient.name }))),
		form);
}
