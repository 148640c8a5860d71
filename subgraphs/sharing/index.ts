import { runStandalone } from '../../lib/runtime/standalone';
import { sharing } from './server';

void runStandalone(sharing);
