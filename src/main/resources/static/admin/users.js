/**
 * Users (owner only): staff accounts, creating managers, operators and drivers, binding an operator to a stand,
 * resetting passwords, disabling and enabling accounts.
 */
import { h, replace, nextId } from '../common/dom.js';
import { t } from '../common/i18n.js';
import { api } from '../common/api.js';
import { field, showErrors, clearErrors, busy } from '../common/forms.js';

const CREATABLE = ['OPERATOR', 'DRIVER', 'MANAGER'];

/** #/users */
export async function list(container, ctx) {
	const [accounts, stands] = await Promise.all([api('/api/v1/users'), api('/api/v1/stands')]);
	const staff = accounts.filter((a) => a.role !== 'CUSTOMER');
	const standName = new Map(stands.map((s) => [s.id, `${s.code} · ${s.name}`]));
	const tbody = h('tbody');
	const filter = h('input', { type: 'search', autocomplete: 'off' });
	const roleFilter = h('select', {}, h('option', { value: '' }, t('admin.users.allRoles')),
		['OWNER', ...CREATABLE].map((r) => h('option', { value: r }, t(`role.${r}`))));

	const standSelect = (account) => {
		const select = h('select', { 'aria-label': t('admin.users.standFor', { name: account.username }) },
			h('option', { value: '' }, t('admin.users.noStand')),
			stands.filter((s) => s.active || s.id === account.standId).map((s) => h('option', { value: s.id, selected: s.id === account.standId }, standName.get(s.id))));
		select.addEventListener('change', async () => {
			const previous = account.standId;
			const next = select.value ? Number(select.value) : null;
			select.disabled = true;
			try {
				if (next) await api(`/api/v1/stands/${next}/operators/${account.id}`, { method: 'PUT' });
				else if (previous) await api(`/api/v1/stands/${previous}/operators/${account.id}`, { method: 'DELETE' });
				account.standId = next;
				ctx.status(next
					? t('admin.users.assigned', { name: account.displayName, stand: standName.get(next) })
					: t('admin.users.unassigned', { name: account.displayName }));
			} catch (e) {
				select.value = previous ?? '';
				ctx.fail(e);
			} finally {
				select.disabled = false;
			}
		});
		return select;
	};

	const passwordForm = (account, cell, opener) => {
		const input = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', minlength: 10 });
		const form = h('form', { class: 'inline-form', novalidate: true },
			field(t('admin.users.newPasswordFor', { name: account.username }), input),
			h('button', { type: 'submit', class: 'small primary' }, t('admin.users.setPassword')),
			h('button', { type: 'button', class: 'small', onclick: () => { form.remove(); opener.focus(); } }, t('common.cancel')),
			h('div', { class: 'form-errors', role: 'alert' }));
		form.addEventListener('submit', async (event) => {
			event.preventDefault();
			clearErrors(form);
			if (input.value.length < 10) {
				showErrors(form, { detail: t('form.fixFields'), errors: [{ field: 'password', message: t('form.passwordLength') }] });
				return;
			}
			await busy(form, async () => {
				try {
					await api(`/api/v1/users/${account.id}/password`, { method: 'POST', body: { password: input.value } });
					ctx.status(t('admin.users.passwordSet', { name: account.username }));
					form.remove();
					opener.focus();
				} catch (e) {
					if (e.status !== 401) showErrors(form, e);
				}
			});
		});
		cell.append(form);
		input.focus();
	};

	function draw() {
		const text = filter.value.trim().toLowerCase();
		const shown = staff.filter((a) => (!roleFilter.value || a.role === roleFilter.value)
			&& (!text || a.username.toLowerCase().includes(text) || a.displayName.toLowerCase().includes(text)));
		replace(tbody, shown.map((a) => {
			const actions = h('td', {});
			const self = a.id === ctx.user.id;
			const reset = h('button', { type: 'button', class: 'small', 'aria-label': t('admin.users.resetNamed', { name: a.username }),
				onclick: () => { if (!actions.querySelector('form')) passwordForm(a, actions, reset); } }, t('admin.users.resetPassword'));
			const toggle = self ? null : h('button', {
				type: 'button', class: `small${a.active ? ' danger' : ''}`,
				'aria-label': t(a.active ? 'admin.users.disableNamed' : 'admin.users.enableNamed', { name: a.username }),
				onclick: async (e) => {
					e.target.disabled = true;
					try {
						const saved = await api(`/api/v1/users/${a.id}/${a.active ? 'disable' : 'enable'}`, { method: 'POST' });
						Object.assign(a, saved);
						ctx.status(t(saved.active ? 'admin.users.enabled' : 'admin.users.disabled', { name: saved.username }));
						draw();
					} catch (err) {
						e.target.disabled = false;
						ctx.fail(err);
					}
				},
			}, t(a.active ? 'admin.users.disable' : 'admin.users.enable'));
			actions.append(h('div', { class: 'actions' }, reset, toggle));
			return h('tr', { class: a.active ? '' : 'archived', dataset: { userId: a.id } },
				h('td', {}, a.username),
				h('td', {}, a.displayName),
				h('td', {}, t(`role.${a.role}`)),
				h('td', {}, a.role === 'OPERATOR' ? standSelect(a) : h('span', { class: 'muted' }, '—')),
				h('td', {}, a.active ? h('span', { class: 'badge open' }, t('common.active')) : h('span', { class: 'badge closed' }, t('admin.users.disabledBadge'))),
				actions);
		}));
	}
	filter.addEventListener('input', draw);
	roleFilter.addEventListener('change', draw);

	replace(container,
		h('div', { class: 'view-head' }, h('h1', { tabindex: '-1' }, t('admin.users.title'))),
		h('div', { class: 'filters' }, field(t('admin.users.search'), filter), field(t('admin.users.role'), roleFilter)),
		h('div', { class: 'card table-wrap' }, h('table', { class: 'users' },
			h('thead', {}, h('tr', {}, ['username', 'displayName', 'role', 'stand', 'status', 'actions'].map((c) =>
				h('th', { scope: 'col' }, t(`admin.users.col.${c}`))))),
			tbody)),
		createForm(ctx, staff, stands, draw));
	draw();
}

