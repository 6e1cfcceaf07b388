/**
 * A small QR code encoder for codes the phone must draw offline (the receipt link): byte mode (UTF-8, with an ECI
 * designator when the text is not ASCII), error correction level M, versions 1 to 10, all eight masks scored with
 * the standard penalty rules (ISO/IEC 18004 section 7.8.3), drawn as SVG. QrCodeBrowserTest decodes its output with ZXing.
 */

const ECC_PER_BLOCK = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26]; // level M, by version
const BLOCKS = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5];
const FORMAT_BITS_M = 0; // M is 00 in the format information
const MAX_VERSION = 10;

/** Codewords (data + ECC) a version holds. */
export function rawCodewords(version) {
	let bits = (16 * version + 128) * version + 64;
	if (version >= 2) {
		const align = Math.floor(version / 7) + 2;
		bits -= (25 * align - 10) * align - 55;
		if (version >= 7) bits -= 36;
	}
	return Math.floor(bits / 8);
}

const dataCodewords = (version) => rawCodewords(version) - ECC_PER_BLOCK[version] * BLOCKS[version];

/** The row (and column) centres of a version's alignment patterns; the formula holds for versions 1 to 40. */
export function alignmentPositions(version) {
	if (version === 1) return [];
	const size = version * 4 + 17;
	const count = Math.floor(version / 7) + 2;
	const step = Math.floor((version * 8 + count * 3 + 5) / (count * 4 - 4)) * 2;
	const result = [6];
	for (let pos = size - 7; result.length < count; pos -= step) result.splice(1, 0, pos);
	return result;
}

// ---------------------------------------------------------------- Reed-Solomon over GF(2^8), polynomial 0x11D

function gfMultiply(x, y) {
	let z = 0;
	for (let i = 7; i >= 0; i--) {
		z = (z << 1) ^ ((z >>> 7) * 0x11d);
		z ^= ((y >>> i) & 1) * x;
	}
	return z & 0xff;
}

function rsDivisor(degree) {
	const result = new Array(degree).fill(0);
	result[degree - 1] = 1;
	let root = 1;
	for (let i = 0; i < degree; i++) {
		for (let j = 0; j < result.length; j++) {
			result[j] = gfMultiply(result[j], root);
			if (j + 1 < result.length) result[j] ^= result[j + 1];
		}
		root = gfMultiply(root, 0x02);
	}
	return result;
}

function rsRemainder(data, divisor) {
	const result = divisor.map(() => 0);
	for (const b of data) {
		const factor = b ^ result.shift();
		result.push(0);
		divisor.forEach((coef, i) => { result[i] ^= gfMultiply(coef, factor); });
	}
	return result;
}

// ---------------------------------------------------------------- format and version information

/** The 15 format bits of EC level bits `level` (L 01, M 00, Q 11, H 10) and `mask`: BCH(15,5), then XOR 0x5412. */
export function formatBits(level, mask) {
	const data = (level << 3) | mask;
	let rem = data;
	for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
	return ((data << 10) | rem) ^ 0x5412;
}

/** The 18 version bits (versions 7 and up): BCH(18,6). */
export function versionBits(version) {
	let rem = version;
	for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
	return (version << 12) | rem;
}

// ---------------------------------------------------------------- data codewords

function bitsFor(bytes, version, eci) {
	const bits = [];
	const put = (value, length) => {
		for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
	};
	if (eci) {
		put(0b0111, 4);
		put(26, 8); // UTF-8
	}
	put(0b0100, 4);
	put(bytes.length, version <= 9 ? 8 : 16);
	for (const b of bytes) put(b, 8);
	return bits;
}

function chooseVersion(bytes, eci) {
	for (let version = 1; version <= MAX_VERSION; version++) {
		if (bitsFor(bytes, version, eci).length <= dataCodewords(version) * 8) return version;
	}
	throw new RangeError(`text too long for a version ${MAX_VERSION} QR code at level M: ${bytes.length} bytes`);
}

