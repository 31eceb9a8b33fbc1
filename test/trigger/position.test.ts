/** The trigger's position, as pure functions: what is new since it, and where it moves to. */
import type { IDataObject } from 'n8n-workflow';

import { advance, readPosition, unseen, writePosition } from '../../nodes/OpenAiAdminTrigger/position';

const event = (id: string, at: number) => ({ id, effective_at: at });
const QUERY = '{}';

describe('trigger position', () => {
	const position = { effectiveAt: 100, idsAtEffectiveAt: ['a'] };

	it('treats events of the position second as new only when not emitted, keeping their order', () => {
		const read = [event('old', 99), event('a', 100), event('b', 100), event('c', 100), event('d', 102)];
		expect(unseen(position, read).map((e) => e.id)).toEqual(['b', 'c', 'd']);
	});

	it('moves to the newest second and keeps only its ids, or adds to the ids of the same second', () => {
		expect(advance(position, [event('b', 100), event('d', 102), event('e', 102)], QUERY, false)).toEqual({
			effectiveAt: 102,
			idsAtEffectiveAt: ['d', 'e'],
			lastId: 'e',
			previousId: 'd',
			query: QUERY,
		});
		expect(advance(position, [event('a', 100), event('b', 100)], QUERY, false)).toMatchObject({ effectiveAt: 100, idsAtEffectiveAt: ['a', 'b'] });
		expect(advance(position, [], QUERY, false)).toEqual(position);
	});

	it('keeps as cursor the two newest events read, which are neighbours in the list', () => {
		const withCursor = { ...position, lastId: 'a', previousId: 'z', query: QUERY };
		// Read on from the cursor: its last event and the first read are neighbours.
		expect(advance(withCursor, [event('b', 101)], QUERY, true)).toMatchObject({ lastId: 'b', previousId: 'a' });
		expect(advance(withCursor, [event('b', 101), event('c', 101)], QUERY, true)).toMatchObject({ lastId: 'c', previousId: 'b' });
		// Read from the time: the first read may be far from the old cursor, so only the new event counts.
		const fromTime = advance(withCursor, [event('b', 101)], QUERY, false);
		expect(fromTime).toMatchObject({ lastId: 'b', query: QUERY });
		expect(fromTime.previousId).toBeUndefined();
		// Nothing read: the cursor stays, but not for another query.
		expect(advance(withCursor, [], QUERY, true)).toEqual(withCursor);
		expect(advance(withCursor, [], '{"event_types[]":["user.added"]}', true)).toEqual(position);
	});

	it('moves over 200,000 events of a backlog (no spread into Math.max)', () => {
		const backlog = Array.from({ length: 200_000 }, (_, index) => event(`e${index}`, 1000 + Math.floor(index / 10)));
		expect(advance(position, backlog, QUERY, false)).toEqual({
			effectiveAt: 1000 + 19_999,
			idsAtEffectiveAt: backlog.slice(-10).map((e) => e.id),
			lastId: 'e199999',
			previousId: 'e199998',
			query: QUERY,
		});
	});

	it('reads only a well-formed position, and writes only one that moved', () => {
		expect(readPosition({})).toBeUndefined();
		expect(readPosition({ position: { effectiveAt: '100', idsAtEffectiveAt: [] } })).toBeUndefined();
		expect(readPosition({ position })).toEqual(position);
		// A cursor counts only with the query it was read with.
		expect(readPosition({ position: { ...position, lastId: 'a' } })).toEqual(position);
		expect(readPosition({ position: { ...position, lastId: 'a', query: QUERY } })).toEqual({ ...position, lastId: 'a', query: QUERY });
		expect(readPosition({ position: { ...position, lastId: 'a', previousId: 'z', query: QUERY } })).toEqual({ ...position, lastId: 'a', previousId: 'z', query: QUERY });

		const staticData: IDataObject = {};
		writePosition(staticData, position, { ...position });
		expect(staticData).toEqual({});
		writePosition(staticData, position, { effectiveAt: 100, idsAtEffectiveAt: ['a', 'b'] });
		expect(staticData).toEqual({ position: { effectiveAt: 100, idsAtEffectiveAt: ['a', 'b'] } });
		writePosition(staticData, position, { ...position, lastId: 'a', previousId: 'z', query: QUERY });
		expect(staticData).toEqual({ position: { ...position, lastId: 'a', previousId: 'z', query: QUERY } });
	});
});