function createForm(ctx, staff, stands, redraw) {
	const username = h('input', { name: 'username', type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', required: true });
	const displayName = h('input', { name: 'displayName', type: 'text', autocomplete: 'off', required: true });
	const role = h('select', { name: 'role' }, CREATABLE.map((r) => h('option', { value: r }, t(`role.${r}`))));
	const password = h('input', { name: 'password', type: 'password', autocomplete: 'new-password', minlength: 10, required: true });
	const stand = h('select', { name: 'standId' }, h('option', { value: '' }, t('admin.users.noStand')),
		stands.filter((s) => s.active).map((s) => h('option', { value: s.id }, `${s.code} · ${s.name}`)));
	const standField = field(t('admin.users.stand'), stand);
	role.addEventListener('change', () => { standField.hidden = role.value !== 'OPERATOR'; });
	const headingId = nextId('h');
	const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': headingId },
		h('h2', { id: headingId }, t('admin.users.new')),
		h('div', { class: 'grid-2' },
			field(t('admin.users.username'), username),
			field(t('admin.users.displayName'), displayName),
			field(t('admin.users.role'), role),
			standField,
			field(t('admin.users.password'), password, t('form.passwordLength'))),
		h('div', { class: 'form-errors', role: 'alert' }),
		h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('admin.users.create'))));
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(form);
		const errors = [];
		if (!username.value.trim()) errors.push({ field: 'username', message: t('form.required') });
		if (!displayName.value.trim()) errors.push({ field: 'displayName', message: t('form.required') });
		if (password.value.length < 10) errors.push({ field: 'password', message: t('form.passwordLength') });
		if (errors.length) {
			showErrors(form, { detail: t('form.fixFields'), errors });
			return;
		}
		await busy(form, async () => {
			try {
				const created = await api('/api/v1/users', {
					method: 'POST',
					body: { username: username.value.trim(), displayName: displayName.value.trim(), role: role.value, password: password.value },
				});
				if (created.role === 'OPERATOR' && stand.value) {
					await api(`/api/v1/stands/${stand.value}/operators/${created.id}`, { method: 'PUT' });
					created.standId = Number(stand.value);
				}
				staff.push(created);
				form.reset();
				standField.hidden = role.value !== 'OPERATOR';
				ctx.status(t('admin.users.created', { name: created.username }));
				redraw();
			} catch (e) {
				if (e.status !== 401) showErrors(form, e);
			}
		});
	});
	standField.hidden = role.value !== 'OPERATOR';
	return form;
}