function codewords(bytes, version, eci) {
	const capacity = dataCodewords(version) * 8;
	const bits = bitsFor(bytes, version, eci);
	for (let i = 0; i < 4 && bits.length < capacity; i++) bits.push(0); // terminator
	while (bits.length % 8) bits.push(0);
	const data = [];
	for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((v, b) => (v << 1) | b, 0));
	for (let pad = 0xec; data.length < capacity / 8; pad ^= 0xec ^ 0x11) data.push(pad);
	// split into blocks, add ECC to each, interleave
	const blocks = BLOCKS[version];
	const eccLength = ECC_PER_BLOCK[version];
	const raw = rawCodewords(version);
	const shortBlocks = blocks - (raw % blocks);
	const shortLength = Math.floor(raw / blocks);
	const divisor = rsDivisor(eccLength);
	const parts = [];
	for (let i = 0, k = 0; i < blocks; i++) {
		const dataLength = shortLength - eccLength + (i < shortBlocks ? 0 : 1);
		const block = data.slice(k, k + dataLength);
		k += dataLength;
		const ecc = rsRemainder(block, divisor);
		if (i < shortBlocks) block.push(0); // placeholder so every block has the same length
		parts.push(block.concat(ecc));
	}
	const result = [];
	for (let i = 0; i < parts[0].length; i++) {
		parts.forEach((block, j) => {
			if (i !== shortLength - eccLength || j >= shortBlocks) result.push(block[i]);
		});
	}
	return result;
}

// ---------------------------------------------------------------- the symbol

class Symbol {
	constructor(version) {
		this.version = version;
		this.size = version * 4 + 17;
		this.dark = Array.from({ length: this.size }, () => new Array(this.size).fill(false));
		this.fixed = Array.from({ length: this.size }, () => new Array(this.size).fill(false));
	}

	set(x, y, dark) {
		this.dark[y][x] = dark;
		this.fixed[y][x] = true;
	}

