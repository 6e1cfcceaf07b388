/**
 * The one DOM helper every app shares: h(tag, attrs, ...children) builds an element.
 * Attributes: `class`, `for`, booleans (true sets, false/null omits), `on<event>` functions, `dataset` object,
 * everything else via setAttribute. Children: nodes, strings, numbers, arrays; null/false/undefined are skipped.
 * Text always goes in as text nodes, so API data is never parsed as HTML.
 */
export function h(tag, attrs, ...children) {
	const el = document.createElement(tag);
	for (const [name, value] of Object.entries(attrs ?? {})) {
		if (value === null || value === undefined || value === false) continue;
		if (name.startsWith('on') && typeof value === 'function') {
			el.addEventListener(name.slice(2).toLowerCase(), value);
		} else if (name === 'dataset') {
			Object.assign(el.dataset, value);
		} else if (name === 'value' && 'value' in el) {
			el.value = value;
		} else if (name === 'checked' || name === 'selected') {
			el[name] = Boolean(value);
		} else {
			el.setAttribute(name, value === true ? '' : String(value));
		}
	}
	append(el, children);
	return el;
}

function append(el, children) {
	for (const child of children) {
		if (child === null || child === undefined || child === false) continue;
		if (Array.isArray(child)) append(el, child);
		else el.append(child instanceof Node ? child : String(child));
	}
}

/** Replaces everything inside `el` with the given children. */
export function replace(el, ...children) {
	el.replaceChildren();
	append(el, children);
	return el;
}

let uid = 0;
/** A unique id for label/aria wiring. */
export function nextId(prefix = 'f') {
	uid += 1;
	return `${prefix}-${uid}`;
}

/** Offers `blob` to the user as a downloaded file called `filename` (through a temporary object URL). */
export function saveBlob(blob, filename) {
	const url = URL.createObjectURL(blob);
	const link = h('a', { href: url, download: filename, hidden: true });
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 60000);
}
