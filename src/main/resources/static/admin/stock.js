/**
 * Stock (owner, manager): every stand's level of every ingredient as one matrix (status by colour, symbol and
 * word), the open alerts, the drivers' open restock tasks and today's deliveries; and one stand's levels with
 * editable thresholds, updates by hand, and its movements with filters and a CSV download.
 */
import { h, replace, nextId, saveBlob } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { api, apiFile } from '../common/api.js';
import { field, showErrors, clearErrors } from '../common/forms.js';
import { formatDateTime, formatRecent, formatQuantity, todayIn, addDays } from '../common/format.js';

const STATUSES = ['OK', 'LOW', 'OUT', 'NEGATIVE'];
const SYMBOLS = { OK: '✓', LOW: '▼', OUT: '✕', NEGATIVE: '!' };
const ALERT_BADGES = { LOW: 'warn', NEGATIVE: 'closed', STALE: '' };
const MOVEMENT_KINDS = ['INITIAL', 'SALE', 'VOID', 'DELIVERY', 'TRANSFER_IN', 'TRANSFER_OUT', 'WASTE', 'COUNT_CORRECTION'];
const MANUAL_KINDS = ['DELIVERY', 'WASTE', 'COUNT'];
const MOVEMENT_LIMIT = 1000;
/** How many stands' deliveries are read at once: there is no endpoint across stands. */
const PARALLEL_READS = 6;

const unitShort = (unit) => t(`unit.${unit}.short`);
const amount = (quantity, unit) => `${formatQuantity(quantity, lang())} ${unitShort(unit)}`;
const signed = (quantity, unit) => `${quantity > 0 ? '+' : quantity < 0 ? '−' : ''}${amount(Math.abs(quantity), unit)}`;
const byTimeDesc = (a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt);

/** A level's status as a badge: colour, symbol and word. */
function statusBadge(status) {
	return h('span', { class: `badge stock-${status.toLowerCase()}` },
		h('span', { 'aria-hidden': 'true' }, `${SYMBOLS[status]} `), t(`admin.stock.status.${status}`));
}

function alertBadge(kind) {
	return h('span', { class: `badge ${ALERT_BADGES[kind] ?? ''}` }, t(`admin.stock.alert.${kind}`));
}

function legend(counts) {
	return h('ul', { class: 'stock-legend', 'aria-label': t('admin.stock.legend') }, STATUSES.map((status) => h('li', {},
		h('span', { class: `level-sample ${status.toLowerCase()}`, 'aria-hidden': 'true' }, status === 'OK' ? '12' : SYMBOLS[status]),
		t(`admin.stock.status.${status}`),
		counts ? h('span', { class: 'muted' }, ` (${counts[status] ?? 0})`) : null)));
}

function table(headers, tbody, attrs = {}) {
	return h('table', attrs,
		h('thead', {}, h('tr', {}, headers.map(([key, cls]) => h('th', { scope: 'col', class: cls }, t(key))))),
		tbody);
}

const emptyRow = (colspan, key) => h('tr', {}, h('td', { colspan, class: 'muted' }, t(key)));

