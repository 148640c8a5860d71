import { runStandalone } from '../../lib/runtime/standalone';
import { socialSecurity } from './server';

void runStandalone(socialSecurity);
