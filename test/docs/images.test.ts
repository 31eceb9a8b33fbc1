/** The README's pictures: each one it shows is committed, and each one committed is shown. */
import fs from 'node:fs';
import path from 'node:path';

import { README } from '../../scripts/docs';

const ROOT = path.dirname(README);
const IMAGE_DIR = path.join(ROOT, 'docs', 'images');

/** Local image paths of Markdown `![alt](path)` and HTML `<img src="path">`, in order. */
function referencedImages(markdown: string): string[] {
	const markdownImages = [...markdown.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
	const htmlImages = [...markdown.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]);
	return [...markdownImages, ...htmlImages].filter((src) => !/^[a-z][a-z0-9+.-]*:/i.test(src));
}

describe('README pictures', () => {
	const readme = fs.readFileSync(README, 'utf8');
	const images = referencedImages(readme);

	it('finds the pictures in Markdown and HTML', () => {
		expect(referencedImages('![a](docs/x.png) <img alt="b" src="docs/y.png"> ![c](https://example.org/z.png)')).toEqual([
			'docs/x.png',
			'docs/y.png',
		]);
	});

	it('shows pictures', () => {
		expect(images.length).toBeGreaterThan(0);
	});

	it.each(images)('%s exists as a PNG', (src) => {
		const file = path.join(ROOT, decodeURI(src));
		expect(fs.existsSync(file)).toBe(true);
		expect(fs.readFileSync(file).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	});

	it('shows every picture in docs/images', () => {
		const shown = new Set(images.map((src) => path.join(ROOT, decodeURI(src))));
		const committed = fs.existsSync(IMAGE_DIR) ? fs.readdirSync(IMAGE_DIR).map((name) => path.join(IMAGE_DIR, name)) : [];
		expect(committed.filter((file) => !shown.has(file))).toEqual([]);
	});
});
