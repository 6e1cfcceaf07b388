/**
 * Showing what went wrong next to a form: the problem's `detail` in the form's alert area and each
 * `errors[{field, message}]` under the input whose name is that field (aria-invalid and aria-describedby set),
 * with fields that have no input listed in the alert area.
 */
import { h, nextId } from './dom.js';
import { t } from './i18n.js';

function alertArea(form) {
	let area = form.querySelector(':scope > .form-errors');
	if (!area) {
		area = h('div', { class: 'form-errors', role: 'alert' });
		form.append(area);
	}
	return area;
}

/** The text to show for a failed request: the server's detail, or a message for the status when it has none. */
export function problemMessage(error) {
	const status = error?.status ?? error?.problem?.status;
	if (status === 0) return t('error.network');
	const problem = error?.problem ?? error ?? {};
	if (problem.detail) return problem.detail;
	if (status === 403) return t('error.forbidden');
	if (status === 404) return t('error.notFound');
	if (status === 409) return t('error.conflict');
	return problem.title || t('error.generic');
}

function fieldFor(form, field) {
	const candidates = [field, field.replace(/\[\d+\].*$/, ''), field.split('.')[0]];
	for (const name of candidates) {
		const el = form.querySelector(`[name="${CSS.escape(name)}"], [data-field="${CSS.escape(name)}"]`);
		if (el) return el;
	}
	return null;
}

export function clearErrors(form) {
	for (const el of form.querySelectorAll('.field-error')) el.remove();
	for (const el of form.querySelectorAll('[aria-invalid="true"]')) {
		el.removeAttribute('aria-invalid');
		const kept = (el.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && !id.startsWith('err-'));
		if (kept.length) el.setAttribute('aria-describedby', kept.join(' '));
		else el.removeAttribute('aria-describedby');
	}
	const area = form.querySelector(':scope > .form-errors');
	if (area) area.replaceChildren();
}

/** Shows an ApiError (or a plain {detail, errors}) on `form`; focuses the first invalid input. */
export function showErrors(form, error) {
	clearErrors(form);
	const area = alertArea(form);
	const errors = Array.isArray(error?.errors) ? error.errors : (error?.problem?.errors ?? []);
	const unplaced = [];
	let first = null;
	for (const { field, message } of errors) {
		const input = field ? fieldFor(form, field) : null;
		if (!input) {
			unplaced.push(field ? `${field}: ${message}` : message);
			continue;
		}
		const id = nextId('err');
		const note = h('p', { class: 'field-error', id }, message);
		const wrapper = input.closest('.field');
		if (wrapper) wrapper.append(note);
		else input.after(note);
		input.setAttribute('aria-invalid', 'true');
		input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
		first ??= input;
	}
	area.append(h('p', {}, problemMessage(error)));
	if (unplaced.length) area.append(h('ul', {}, unplaced.map((m) => h('li', {}, m))));
	if (first && typeof first.focus === 'function') first.focus();
}

/**
 * A labelled form field: <div class="field"><label>…</label><input …><p class="hint">…</p></div>.
 * `control` is an element (input, select, textarea) that gets an id when it has none.
 */
export function field(labelText, control, hintText) {
	control.id ||= nextId('in');
	const parts = [h('label', { for: control.id }, labelText), control];
	if (hintText) {
		const hintId = nextId('hint');
		control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), hintId].filter(Boolean).join(' '));
		parts.push(h('p', { class: 'hint', id: hintId }, hintText));
	}
	return h('div', { class: 'field' }, parts);
}

/** Runs `work` with the form's submit button disabled and marked busy. */
export async function busy(form, work) {
	const buttons = [...form.querySelectorAll('button')];
	buttons.forEach((b) => { b.disabled = true; });
	form.setAttribute('aria-busy', 'true');
	try {
		return await work();
	} finally {
		buttons.forEach((b) => { b.disabled = false; });
		form.removeAttribute('aria-busy');
	}
}
