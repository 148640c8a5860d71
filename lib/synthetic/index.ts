export * from './model';
export * from './world';
export * from './nanjing';
export * from './codes';
export { Prng } from './prng';
export * from './socialInsurance';
