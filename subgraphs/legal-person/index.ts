import { runStandalone } from '../../lib/runtime/standalone';
import { legalPerson } from './server';

void runStandalone(legalPerson);
