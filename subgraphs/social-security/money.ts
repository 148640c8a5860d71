/**
 * The legacy system's units and the API's: amounts in 分 (integers) become 元 as exact decimal
 * strings — never through a float — and months stored as `YYYYMM` become `YYYY-MM`.
 */

/** 680000 → "6800.00"; -5 → "-0.05". */
export function yuanFromFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`an amount in 分 must be an integer, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "202512" → "2025-12". */
export function monthOf(yyyymm: string): string {
  if (!/^\d{4}(0[1-9]|1[0-2])$/.test(yyyymm)) throw new RangeError(`not a YYYYMM month: ${yyyymm}`);
  return `${yyyymm.slice(0, 4)}-${yyyymm.slice(4)}`;
}