	drawFunctionPatterns() {
		const { size } = this;
		for (let i = 0; i < size; i++) {
			this.set(6, i, i % 2 === 0);
			this.set(i, 6, i % 2 === 0);
		}
		this.finder(3, 3);
		this.finder(size - 4, 3);
		this.finder(3, size - 4);
		const positions = alignmentPositions(this.version);
		const last = positions.length - 1;
		positions.forEach((px, i) => positions.forEach((py, j) => {
			if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
			for (let dy = -2; dy <= 2; dy++) {
				for (let dx = -2; dx <= 2; dx++) this.set(px + dx, py + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
			}
		}));
		this.drawFormat(0); // reserves the area; redrawn with the chosen mask
		this.drawVersion();
	}

	finder(cx, cy) {
		for (let dy = -4; dy <= 4; dy++) {
			for (let dx = -4; dx <= 4; dx++) {
				const x = cx + dx;
				const y = cy + dy;
				if (x < 0 || y < 0 || x >= this.size || y >= this.size) continue;
				const distance = Math.max(Math.abs(dx), Math.abs(dy));
				this.set(x, y, distance !== 2 && distance !== 4);
			}
		}
	}

	drawFormat(mask) {
		const bits = formatBits(FORMAT_BITS_M, mask);
		const bit = (i) => ((bits >>> i) & 1) !== 0;
		const { size } = this;
		for (let i = 0; i <= 5; i++) this.set(8, i, bit(i));
		this.set(8, 7, bit(6));
		this.set(8, 8, bit(7));
		this.set(7, 8, bit(8));
		for (let i = 9; i < 15; i++) this.set(14 - i, 8, bit(i));
		for (let i = 0; i < 8; i++) this.set(size - 1 - i, 8, bit(i));
		for (let i = 8; i < 15; i++) this.set(8, size - 15 + i, bit(i));
		this.set(8, size - 8, true); // the dark module
	}

	drawVersion() {
		if (this.version < 7) return;
		const bits = versionBits(this.version);
		for (let i = 0; i < 18; i++) {
			const dark = ((bits >>> i) & 1) !== 0;
			const a = this.size - 11 + (i % 3);
			const b = Math.floor(i / 3);
			this.set(a, b, dark);
			this.set(b, a, dark);
		}
	}

	drawCodewords(data) {
		let i = 0;
		dataModules(this.fixed, (x, y) => {
			if (i < data.length * 8) {
				this.dark[y][x] = ((data[i >>> 3] >>> (7 - (i & 7))) & 1) !== 0;
				i++;
			}
		});
	}

	applyMask(mask) {
		const condition = MASKS[mask];
		for (let y = 0; y < this.size; y++) {
			for (let x = 0; x < this.size; x++) {
				if (!this.fixed[y][x] && condition(y, x)) this.dark[y][x] = !this.dark[y][x];
			}
		}
	}
}

/**
 * Calls `visit(x, y)` for each module that is not a function pattern, in the order the codeword bits are placed:
 * two columns at a time from the right, up and down in turn, skipping the vertical timing pattern.
 */
export function dataModules(fixed, visit) {
	const size = fixed.length;
	for (let right = size - 1; right >= 1; right -= 2) {
		if (right === 6) right = 5;
		const upward = ((right + 1) & 2) === 0;
		for (let vert = 0; vert < size; vert++) {
			const y = upward ? size - 1 - vert : vert;
			for (let x = right; x > right - 2; x--) if (!fixed[y][x]) visit(x, y);
		}
	}
}

/** Which modules of a version are function patterns (finders, timing, alignment, format and version areas). */
export function functionModules(version) {
	const symbol = new Symbol(version);
	symbol.drawFunctionPatterns();
	return symbol.fixed;
}

/** The eight mask conditions, (row i, column j). */
export const MASKS = [
	(i, j) => (i + j) % 2 === 0,
	(i) => i % 2 === 0,
	(i, j) => j % 3 === 0,
	(i, j) => (i + j) % 3 === 0,
	(i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
	(i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
	(i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
	(i, j) => (((i + j) % 2) + ((i * j) % 3)) % 2 === 0,
];

const CORE = [true, false, true, true, true, false, true]; // 1:1:3:1:1

/** The standard penalty score: runs (N1 = 3), 2x2 blocks (N2 = 3), finder-like patterns (N3 = 40), balance (N4 = 10). */
export function penalty(m) {
	const size = m.length;
	const at = (x, y, vertical) => (vertical ? m[x][y] : m[y][x]);
	const light = (from, to, y, vertical) => {
		if (from < 0 || to > size) return false;
		for (let x = from; x < to; x++) if (at(x, y, vertical)) return false;
		return true;
	};
	let score = 0;
	for (const vertical of [false, true]) {
		for (let y = 0; y < size; y++) {
			let run = 1;
			for (let x = 1; x <= size; x++) {
				if (x < size && at(x, y, vertical) === at(x - 1, y, vertical)) {
					run++;
				} else {
					if (run >= 5) score += 3 + (run - 5);
					run = 1;
				}
			}
			// a finder-like 1:1:3:1:1 with four light modules before or after it, inside the symbol (as ZXing scores it)
			for (let x = 0; x + 7 <= size; x++) {
				if (CORE.every((dark, k) => at(x + k, y, vertical) === dark)
					&& (light(x - 4, x, y, vertical) || light(x + 7, x + 11, y, vertical))) score += 40;
			}
		}
	}
	let dark = 0;
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			if (m[y][x]) dark++;
			if (x + 1 < size && y + 1 < size && m[y][x] === m[y][x + 1] && m[y][x] === m[y + 1][x] && m[y][x] === m[y + 1][x + 1]) score += 3;
		}
	}
	const total = size * size;
	score += Math.floor(Math.abs(dark * 20 - total * 10) / total) * 10;
	return score;
}

/**
 * The module matrix of `text` as rows of booleans (true = dark), without the quiet zone. `mask` forces a mask
 * (0-7); by default the one with the lowest penalty is chosen.
 */
export function qrMatrix(text, { mask } = {}) {
	const bytes = [...new TextEncoder().encode(String(text))];
	const eci = bytes.some((b) => b > 0x7f);
	const version = chooseVersion(bytes, eci);
	const symbol = new Symbol(version);
	symbol.drawFunctionPatterns();
	symbol.drawCodewords(codewords(bytes, version, eci));
	let chosen = mask;
	if (chosen === undefined) {
		let best = Infinity;
		for (let candidate = 0; candidate < 8; candidate++) {
			symbol.applyMask(candidate);
			symbol.drawFormat(candidate);
			const score = penalty(symbol.dark);
			if (score < best) {
				best = score;
				chosen = candidate;
			}
			symbol.applyMask(candidate); // undo (XOR)
		}
	}
	symbol.applyMask(chosen);
	symbol.drawFormat(chosen);
	return symbol.dark.map((row) => row.slice());
}

/** The QR code of `text` as an SVG element string: one path, a 4-module quiet zone, crisp edges. */
export function qrSvg(text, { label = text, moduleSize = 4 } = {}) {
	const m = qrMatrix(text);
	const quiet = 4;
	const size = m.length + quiet * 2;
	let path = '';
	m.forEach((row, y) => row.forEach((dark, x) => {
		if (dark) path += `M${x + quiet} ${y + quiet}h1v1h-1z`;
	}));
	const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size * moduleSize}" height="${size * moduleSize}" role="img" aria-label="${escape(label)}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

/** The QR code of `text` as an SVG DOM element. */
export function qrElement(text, options) {
	const template = document.createElement('template');
	template.innerHTML = qrSvg(text, options);
	return template.content.firstElementChild;
}
