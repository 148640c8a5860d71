/**
 * The department's slice of the synthetic World, shaped as its legacy rows. Pure, so the
 * mapping is unit-tested without a database.
 */
import type { WorldHousehold, WorldPerson } from '../../../lib/synthetic';
import { toLegacyTimestamp } from '../legacyTime';

export interface JbxxRow {
  GMSFHM: string;
  XM: string;
  XB: string;
  CSRQ: string;
  MZ: string;
  HJDZ: string;
  HJXZQH: string;
  LXDH: string | null;
  HYZK: string;
  HH: string;
  YHZGX: string;
  SWBS: '0' | '1';
  GXSJ: string;
}

export interface HjxxRow {
  HH: string;
  HZSFHM: string;
  HJDZ: string;
  HJXZQH: string;
  GXSJ: string;
}

export interface AjbjRow {
  GMSFHM: string;
  BJLX: string;
  DJSJ: string;
}

export function jbxxRow(p: WorldPerson): JbxxRow {
  return {
    GMSFHM: p.idNumber,
    XM: p.name,
    XB: p.genderCode,
    CSRQ: p.birthDate,
    MZ: p.ethnicityCode,
    HJDZ: p.registeredAddress,
    HJXZQH: p.divisionCode,
    // Children have no phone of their own; the legacy system leaves the column empty.
    LXDH: p.phone || null,
    HYZK: p.maritalCode,
    HH: p.householdNumber,
    YHZGX: p.relationCode,
    SWBS: p.deceased ? '1' : '0',
    GXSJ: toLegacyTimestamp(p.updatedAt),
  };
}

/**
 * The World carries no update stamp for households; the head's stands in, since a
 * household record changes whenever its head's does.
 */
export function hjxxRow(h: WorldHousehold, updatedAt: string): HjxxRow {
  return { HH: h.number, HZSFHM: h.headIdNumber, HJDZ: h.address, HJXZQH: h.divisionCode, GXSJ: toLegacyTimestamp(updatedAt) };
}

/** The World records flags without dates; the person's last update is when they were registered. */
export function ajbjRows(p: WorldPerson): AjbjRow[] {
  return p.caseFlags.map((flag) => ({ GMSFHM: p.idNumber, BJLX: flag, DJSJ: toLegacyTimestamp(p.updatedAt) }));
}
