import { alignOne, alignMany } from './align';

it('aligns single rows to keys, null for misses, duplicates answered twice', () => {
  const rows = [{ id: 'b', v: 2 }, { id: 'a', v: 1 }];
  expect(alignOne(['a', 'x', 'b', 'a'], rows, (r) => r.id)).toEqual([rows[1], null, rows[0], rows[1]]);
});

it('groups rows per key in SQL order, [] for misses', () => {
  const rows = [{ k: 'a', n: 1 }, { k: 'b', n: 2 }, { k: 'a', n: 3 }];
  expect(alignMany(['a', 'c', 'b'], rows, (r) => r.k)).toEqual([[rows[0], rows[2]], [], [rows[1]]]);
});
