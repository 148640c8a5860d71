/** GB/T 2261.1 性别 code → the contract's Gender enum. */
export type GenderValue = 'MALE' | 'FEMALE' | 'UNKNOWN';

/**
 * '1' 男 and '2' 女 are the only codes that state a gender; '0' 未知的性别, '9' 未说明的性别
 * and anything a legacy row may hold are UNKNOWN rather than an error.
 */
export function genderOf(code: string | null | undefined): GenderValue {
  switch (code?.trim()) {
    case '1':
      return 'MALE';
    case '2':
      return 'FEMALE';
    default:
      return 'UNKNOWN';
  }
}
