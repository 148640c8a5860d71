/**
 * GET / serves GraphiQL from local files (react, react-dom and graphiql from node_modules,
 * pinned in package.json): no CDN, so it works on an air-gapped network.
 */
import path from 'node:path';
import type { Express } from 'express';

/** A file inside an installed package (their `exports` maps hide the UMD builds from require). */
const fromPackage = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

const assets: Record<string, string> = {
  'react.production.min.js': fromPackage('react', 'umd/react.production.min.js'),
  'react-dom.production.min.js': fromPackage('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.min.js': fromPackage('graphiql', 'graphiql.min.js'),
  'graphiql.min.css': fromPackage('graphiql', 'graphiql.min.css'),
  'govgraph-graphiql.js': path.join(__dirname, '..', 'graphiql', 'govgraph-graphiql.js'),
};

/**
 * @param defaultHeaders pre-filled in GraphiQL's header editor — `npm start` passes a demo
 *   token, purpose and grant so the tour works at once; a production gateway passes none.
 */
export function mountGraphiQL(app: Express, defaultHeaders?: Record<string, string>): void {
  app.get('/', (_req, res) => {
    res.sendFile(path.join(__dirname, '..', 'graphiql', 'index.html'));
  });
  // Browsers ask for /favicon.ico whatever the page links; a 404 there is noise in every log.
  app.get('/favicon.ico', (_req, res) => {
    res.sendFile(path.join(__dirname, '..', 'graphiql', 'favicon.ico'), { maxAge: '1d' });
  });
  app.get('/assets/govgraph-config.js', (_req, res) => {
    res.type('application/javascript').set('cache-control', 'no-store');
    res.send(`window.GOVGRAPH_DEFAULT_HEADERS = ${JSON.stringify(defaultHeaders ?? {})};\n`);
  });
  app.get('/assets/:file', (req, res) => {
    const file = assets[req.params.file];
    if (!file) {
      res.status(404).end();
      return;
    }
    res.sendFile(file, { maxAge: '1d' });
  });
}
