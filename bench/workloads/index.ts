/** The workloads `npm run bench` runs, in order. The target is judged on persons500. */
import { persons500 } from './persons500';
import { flagship } from './flagship';
import { legalPersons500 } from './legalPersons500';
import { person1 } from './person1';
import { parcelsNear100 } from './parcelsNear100';
import type { Workload } from './workload';

export const workloads: Workload[] = [persons500, flagship, legalPersons500, person1, parcelsNear100];
/** The 500-row list query of the performance target (issue 3). */
export const TARGET_WORKLOAD = persons500.name;

export type { Workload, PolicyMode, GraphQLBody } from './workload';
