import { runStandalone } from '../../lib/runtime/standalone';
import { population } from './server';

void runStandalone(population);