/** #/stock: the matrix, the open alerts, restock tasks and today's deliveries. */
export async function overview(container, ctx) {
	const { zone } = ctx.settings;
	const [data, alerts, tasks, allIngredients] = await Promise.all([
		api('/api/v1/stock/overview'),
		api('/api/v1/stock/alerts?open=true'),
		api('/api/v1/restock/tasks'),
		api('/api/v1/ingredients?includeArchived=true'),
	]);
	const ingredientsById = new Map(allIngredients.map((i) => [i.id, i]));
	const stands = [...data.stands].sort((a, b) => a.code.localeCompare(b.code));
	const standsById = new Map(stands.map((s) => [s.id, s]));
	const columns = data.ingredients;
	const aborter = new AbortController();

	// the matrix: built once, filtering only hides rows
	const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
	const rows = stands.map((stand) => {
		let problems = 0;
		const cells = columns.map((ingredient, column) => {
			// each row's arrays are in the order of the ingredient columns
			const level = { quantity: stand.quantities[column], status: stand.statuses[column] };
			const { status } = level;
			counts[status] += 1;
			if (status !== 'OK') problems += 1;
			const word = t(`admin.stock.status.${status}`);
			return h('td', {
				class: `level ${status.toLowerCase()}`,
				dataset: { ingredient: ingredientsById.get(ingredient.id)?.code ?? String(ingredient.id), status },
				title: `${stand.code} · ${ingredient.name}: ${amount(level.quantity, ingredient.unit)} (${word})`,
			},
			status === 'OK' ? null : h('span', { class: 'symbol', 'aria-hidden': 'true' }, SYMBOLS[status]),
			formatQuantity(level.quantity, lang()),
			status === 'OK' ? null : h('span', { class: 'visually-hidden' }, `, ${word}`));
		});
		const row = h('tr', { dataset: { standId: stand.id, standCode: stand.code } },
			h('th', { scope: 'row' }, h('a', { href: `#/stock/${stand.id}`, 'aria-label': t('admin.stock.standLink', { code: stand.code, name: stand.name }) }, stand.code),
				h('span', { class: 'stand-name small muted' }, stand.name)),
			cells);
		row.problems = problems;
		row.search = `${stand.code} ${stand.name}`.toLowerCase();
		return row;
	});
	const search = h('input', { type: 'search', autocomplete: 'off' });
	const problemsOnly = h('input', { type: 'checkbox', id: nextId('cb') });
	const shown = h('p', { class: 'muted small' });
	const filter = () => {
		const text = search.value.trim().toLowerCase();
		let visible = 0;
		for (const row of rows) {
			row.hidden = (problemsOnly.checked && !row.problems) || (text && !row.search.includes(text));
			if (!row.hidden) visible += 1;
		}
		shown.textContent = t('admin.stock.showing', { shown: visible, total: rows.length, ingredients: columns.length });
	};
	search.addEventListener('input', filter);
	problemsOnly.addEventListener('change', filter);
	const matrix = h('table', { class: 'stock-matrix' },
		h('caption', { class: 'visually-hidden' }, t('admin.stock.matrixCaption')),
		h('thead', {}, h('tr', {},
			h('th', { scope: 'col', class: 'corner' }, t('admin.stock.col.stand')),
			columns.map((i) => h('th', { scope: 'col', class: 'ingredient', title: `${i.name} (${t(`unit.${i.unit}`)})` },
				h('span', {}, i.name, h('span', { class: 'unit' }, ` (${unitShort(i.unit)})`)))))),
		h('tbody', {}, rows.length ? rows : emptyRow(columns.length + 1, 'admin.stock.noStands')));

	// open alerts, newest first
	const standLabel = (standId) => standsById.get(standId)?.code ?? `#${standId}`;
	const alertRows = h('tbody', {}, alerts.length ? alerts.map((a) => {
		const ingredient = a.ingredientId == null ? null : ingredientsById.get(a.ingredientId);
		return h('tr', { dataset: { alertKind: a.kind, standCode: standLabel(a.standId), ingredient: ingredient?.code ?? '' } },
			h('td', {}, alertBadge(a.kind)),
			h('td', {}, h('a', { href: `#/stock/${a.standId}` }, standLabel(a.standId)), ' ',
				h('span', { class: 'small muted' }, standsById.get(a.standId)?.name ?? '')),
			h('td', {}, ingredient ? ingredient.name : h('span', { class: 'muted' }, t('admin.stock.wholeStand'))),
			h('td', { class: 'num' }, a.level == null || !ingredient ? '—'
				: a.kind === 'LOW' ? t('admin.stock.levelOfThreshold', { level: amount(a.level, ingredient.unit), threshold: amount(a.threshold, ingredient.unit) })
					: amount(a.level, ingredient.unit)),
			h('td', {}, h('time', { datetime: a.raisedAt }, formatRecent(a.raisedAt, zone, lang()))));
	}) : emptyRow(5, 'admin.stock.noAlerts'));

	// restock tasks the drivers have open or accepted
	const taskRows = h('tbody', {}, tasks.length ? tasks.map((task) => h('tr', { dataset: { standId: task.standId } },
		h('td', {}, h('a', { href: `#/stock/${task.standId}` }, standLabel(task.standId)), ' ', h('span', { class: 'small muted' }, task.standName)),
		h('td', {}, h('span', { class: `badge ${task.status === 'ACCEPTED' ? 'open' : 'warn'}` }, t(`admin.stock.task.${task.status}`))),
		h('td', {}, h('time', { datetime: task.createdAt }, formatRecent(task.createdAt, zone, lang()))),
		h('td', {}, task.lines.length ? h('ul', { class: 'plain small' }, task.lines.map((line) => h('li', {},
			t('admin.stock.taskLine', { name: line.ingredientName, level: amount(line.level, line.unit), bring: amount(line.suggested, line.unit) }))))
			: h('span', { class: 'muted' }, '—')))) : emptyRow(4, 'admin.stock.noTasks'));

	// deliveries today, read stand by stand in the background
	const deliveryRows = h('tbody', {}, emptyRow(5, 'admin.stock.deliveriesLoading'));
	const deliveriesNote = h('p', { class: 'muted small' });
	async function loadDeliveries() {
		const today = todayIn(zone);
		const found = [];
		const queue = [...stands];
		const worker = async () => {
			while (queue.length) {
				const stand = queue.shift();
				const query = new URLSearchParams({ from: today, to: today, kind: 'DELIVERY' });
				const movements = await api(`/api/v1/stands/${stand.id}/stock/movements?${query}`, { signal: aborter.signal });
				found.push(...movements.map((m) => ({ ...m, stand })));
			}
		};
		await Promise.all(Array.from({ length: PARALLEL_READS }, worker));
		found.sort(byTimeDesc);
		deliveriesNote.textContent = t('admin.stock.deliveriesCount', { count: found.length });
		replace(deliveryRows, found.length ? found.map((m) => {
			const ingredient = ingredientsById.get(m.ingredientId);
			return h('tr', {},
				h('td', {}, h('time', { datetime: m.occurredAt }, formatDateTime(m.occurredAt, zone, lang()))),
				h('td', {}, h('a', { href: `#/stock/${m.stand.id}` }, m.stand.code), ' ', h('span', { class: 'small muted' }, m.stand.name)),
				h('td', {}, ingredient?.name ?? `#${m.ingredientId}`),
				h('td', { class: 'num' }, ingredient ? signed(m.quantity, ingredient.unit) : String(m.quantity)),
				h('td', { class: 'small' }, m.note ?? ''));
		}) : emptyRow(5, 'admin.stock.noDeliveries'));
	}

	replace(container,
		h('div', { class: 'view-head' }, h('h1', { tabindex: '-1' }, t('admin.stock.title')),
			h('button', { type: 'button', onclick: () => ctx.go('#/stock') }, t('common.refresh'))),
		h('p', {}, t('admin.stock.alertsSummary', { count: data.openAlerts })),
		h('div', { class: 'filters' },
			field(t('admin.stock.findStand'), search),
			h('div', { class: 'check' }, h('label', { for: problemsOnly.id }, problemsOnly, t('admin.stock.problemsOnly')))),
		legend(counts),
		shown,
		h('div', { class: 'card table-wrap matrix-wrap', tabindex: '0', role: 'region', 'aria-label': t('admin.stock.matrixCaption') }, matrix),
		h('section', { 'aria-labelledby': 'alerts-h' },
			h('h2', { id: 'alerts-h' }, t('admin.stock.alerts')),
			h('div', { class: 'card table-wrap' }, table([['admin.stock.col.kind'], ['admin.stock.col.stand'], ['admin.stock.col.ingredient'],
				['admin.stock.col.level', 'num'], ['admin.stock.col.raised']], alertRows, { class: 'stock-alerts' }))),
		h('section', { 'aria-labelledby': 'tasks-h' },
			h('h2', { id: 'tasks-h' }, t('admin.stock.tasks')),
			h('div', { class: 'card table-wrap' }, table([['admin.stock.col.stand'], ['admin.stock.col.taskStatus'], ['admin.stock.col.created'],
				['admin.stock.col.lines']], taskRows))),
		h('section', { 'aria-labelledby': 'deliveries-h' },
			h('h2', { id: 'deliveries-h' }, t('admin.stock.deliveriesToday')),
			deliveriesNote,
			h('div', { class: 'card table-wrap' }, table([['admin.stock.col.time'], ['admin.stock.col.stand'], ['admin.stock.col.ingredient'],
				['admin.stock.col.quantity', 'num'], ['admin.stock.col.note']], deliveryRows, { class: 'stock-deliveries' }))));
	filter();
	loadDeliveries().catch((e) => {
		if (e.name === 'AbortError' || e.status === 401) return;
		replace(deliveryRows, emptyRow(5, 'admin.stock.deliveriesFailed'));
		ctx.fail(e);
	});
	return () => aborter.abort();
}

