/**
 * A QR code reader for camera frames, for browsers without BarcodeDetector (Safari on iPhones, Chromium on Linux):
 * versions 1 to 40, levels L/M/Q/H, numeric, alphanumeric, byte (UTF-8 or the charset an ECI names) and kanji
 * segments (ISO/IEC 18004). The layout it shares with common/qr.js, our encoder. QrReadBrowserTest draws codes of
 * versions 1 to 10 (all our codes are) turned, small, skewed, blurred, noisy and damaged, and reads them back; the
 * tables for 11 to 40 are ZXing's, but no test reads such a code.
 *
 * The way: grey levels -> black and white by local thresholds -> finder patterns (1:1:3:1:1 runs along a row,
 * checked down, across and diagonally) -> the three that make a code -> a perspective grid through their centres and
 * the bottom-right alignment pattern -> format (and version) information -> codewords -> Reed-Solomon -> text.
 * A frame with no code in it costs three looks (see readQr), a few tens of milliseconds.
 */
import { MASKS, dataModules, formatBits, functionModules, rawCodewords, versionBits } from './qr.js';

// ECC codewords per block and number of blocks, by version (1-40), for L, M, Q, H
const ECC = [
	[7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
	[10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
	[13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
	[17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
];
const BLOCKS = [
	[1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
	[1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
	[1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
	[1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
];
// ECC codewords kept back against misreads (not used for correcting) in the smallest symbols: [version][level]
const PROTECTION = { 1: [3, 2, 1, 1], 2: [2, 0, 0, 0], 3: [1, 0, 0, 0] };
const LEVEL_OF_BITS = [1, 0, 3, 2]; // format bits 00 M, 01 L, 10 H, 11 Q -> index into ECC/BLOCKS
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

// ---------------------------------------------------------------- black and white

const BLOCK = 4; // pixels: small enough for codes of 2 to 3 pixels a module
const FLAT = 12; // a block whose grey levels span no more than this has no edge in it

/**
 * Local thresholds (as ZXing's HybridBinarizer): each 4x4 block's mean, a flat block taking its neighbours'
 * (so the inside of a large dark module stays dark), and each pixel compared with the mean of the 5x5 blocks around.
 */
function binarize(grey, w, h) {
	const bw = Math.ceil(w / BLOCK);
	const bh = Math.ceil(h / BLOCK);
	const level = new Float32Array(bw * bh);
	for (let by = 0; by < bh; by++) {
		for (let bx = 0; bx < bw; bx++) {
			let sum = 0;
			let n = 0;
			let min = 255;
			let max = 0;
			for (let y = by * BLOCK; y < Math.min(h, by * BLOCK + BLOCK); y++) {
				for (let x = bx * BLOCK; x < Math.min(w, bx * BLOCK + BLOCK); x++) {
					const v = grey[y * w + x];
					sum += v;
					n++;
					if (v < min) min = v;
					if (v > max) max = v;
				}
			}
			let mean = sum / n;
			if (max - min <= FLAT) {
				mean = min / 2; // light, unless the blocks above and to the left say this is inside something dark
				if (bx > 0 && by > 0) {
					const around = (level[(by - 1) * bw + bx] + 2 * level[by * bw + bx - 1] + level[(by - 1) * bw + bx - 1]) / 4;
					if (min < around) mean = around;
				}
			}
			level[by * bw + bx] = mean;
		}
	}
	const dark = new Uint8Array(w * h);
	for (let by = 0; by < bh; by++) {
		for (let bx = 0; bx < bw; bx++) {
			let sum = 0;
			let n = 0;
			for (let y = Math.max(0, by - 2); y <= Math.min(bh - 1, by + 2); y++) {
				for (let x = Math.max(0, bx - 2); x <= Math.min(bw - 1, bx + 2); x++, n++) sum += level[y * bw + x];
			}
			const threshold = sum / n;
			for (let y = by * BLOCK; y < Math.min(h, by * BLOCK + BLOCK); y++) {
				for (let x = bx * BLOCK; x < Math.min(w, bx * BLOCK + BLOCK); x++) dark[y * w + x] = grey[y * w + x] <= threshold ? 1 : 0;
			}
		}
	}
	return dark;
}

/** The grey levels smoothed by a 3x3 binomial filter: noise that breaks up a small code's finder rings averages out. */
function smooth(grey, w, h) {
	const soft = grey.slice();
	for (let y = 1; y < h - 1; y++) {
		for (let x = 1; x < w - 1; x++) {
			const i = y * w + x;
			soft[i] = (grey[i - w - 1] + 2 * grey[i - w] + grey[i - w + 1] + 2 * grey[i - 1] + 4 * grey[i] + 2 * grey[i + 1]
				+ grey[i + w - 1] + 2 * grey[i + w] + grey[i + w + 1]) >> 4;
		}
	}
	return soft;
}

/** 1 dark, 0 light, -1 outside the picture. */
function pixel(img, x, y) {
	x = Math.floor(x);
	y = Math.floor(y);
	return x < 0 || y < 0 || x >= img.w || y >= img.h ? -1 : img.d[y * img.w + x];
}

// ---------------------------------------------------------------- finder patterns

/**
 * The total when five runs are dark-light-dark-light-dark in 1:1:3:1:1, else 0: each within half a module (or
 * `slack` modules), plus most of a pixel for the edges a small code's modules blur into.
 */
function finderRuns(r, slack = 0.5) {
	const total = r[0] + r[1] + r[2] + r[3] + r[4];
	if (total < 10) return 0; // modules under 1.5 pixels do not read anyway
	const m = total / 7;
	const v = m * slack + 0.75;
	return Math.abs(m - r[0]) <= v && Math.abs(m - r[1]) <= v && Math.abs(3 * m - r[2]) <= v + m
		&& Math.abs(m - r[3]) <= v && Math.abs(m - r[4]) <= v ? total : 0;
}

/**
 * The five runs of a finder pattern along the line through (x, y) in direction (dx, dy), one-pixel steps, and the
 * middle of its centre run; null when a run is longer than `limit` or the picture ends first.
 */
function runsAlong(img, x, y, dx, dy, limit) {
	x = Math.floor(x) + 0.5;
	y = Math.floor(y) + 0.5;
	const r = [0, 0, 0, 0, 0];
	let back = 0; // of the centre run, the pixels behind the start
	for (const s of [-1, 1]) {
		let k = 2;
		for (let t = s < 0 ? 1 : 0; ; t++) {
			const p = pixel(img, x + s * t * dx, y + s * t * dy);
			if (p < 0) return null;
			if (p !== 1 - (k & 1)) {
				k += s; // the colour changed: the next run out from the centre
				if (k < 0 || k > 4) break;
			}
			if (++r[k] > limit) return null;
			if (k === 2 && s < 0) back++;
		}
	}
	const middle = (r[2] - 2 * back - 1) / 2; // forward part minus backward part, in pixel centres
	return { r, x: x + dx * middle, y: y + dy * middle };
}

/** Checks a row hit down the column, across again and along a diagonal; adds it to `found` (merging repeats). */
function confirm(img, found, x, y, total) {
	const down = runsAlong(img, x, y, 0, 1, total);
	const downTotal = down && finderRuns(down.r);
	if (!downTotal || Math.abs(downTotal - total) * 5 > 2 * total) return;
	const across = runsAlong(img, x, down.y, 1, 0, total);
	const acrossTotal = across && finderRuns(across.r);
	if (!acrossTotal) return;
	// blur rounds the corners of the light ring, so the diagonal is allowed more
	const diagonal = runsAlong(img, across.x, down.y, Math.SQRT1_2, Math.SQRT1_2, 2 * total);
	if (!diagonal || !finderRuns(diagonal.r, 0.75)) return;
	const cx = across.x;
	const cy = down.y;
	const m = (downTotal + acrossTotal) / 14;
	for (const f of found) {
		if (Math.abs(f.x - cx) <= f.m && Math.abs(f.y - cy) <= f.m && Math.abs(f.m - m) <= Math.max(1, f.m / 2)) {
			f.x = (f.x * f.n + cx) / (f.n + 1);
			f.y = (f.y * f.n + cy) / (f.n + 1);
			f.m = (f.m * f.n + m) / (f.n + 1);
			f.n++;
			return;
		}
	}
	found.push({ x: cx, y: cy, m, n: 1 });
}

/** Finder pattern candidates, the most often seen first: {x, y (centre), m (module size), n (hits)}. */
function finders(img) {
	const { w, h, d } = img;
	const found = [];
	const starts = new Int32Array(w + 1);
	const lengths = new Int32Array(w + 1);
	for (let y = 0; y < h; y++) {
		const row = y * w;
		let count = 0;
		for (let x = 0, start = 0; x <= w; x++) {
			if (x === w || d[row + x] !== d[row + start]) {
				starts[count] = start;
				lengths[count++] = x - start;
				start = x;
			}
		}
		for (let i = d[row] ? 0 : 1; i + 4 < count; i += 2) {
			const total = finderRuns(lengths.subarray(i, i + 5));
			if (total) confirm(img, found, starts[i + 2] + lengths[i + 2] / 2, y + 0.5, total);
		}
	}
	const seen = found.filter((f) => f.n >= 2);
	return (seen.length >= 3 ? seen : found).sort((a, b) => b.n - a.n).slice(0, 8);
}

const distance = (p, q) => Math.hypot(p.x - q.x, p.y - q.y);

/**
 * Three candidates as top-left b, top-right a and bottom-left c with a score (lower is better), or null when they
 * cannot be the corners of one code: b sits at the right angle, a and c are about as far from it.
 */
function corners(p, q, r) {
	const [pq, qr, pr] = [distance(p, q), distance(q, r), distance(p, r)];
	let [b, a, c] = qr >= pq && qr >= pr ? [p, q, r] : pr >= pq ? [q, p, r] : [r, p, q];
	// on screen (y down) the way from a to c turns clockwise round b
	if ((a.x - b.x) * (c.y - b.y) - (a.y - b.y) * (c.x - b.x) < 0) [a, c] = [c, a];
	const ab = distance(a, b);
	const cb = distance(c, b);
	const legs = Math.abs(Math.log(ab / cb));
	const right = Math.abs((distance(a, c) ** 2) / (ab * ab + cb * cb) - 1);
	const sizes = Math.abs(Math.log(Math.max(a.m, b.m, c.m) / Math.min(a.m, b.m, c.m)));
	if (legs > 0.5 || right > 0.3 || sizes > 0.7 || ab < 7 * b.m) return null;
	return { b, a, c, score: legs + right + sizes };
}

// ---------------------------------------------------------------- the grid

/** The perspective transform taking four points `from` to four points `to` (flat [x0, y0, x1, y1, ...]). */
function homography(from, to) {
	const rows = [];
	for (let i = 0; i < 4; i++) {
		const [x, y, u, v] = [from[2 * i], from[2 * i + 1], to[2 * i], to[2 * i + 1]];
		rows.push([x, y, 1, 0, 0, 0, -x * u, -y * u, u], [0, 0, 0, x, y, 1, -x * v, -y * v, v]);
	}
	for (let col = 0; col < 8; col++) { // Gauss-Jordan elimination
		let pivot = col;
		for (let r = col + 1; r < 8; r++) if (Math.abs(rows[r][col]) > Math.abs(rows[pivot][col])) pivot = r;
		[rows[col], rows[pivot]] = [rows[pivot], rows[col]];
		if (Math.abs(rows[col][col]) < 1e-9) return null;
		for (let r = 0; r < 8; r++) {
			const f = rows[r][col] / rows[col][col];
			if (r !== col && f) for (let k = col; k < 9; k++) rows[r][k] -= f * rows[col][k];
		}
	}
	const m = rows.map((row, i) => row[8] / row[i]);
	return (x, y) => {
		const z = m[6] * x + m[7] * y + 1;
		return [(m[0] * x + m[1] * y + m[2]) / z, (m[3] * x + m[4] * y + m[5]) / z];
	};
}

/** The module size measured across a finder pattern towards another one, or NaN. */
function moduleToward(img, p, q) {
	const d = distance(p, q);
	const runs = runsAlong(img, p.x, p.y, (q.x - p.x) / d, (q.y - p.y) / d, 14 * p.m);
	return runs && finderRuns(runs.r) ? finderRuns(runs.r) / 7 : NaN;
}

/** The 18 version bits read next to a finder pattern (top right, or bottom left when `transposed`), its axes given. */
function versionNear(img, centre, ux, uy, vx, vy, transposed) {
	let bits = 0;
	for (let i = 0; i < 18; i++) {
		const along = (i % 3) - 7; // across the pattern from its centre, towards the top-left one
		const side = Math.floor(i / 3) - 3;
		const [s, t] = transposed ? [side, along] : [along, side];
		bits |= Math.max(0, pixel(img, centre.x + s * ux + t * vx, centre.y + s * uy + t * vy)) << i;
	}
	return bits;
}

/** The nearest of `codes` to `bits` when within 3 bits: its index, else -1. */
function nearest(codes, ...bits) {
	let best = -1;
	let least = 4;
	codes.forEach((code, i) => bits.forEach((b) => {
		let x = code ^ b;
		let n = 0;
		for (; x; n++) x &= x - 1;
		if (n < least) [least, best] = [n, i];
	}));
	return best;
}

const FORMATS = Array.from({ length: 32 }, (_, data) => formatBits(data >> 3, data & 7));
const VERSIONS = Array.from({ length: 41 }, (_, v) => (v >= 7 ? versionBits(v) : -1));

/**
 * The versions to try for corners b, a, c: the one read from the version information when it is there, else the
 * one their distance suggests and its neighbours.
 */
function versions(img, b, a, c, m) {
	const estimate = ((distance(a, b) + distance(c, b)) / 2) / m + 7;
	const version = Math.round((estimate - 17) / 4);
	// version information, trusted only near the estimate: random data is within 3 bits of some version 1 time in 8
	if (version >= 6) {
		const ab = distance(a, b);
		const cb = distance(c, b);
		const [ux, uy, vx, vy] = [(a.x - b.x) / ab * m, (a.y - b.y) / ab * m, (c.x - b.x) / cb * m, (c.y - b.y) / cb * m];
		const read = nearest(VERSIONS, versionNear(img, a, ux, uy, vx, vy, false), versionNear(img, c, ux, uy, vx, vy, true));
		if (read >= 7 && Math.abs(read - version) <= 2) return [read];
	}
	return [version, version + 1, version - 1].filter((v) => v >= 1 && v <= 40);
}

/**
 * The centre of the alignment pattern near module (p, p) of `grid`: the best match of its 5x5 modules in the
 * black-and-white picture within a few modules of where the grid puts it; null when nothing matches well.
 */
function alignment(img, grid, p) {
	const [ex, ey] = grid(p, p);
	const [x1, y1] = grid(p + 1, p);
	const [x2, y2] = grid(p, p + 1);
	const [ux, uy, vx, vy] = [x1 - ex, y1 - ey, x2 - ex, y2 - ey];
	const m = Math.max(1, Math.hypot(ux, uy));
	const match = (cx, cy) => {
		let score = 0;
		for (let j = -2; j <= 2; j++) {
			for (let i = -2; i <= 2; i++) {
				score += pixel(img, cx + i * ux + j * vx, cy + i * uy + j * vy) === (Math.max(Math.abs(i), Math.abs(j)) === 1 ? 0 : 1);
			}
		}
		return score;
	};
	const reach = 6 * m;
	const step = Math.max(1, m / 3);
	let best = null;
	let bestScore = 20; // of 25 modules
	for (let dy = -reach; dy <= reach; dy += step) {
		for (let dx = -reach; dx <= reach; dx += step) {
			const score = match(ex + dx, ey + dy) - Math.hypot(dx, dy) / reach / 2; // nearer wins a tie
			if (score > bestScore) [bestScore, best] = [score, [ex + dx, ey + dy]];
		}
	}
	if (!best) return null;
	// every pixel position near the best that matches as well: their middle is the centre
	let top = 0;
	let sx = 0;
	let sy = 0;
	let n = 0;
	for (let dy = -step; dy <= step; dy++) {
		for (let dx = -step; dx <= step; dx++) {
			const score = match(best[0] + dx, best[1] + dy);
			if (score > top) [top, sx, sy, n] = [score, 0, 0, 0];
			if (score === top) [sx, sy, n] = [sx + best[0] + dx, sy + best[1] + dy, n + 1];
		}
	}
	return [sx / n, sy / n];
}

/**
 * Whether `grid` shows the timing patterns (row and column 6 between the finder patterns, dark and light in turn)
 * mostly: each module darker, or lighter, than its two neighbours' mean. A cheap test before sampling everything.
 */
function timing(img, grid, size) {
	const grey = (x, y) => {
		const [u, v] = grid(x + 0.5, y + 0.5);
		return u >= 0 && v >= 0 && u < img.w && v < img.h ? img.g[Math.floor(v) * img.w + Math.floor(u)] : NaN;
	};
	let right = 0;
	for (const [dx, dy] of [[1, 0], [0, 1]]) {
		const line = [];
		for (let i = 7; i <= size - 8; i++) line.push(grey(6 * dy + i * dx, 6 * dx + i * dy));
		for (let k = 1; k < line.length - 1; k++) {
			const darker = line[k] < (line[k - 1] + line[k + 1]) / 2;
			right += darker === ((k + 7) % 2 === 0) !== img.inverted;
		}
	}
	return right >= 0.7 * 2 * (size - 16);
}

const SPOTS = [[0, 0], [-0.2, 0], [0.2, 0], [0, -0.2], [0, 0.2]]; // where a module is looked at, in modules

/**
 * The modules (1 dark) of a `size` code seen through `grid`, null when it reaches out of the picture. Each is the
 * grey level round its centre, compared with half-way between the means of the 3x3 and the 9x9 modules around it:
 * blur turns a light module among dark ones grey, and this still sees it lighter than its surroundings.
 */
function sample(img, grid, size) {
	const { w, h, g } = img;
	const grey = new Float32Array(size * size);
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			for (const [dx, dy] of SPOTS) {
				const [u, v] = grid(x + 0.5 + dx, y + 0.5 + dy);
				if (!(u >= 0 && v >= 0 && u < w && v < h)) return null;
				grey[y * size + x] += g[Math.floor(v) * w + Math.floor(u)];
			}
		}
	}
	// sums over the module grid, for the means round each module
	const n = size + 1;
	const sums = new Float64Array(n * n);
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) sums[(y + 1) * n + x + 1] = grey[y * size + x] + sums[y * n + x + 1] + sums[(y + 1) * n + x] - sums[y * n + x];
	}
	const mean = (x, y, r) => {
		const [x0, y0, x1, y1] = [Math.max(0, x - r), Math.max(0, y - r), Math.min(size, x + r + 1), Math.min(size, y + r + 1)];
		return (sums[y1 * n + x1] - sums[y0 * n + x1] - sums[y1 * n + x0] + sums[y0 * n + x0]) / ((x1 - x0) * (y1 - y0));
	};
	return grey.map((v, i) => {
		const [x, y] = [i % size, Math.floor(i / size)];
		return (v < (mean(x, y, 1) + mean(x, y, 4)) / 2) !== img.inverted ? 1 : 0;
	});
}

// ---------------------------------------------------------------- Reed-Solomon over GF(2^8), polynomial 0x11D

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++, x = (x << 1) ^ (x & 0x80 ? 0x11d : 0)) {
	EXP[i] = EXP[i + 255] = x;
	LOG[x] = i;
}
const mul = (a, b) => (a && b ? EXP[LOG[a] + LOG[b]] : 0);
const div = (a, b) => (a ? EXP[LOG[a] + 255 - LOG[b]] : 0);
const inverse = (power) => EXP[(255 - (power % 255)) % 255];

/**
 * Corrects `block` (data then `ecc` check codewords) in place; false when it has more than `most` errors.
 * Syndromes, Berlekamp-Massey for the error locator, Chien search for its roots, Forney for the values.
 */
function correct(block, ecc, most) {
	const n = block.length;
	const s = [];
	for (let i = 0; i < ecc; i++) s.push(block.reduce((acc, c) => mul(acc, EXP[i]) ^ c, 0));
	if (s.every((v) => !v)) return true;
	let lambda = [1]; // the error locator, lowest power first
	let prior = [1];
	let errors = 0;
	let shift = 1;
	let lastD = 1;
	for (let k = 0; k < ecc; k++) {
		let d = s[k];
		for (let i = 1; i <= errors; i++) d ^= mul(lambda[i] ?? 0, s[k - i]);
		if (!d) {
			shift++;
			continue;
		}
		const next = lambda.slice();
		const f = div(d, lastD);
		prior.forEach((c, i) => { next[i + shift] = (next[i + shift] ?? 0) ^ mul(f, c); });
		if (2 * errors <= k) [errors, prior, lastD, shift] = [k + 1 - errors, lambda, d, 1];
		else shift++;
		lambda = next;
	}
	if (errors > most) return false;
	// Chien search: position j (power n-1-j) is wrong where lambda(X^-1) = 0
	const at = (poly, x) => poly.reduceRight((acc, c) => mul(acc, x) ^ (c ?? 0), 0);
	const wrong = [];
	for (let j = 0; j < n; j++) if (!at(lambda, inverse(n - 1 - j))) wrong.push(j);
	if (wrong.length !== errors) return false;
	// Forney: value = X omega(X^-1) / lambda'(X^-1), omega = s * lambda mod x^ecc
	const omega = s.map((_, i) => lambda.reduce((acc, c, j) => (j <= i ? acc ^ mul(c ?? 0, s[i - j]) : acc), 0));
	const derivative = lambda.map((c, i) => (i % 2 ? c : 0)).slice(1);
	for (const j of wrong) {
		const xInverse = inverse(n - 1 - j);
		const below = at(derivative, xInverse);
		if (!below) return false;
		block[j] ^= mul(EXP[n - 1 - j], div(at(omega, xInverse), below));
	}
	return true;
}

// ---------------------------------------------------------------- modules -> codewords -> text

/** The format information (EC level bits and mask) from the nearer of its two copies, or -1. */
function formatOf(modules, size) {
	const at = (x, y) => modules[y * size + x];
	let first = 0;
	let second = 0;
	for (let i = 0; i < 15; i++) {
		first |= (i < 6 ? at(8, i) : i < 8 ? at(8, i + 1) : i === 8 ? at(7, 8) : at(14 - i, 8)) << i;
		second |= (i < 8 ? at(size - 1 - i, 8) : at(8, size - 15 + i)) << i;
	}
	return nearest(FORMATS, first, second);
}

/** The text of a sampled symbol (`size` modules square), or null when it does not read. */
function decodeModules(modules, size) {
	const version = (size - 17) / 4;
	const at = (x, y) => modules[y * size + x];
	const format = formatOf(modules, size);
	if (format < 0) return null;
	const level = LEVEL_OF_BITS[format >> 3];
	const mask = MASKS[format & 7];
	// the codewords, unmasked, in placement order
	const total = rawCodewords(version);
	const codewords = new Uint8Array(total);
	let bit = 0;
	dataModules(functionModules(version), (x, y) => {
		if (bit < total * 8) codewords[bit >> 3] |= (at(x, y) ^ mask(y, x)) << (7 - (bit & 7));
		bit++;
	});
	// de-interleave: the data of all blocks, one codeword of each in turn, then their check codewords the same way
	const ecc = ECC[level][version - 1];
	const count = BLOCKS[level][version - 1];
	const short = count - (total % count);
	const dataOf = (i) => Math.floor(total / count) - ecc + (i < short ? 0 : 1);
	const blocks = Array.from({ length: count }, (_, i) => new Array(dataOf(i) + ecc));
	let k = 0;
	for (let i = 0; i < dataOf(count - 1); i++) blocks.forEach((block, j) => { if (i < dataOf(j)) block[i] = codewords[k++]; });
	for (let i = 0; i < ecc; i++) blocks.forEach((block, j) => { block[dataOf(j) + i] = codewords[k++]; });
	const most = Math.floor((ecc - (PROTECTION[version]?.[level] ?? 0)) / 2);
	const data = [];
	for (const [j, block] of blocks.entries()) {
		if (!correct(block, ecc, most)) return null;
		data.push(...block.slice(0, dataOf(j)));
	}
	return segments(data, version);
}

function charsetOf(eci) {
	if (eci === 26) return 'utf-8';
	if (eci <= 3) return 'iso-8859-1';
	if (eci <= 18) return `iso-8859-${eci - 2}`;
	return { 20: 'shift_jis', 21: 'windows-1250', 22: 'windows-1251', 23: 'windows-1252', 24: 'windows-1256', 25: 'utf-16be', 28: 'big5', 29: 'gb18030', 30: 'euc-kr' }[eci] ?? 'utf-8';
}

/** Bytes as text: in the ECI's charset; without one as UTF-8 when they are valid UTF-8, else ISO-8859-1. */
function textOf(bytes, charset) {
	const array = Uint8Array.from(bytes);
	try {
		return new TextDecoder(charset ?? 'utf-8', { fatal: !charset }).decode(array);
	} catch {
		return new TextDecoder(charset ? 'utf-8' : 'iso-8859-1').decode(array);
	}
}

/** The data codewords' segments as text; null when they are not well formed. */
function segments(data, version) {
	let pos = 0;
	const left = () => data.length * 8 - pos;
	const read = (n) => {
		let v = 0;
		for (let i = 0; i < n; i++, pos++) v = (v << 1) | ((data[pos >> 3] >> (7 - (pos & 7))) & 1);
		return v;
	};
	const sizeClass = version < 10 ? 0 : version < 27 ? 1 : 2;
	let text = '';
	let bytes = [];
	let charset = null;
	const flush = () => {
		if (bytes.length) text += textOf(bytes, charset);
		bytes = [];
	};
	while (left() >= 4) {
		const mode = read(4);
		if (mode === 0) break; // terminator
		if (mode === 7) { // ECI: the charset of the bytes that follow
			flush();
			const b = read(8);
			const eci = b < 0x80 ? b : b < 0xc0 ? ((b & 0x3f) << 8) | read(8) : b < 0xe0 ? ((b & 0x1f) << 16) | read(16) : -1;
			if (eci < 0 || left() < 0) return null;
			charset = charsetOf(eci);
			continue;
		}
		if (mode === 3) { read(16); continue; } // structured append header: this symbol's part is read alone
		if (mode === 5) continue; // FNC1, first position
		if (mode === 9) { read(8); continue; } // FNC1, second position
		const countBits = { 1: [10, 12, 14], 2: [9, 11, 13], 4: [8, 16, 16], 8: [8, 10, 12] }[mode];
		if (!countBits || left() < countBits[sizeClass]) return null;
		let count = read(countBits[sizeClass]);
		if (mode === 4) {
			if (left() < count * 8) return null;
			while (count--) bytes.push(read(8));
			continue;
		}
		flush();
		if (mode === 1) { // numeric: three digits in 10 bits, the rest in 7 or 4
			for (; count > 0; count -= 3) {
				const digits = Math.min(3, count);
				const bits = [0, 4, 7, 10][digits];
				if (left() < bits) return null;
				const v = read(bits);
				if (v >= 10 ** digits) return null;
				text += String(v).padStart(digits, '0');
			}
		} else if (mode === 2) { // alphanumeric: two characters in 11 bits, a last one in 6
			for (; count > 0; count -= 2) {
				const pair = count > 1;
				if (left() < (pair ? 11 : 6)) return null;
				const v = read(pair ? 11 : 6);
				if (v >= (pair ? 45 * 45 : 45)) return null;
				text += pair ? ALPHANUMERIC[Math.floor(v / 45)] + ALPHANUMERIC[v % 45] : ALPHANUMERIC[v];
			}
		} else { // kanji: 13 bits a character, back to its Shift JIS bytes
			if (left() < count * 13) return null;
			const sjis = [];
			while (count--) {
				const v = read(13);
				const code = (Math.floor(v / 0xc0) << 8) + (v % 0xc0);
				const double = code + (code < 0x1f00 ? 0x8140 : 0xc140);
				sjis.push(double >> 8, double & 0xff);
			}
			text += textOf(sjis, 'shift_jis');
		}
	}
	flush();
	return text;
}

// ---------------------------------------------------------------- the reader

/** The text of a `version` code with finder centres b, a, c, or null. */
function readAt(img, b, a, c, version) {
	const size = 17 + 4 * version;
	const from = [3.5, 3.5, size - 3.5, 3.5, 3.5, size - 3.5];
	const to = [b.x, b.y, a.x, a.y, c.x, c.y];
	const far = size - 3.5; // the corner the three finder patterns leave open, first guessed as a parallelogram's
	const guess = homography([...from, far, far], [...to, a.x + c.x - b.x, a.y + c.y - b.y]);
	if (!guess) return null;
	let fourth = null;
	if (version >= 2) {
		const p = size - 6.5;
		const found = alignment(img, guess, p);
		if (found) fourth = [p, p, ...found];
	}
	// without an alignment pattern (version 1) the open corner is looked for: nearest first, a module at a time
	const tries = fourth ? [fourth] : NUDGES.map(([dx, dy]) => [far, far, ...guess(far + dx, far + dy)]);
	for (const [i, point] of tries.entries()) {
		const grid = homography([...from, point[0], point[1]], [...to, point[2], point[3]]);
		if (i === 0 && !(grid && timing(img, grid, size))) return null; // no code of this version here
		const modules = grid && sample(img, grid, size);
		if (!modules) continue;
		// a mirrored code (a selfie camera, a code seen through glass) samples as the transpose
		const text = decodeModules(modules, size)
			?? decodeModules(modules.map((_, k) => modules[(k % size) * size + Math.floor(k / size)]), size);
		if (text !== null) return text;
	}
	return null;
}

const NUDGES = [];
for (let dy = -3; dy <= 3; dy++) for (let dx = -3; dx <= 3; dx++) NUDGES.push([dx, dy]);
NUDGES.sort(([x1, y1], [x2, y2]) => Math.hypot(x1, y1) - Math.hypot(x2, y2));

function readBits(img) {
	const candidates = finders(img);
	const triples = [];
	for (let i = 0; i < candidates.length; i++) {
		for (let j = i + 1; j < candidates.length; j++) {
			for (let k = j + 1; k < candidates.length; k++) {
				const t = corners(candidates[i], candidates[j], candidates[k]);
				if (t) triples.push(t);
			}
		}
	}
	triples.sort((x, y) => x.score - y.score);
	for (const { b, a, c } of triples.slice(0, 4)) {
		const sizes = [moduleToward(img, b, a), moduleToward(img, a, b), moduleToward(img, b, c), moduleToward(img, c, b)]
			.filter((v) => v > 0);
		const m = sizes.length ? sizes.reduce((x, y) => x + y) / sizes.length : (a.m + b.m + c.m) / 3;
		for (const version of versions(img, b, a, c, m)) {
			const text = readAt(img, b, a, c, version);
			if (text !== null) return text;
		}
	}
	return null;
}

/**
 * The text of the QR code in `image` (an ImageData, e.g. a video frame drawn on a canvas), or null when no code
 * reads. Three looks: the picture as it is (sharpest for small codes), smoothed (for noisy ones), and inverted for
 * light-on-dark codes. A frame without a code costs all three, some 10 ms each for 640x480 on a laptop.
 */
export function readQr({ data, width, height }) {
	const grey = new Uint8Array(width * height);
	for (let i = 0, j = 0; i < grey.length; i++, j += 4) grey[i] = (data[j] * 77 + data[j + 1] * 150 + data[j + 2] * 29) >> 8;
	const dark = binarize(grey, width, height);
	const look = (d, inverted) => readBits({ w: width, h: height, d, g: grey, inverted });
	return look(dark, false) ?? look(binarize(smooth(grey, width, height), width, height), false)
		?? look(dark.map((v) => v ^ 1), true);
}
