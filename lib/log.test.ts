/**
 * Every log line names its service exactly once — from the root logger, a service logger,
 * and children that bind `service` again (`rootLogger.child({ service })`). Lines are read
 * as the text pino writes to its destination, where a repeated key would show.
 */
import pino from 'pino';
import { createLoggers, rootLogger, serviceLogger } from './log';

function capture() {
  const lines: string[] = [];
  const loggers = createLoggers({ level: 'debug', destination: { write: (s: string) => void lines.push(s) } });
  return { lines, loggers };
}

const serviceKeys = (line: string) => line.match(/"service":/g)?.length ?? 0;

it('writes "service" once per line, with the most specific value', () => {
  const { lines, loggers } = capture();
  loggers.root.info('root');
  loggers.service('population').info('service');
  loggers.root.child({ service: 'grants' }).info('root child');
  loggers.service('population').child({ part: 'loader' }).child({ service: 'legal-person' }).debug('grandchild');
  expect(lines).toHaveLength(4);
  expect(lines.map(serviceKeys)).toEqual([1, 1, 1, 1]);
  expect(lines.map((l) => JSON.parse(l).service)).toEqual(['govgraph', 'population', 'grants', 'legal-person']);
  expect(JSON.parse(lines[3])).toMatchObject({ part: 'loader', msg: 'grandchild' });
});

it('the process-wide loggers bind "service" once too', () => {
  // Their destination is stdout; what each line will carry is the bindings text pino keeps.
  const bindings = (l: pino.Logger) => (l as unknown as Record<symbol, string>)[pino.symbols.chindingsSym];
  for (const l of [rootLogger, serviceLogger('population'), rootLogger.child({ service: 'grants' }), serviceLogger('sharing').child({ service: 'anchor' })]) {
    expect(serviceKeys(bindings(l))).toBe(1);
  }
});
