/** The trigger's position, as pure functions: what is new since it, and where it moves to. */
import type { IDataObject } from 'n8n-workflow';

import { advance, readPosition, unseen, writePosition } from '../../nodes/OpenAiAdminTrigger/position';

const event = (id: string, at: number) => ({ id, effective_at: at });

describe('trigger position', () => {
	const position = { effectiveAt: 100, idsAtEffectiveAt: ['a'] };

	it('treats events of the position second as new only when not emitted, and returns them oldest first', () => {
		// As the API lists them: newest first, and within a second the latest first.
		const listed = [event('d', 102), event('c', 100), event('b', 100), event('a', 100), event('old', 99)];
		expect(unseen(position, listed).map((e) => e.id)).toEqual(['b', 'c', 'd']);
	});

	it('moves to the newest second and keeps only its ids, or adds to the ids of the same second', () => {
		expect(advance(position, [event('d', 102), event('e', 102), event('b', 100)])).toEqual({ effectiveAt: 102, idsAtEffectiveAt: ['d', 'e'] });
		expect(advance(position, [event('b', 100), event('a', 100)])).toEqual({ effectiveAt: 100, idsAtEffectiveAt: ['a', 'b'] });
		expect(advance(position, [])).toEqual(position);
	});

	it('reads only a well-formed position, and writes only one that moved', () => {
		expect(readPosition({})).toBeUndefined();
		expect(readPosition({ position: { effectiveAt: '100', idsAtEffectiveAt: [] } })).toBeUndefined();
		expect(readPosition({ position })).toEqual(position);

		const staticData: IDataObject = {};
		writePosition(staticData, position, { ...position });
		expect(staticData).toEqual({});
		writePosition(staticData, position, { effectiveAt: 100, idsAtEffectiveAt: ['a', 'b'] });
		expect(staticData).toEqual({ position: { effectiveAt: 100, idsAtEffectiveAt: ['a', 'b'] } });
	});
});