const requestId = () => (globalThis.crypto?.randomUUID ? crypto.randomUUID() : undefined);

/** #/stock/:id: one stand's levels and thresholds, updates by hand, movements and the CSV. */
export async function stand(container, ctx, idParam) {
	const id = Number(idParam);
	const { zone } = ctx.settings;
	let view = await api(`/api/v1/stands/${id}/stock`);
	const levelsById = () => new Map(view.levels.map((l) => [l.ingredientId, l]));
	let byId = levelsById();
	const aborter = new AbortController();

	// levels with a threshold form per ingredient
	const levelRows = h('tbody');
	const facts = h('p', {});
	const standAlerts = h('ul', { class: 'plain' });
	function drawLevels(focusIngredient) {
		byId = levelsById();
		replace(facts,
			view.stale ? [h('span', { class: 'badge warn' }, t('admin.stock.stale')), ' '] : null,
			view.lastManualUpdate
				? t('admin.stock.lastManualUpdate', { when: formatDateTime(view.lastManualUpdate, zone, lang()) })
				: t('admin.stock.neverUpdated'));
		replace(standAlerts, view.openAlerts.length ? view.openAlerts.map((a) => h('li', { dataset: { alertKind: a.kind } },
			alertBadge(a.kind), ' ',
			a.ingredientId == null ? t('admin.stock.wholeStand') : (byId.get(a.ingredientId)?.ingredientName ?? `#${a.ingredientId}`), ' ',
			h('span', { class: 'small muted' }, formatRecent(a.raisedAt, zone, lang()))))
			: h('li', { class: 'muted' }, t('admin.stock.noAlerts')));
		replace(levelRows, view.levels.map((level) => {
			const name = level.ingredientName;
			const input = h('input', {
				type: 'number', name: 'threshold', min: 0, step: 1, inputmode: 'numeric', value: String(level.threshold),
				class: 'threshold-input', 'aria-label': t('admin.stock.thresholdFor', { name, unit: t(`unit.${level.unit}`) }),
			});
			const form = h('form', { class: 'threshold-form', novalidate: true },
				input, h('span', { class: 'small muted', 'aria-hidden': 'true' }, unitShort(level.unit)),
				h('button', { type: 'submit', class: 'small', 'aria-label': t('admin.stock.saveThresholdFor', { name }) }, t('common.save')));
			form.addEventListener('submit', async (event) => {
				event.preventDefault();
				const text = input.value.trim();
				if (!/^\d+$/.test(text)) {
					input.setAttribute('aria-invalid', 'true');
					ctx.status(t('admin.stock.thresholdInvalid', { name }), { error: true });
					input.focus();
					return;
				}
				input.removeAttribute('aria-invalid');
				form.setAttribute('aria-busy', 'true');
				try {
					view = await api(`/api/v1/stands/${id}/stock/thresholds/${level.ingredientId}`, { method: 'PUT', body: { threshold: Number(text) } });
					drawLevels(level.ingredientId);
					ctx.status(t('admin.stock.thresholdSaved', { name, threshold: amount(Number(text), level.unit) }));
				} catch (e) {
					ctx.fail(e);
				} finally {
					form.removeAttribute('aria-busy');
				}
			});
			return h('tr', { dataset: { ingredient: level.ingredientCode, status: level.status } },
				h('th', { scope: 'row' }, name, ' ', h('span', { class: 'small muted' }, level.ingredientCode)),
				h('td', { class: 'num' }, amount(level.quantity, level.unit)),
				h('td', {}, statusBadge(level.status)),
				h('td', {}, form));
		}));
		if (focusIngredient != null) levelRows.querySelector(`tr[data-ingredient="${CSS.escape(byId.get(focusIngredient)?.ingredientCode ?? '')}"] input`)?.focus();
	}

	// an update by hand: delivery, waste or a physical count
	const kindSelect = h('select', { name: 'kind' }, MANUAL_KINDS.map((k) => h('option', { value: k }, t(`admin.stock.manual.${k}`))));
	const ingredientSelect = h('select', { name: 'ingredientId' }, view.levels.map((l) => h('option', { value: l.ingredientId }, l.ingredientName)));
	const quantityInput = h('input', { type: 'number', name: 'quantity', min: 0, step: 1, inputmode: 'numeric', required: true });
	const noteInput = h('input', { type: 'text', name: 'note', maxlength: 200 });
	const manualForm = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'manual-h' },
		h('h2', { id: 'manual-h' }, t('admin.stock.manualTitle')),
		h('p', { class: 'hint' }, t('admin.stock.manualHint')),
		h('div', { class: 'inline-form' },
			field(t('admin.stock.manualKind'), kindSelect), field(t('admin.stock.col.ingredient'), ingredientSelect),
			field(t('admin.stock.col.quantity'), quantityInput), field(t('admin.stock.col.note'), noteInput),
			h('button', { type: 'submit', class: 'primary' }, t('admin.stock.record'))),
		h('div', { class: 'form-errors', role: 'alert' }));
	manualForm.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(manualForm);
		const text = quantityInput.value.trim();
		const kind = kindSelect.value;
		if (!/^\d+$/.test(text) || (kind !== 'COUNT' && Number(text) === 0)) {
			showErrors(manualForm, {
				detail: t('form.fixFields'),
				errors: [{ field: 'quantity', message: t(kind === 'COUNT' ? 'form.wholeNumber' : 'admin.stock.positiveQuantity') }],
			});
			return;
		}
		const level = byId.get(Number(ingredientSelect.value));
		manualForm.setAttribute('aria-busy', 'true');
		try {
			view = await api(`/api/v1/stands/${id}/stock/movements`, {
				method: 'POST',
				body: { kind, ingredientId: Number(ingredientSelect.value), quantity: Number(text), note: noteInput.value.trim() || null, requestId: requestId() },
			});
			drawLevels();
			manualForm.reset();
			ctx.status(t(`admin.stock.recorded.${kind}`, { name: level?.ingredientName ?? '', quantity: amount(Number(text), level?.unit ?? 'PIECE') }));
			await loadMovements();
		} catch (e) {
			if (e.status !== 401) showErrors(manualForm, e);
		} finally {
			manualForm.removeAttribute('aria-busy');
		}
	});

	// movements with filters, and the same query as a CSV
	const today = todayIn(zone);
	const from = h('input', { type: 'date', name: 'from', value: addDays(today, -6), max: today });
	const to = h('input', { type: 'date', name: 'to', value: today, max: today });
	const ingredientFilter = h('select', { name: 'ingredientId' }, h('option', { value: '' }, t('admin.stock.allIngredients')),
		view.levels.map((l) => h('option', { value: l.ingredientId }, l.ingredientName)));
	const kindFilter = h('select', { name: 'kind' }, h('option', { value: '' }, t('admin.stock.allKinds')),
		MOVEMENT_KINDS.map((k) => h('option', { value: k }, t(`admin.stock.kind.${k}`))));
	const filterErrors = h('div', { class: 'form-errors', role: 'alert' });
	const movementRows = h('tbody');
	const movementsNote = h('p', { class: 'muted small' });
	const csvLink = h('a', { class: 'button small csv-link', download: `stock-movements-${id}.csv` }, t('admin.stock.downloadCsv'));
	csvLink.addEventListener('click', async (event) => {
		event.preventDefault();
		try {
			const { blob, filename } = await apiFile(csvLink.getAttribute('href'), { fallbackName: `stock-movements-${id}.csv` });
			saveBlob(blob, filename);
			ctx.status(t('admin.stock.csvSaved', { file: filename }));
		} catch (e) {
			ctx.fail(e);
		}
	});
	const query = () => {
		const q = new URLSearchParams();
		if (from.value) q.set('from', from.value);
		if (to.value) q.set('to', to.value);
		if (ingredientFilter.value) q.set('ingredientId', ingredientFilter.value);
		if (kindFilter.value) q.set('kind', kindFilter.value);
		q.set('limit', String(MOVEMENT_LIMIT));
		return q;
	};
	let generation = 0;
	/** Reads the movements for the filters; an answer overtaken by a newer filter is dropped. */
	async function loadMovements() {
		const mine = ++generation;
		replace(filterErrors);
		from.removeAttribute('aria-invalid');
		if (from.value && to.value && from.value > to.value) {
			from.setAttribute('aria-invalid', 'true');
			filterErrors.append(h('p', {}, t('admin.stock.datesReversed')));
			return;
		}
		const q = query();
		const rows = await api(`/api/v1/stands/${id}/stock/movements?${q}`, { signal: aborter.signal });
		if (mine !== generation) return;
		q.set('format', 'csv');
		csvLink.setAttribute('href', `/api/v1/stands/${id}/stock/movements?${q}`);
		movementsNote.textContent = rows.length >= MOVEMENT_LIMIT
			? t('admin.stock.movementsLimited', { count: rows.length })
			: t('admin.stock.movementsCount', { count: rows.length });
		replace(movementRows, rows.length ? rows.map((m) => {
			const level = byId.get(m.ingredientId);
			return h('tr', { dataset: { kind: m.kind } },
				h('td', {}, h('time', { datetime: m.occurredAt }, formatDateTime(m.occurredAt, zone, lang()))),
				h('td', {}, level?.ingredientName ?? `#${m.ingredientId}`),
				h('td', { class: 'num' }, level ? signed(m.quantity, level.unit) : String(m.quantity)),
				h('td', {}, t(`admin.stock.kind.${m.kind}`)),
				h('td', { class: 'small' }, h('code', {}, m.cause)),
				h('td', { class: 'small' }, m.note ?? ''));
		}) : emptyRow(6, 'admin.stock.noMovements'));
	}
	const reload = () => loadMovements().catch((e) => {
		if (e.name !== 'AbortError') ctx.fail(e);
	});
	for (const control of [from, to, ingredientFilter, kindFilter]) control.addEventListener('change', reload);

	replace(container,
		h('div', { class: 'view-head' },
			h('h1', { tabindex: '-1' }, t('admin.stock.standTitle', { name: view.standName })),
			h('a', { class: 'button', href: '#/stock' }, t('admin.stock.back'))),
		facts,
		h('div', { class: 'editor' },
			h('section', { class: 'card table-wrap', 'aria-labelledby': 'levels-h' },
				h('h2', { id: 'levels-h' }, t('admin.stock.levels')),
				h('p', { class: 'hint' }, t('admin.stock.thresholdHint')),
				table([['admin.stock.col.ingredient'], ['admin.stock.col.quantity', 'num'], ['admin.stock.col.status'], ['admin.stock.col.threshold']],
					levelRows, { class: 'stand-levels' })),
			h('div', {},
				h('section', { class: 'card', 'aria-labelledby': 'stand-alerts-h' },
					h('h2', { id: 'stand-alerts-h' }, t('admin.stock.alerts')), standAlerts),
				manualForm)),
		h('section', { 'aria-labelledby': 'movements-h' },
			h('div', { class: 'view-head' }, h('h2', { id: 'movements-h' }, t('admin.stock.movements')), csvLink),
			h('div', { class: 'filters' },
				field(t('admin.stock.from'), from), field(t('admin.stock.to'), to),
				field(t('admin.stock.col.ingredient'), ingredientFilter), field(t('admin.stock.kind'), kindFilter)),
			filterErrors,
			movementsNote,
			h('div', { class: 'card table-wrap' }, table([['admin.stock.col.time'], ['admin.stock.col.ingredient'], ['admin.stock.col.quantity', 'num'],
				['admin.stock.kind'], ['admin.stock.col.cause'], ['admin.stock.col.note']], movementRows, { class: 'stock-movements' }))));
	drawLevels();
	await loadMovements();
	return () => aborter.abort();
}
