import { runStandalone } from '../../lib/runtime/standalone';
import { geospatial } from './server';

void runStandalone(geospatial);
