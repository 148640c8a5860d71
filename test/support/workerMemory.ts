/**
 * Runs before each test file (jest.config.js `setupFiles`): frees what earlier test files of
 * this jest worker left behind, before jest's next look at the worker's heap.
 *
 * jest replaces a worker whose heap is over `workerIdleMemoryLimit` after a file. Each test file
 * loads the whole application into a module registry of its own (some 90 MB of heap), garbage
 * once the file is done, but collected only when V8 gets to it: without a collection here the
 * heap of a worker grows by that much per file and crosses any limit within a few files — and
 * a replaced worker loses the federation its read-only suites share (test/support/stack.ts
 * `sharedTestStack`), which then starts again for tens of seconds of CPU. A full collection
 * costs a fraction of a second, so it runs only once the heap is large.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const COLLECT_OVER_BYTES = 400 * 1024 * 1024;

if (process.memoryUsage().heapUsed > COLLECT_OVER_BYTES) {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}
