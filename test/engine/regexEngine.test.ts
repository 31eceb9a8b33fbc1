/**
 * engine/ swaps n8n-workflow's regular expression engine for one with a longer timeout (see
 * patientRegexEngine): every suite's parameter checks go through it, so it must answer as n8n's does.
 */
import '../../engine';
import { safeRegex } from 'n8n-workflow';

describe('the engine’s regular expression engine', () => {
	test('answers every call as RegExp does', () => {
		expect(safeRegex.test('^proj_[a-z0-9]+$', 'proj_abc123')).toBe(true);
		expect(safeRegex.test('^proj_[a-z0-9]+$', 'proj_ABC')).toBe(false);
		expect(safeRegex.test('^PROJ_', 'proj_x', 'i')).toBe(true);
		expect(Array.from(safeRegex.exec('(\\d+)-(\\d+)', 'a 12-34 b') ?? [])).toEqual(['12-34', '12', '34']);
		expect(safeRegex.exec('x', 'abc')).toBeNull();
		expect(safeRegex.replace('o', 'foo boo', 'g', '0')).toBe('f00 b00');
		expect(safeRegex.matchAll('\\d', 'a1b2').map((match) => match[0])).toEqual(['1', '2']);
		expect(safeRegex.split(',\\s*', 'a, b,c')).toEqual(['a', 'b', 'c']);
	});
});
