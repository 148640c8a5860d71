#!/usr/bin/env node
// @ts-check
/**
 * The container image's health check (Dockerfile HEALTHCHECK; deploy/compose.yaml):
 *
 *   node deploy/healthcheck.js [PATH] [ROLE]
 *
 * GETs http://127.0.0.1:<port><PATH> (default /healthz) of the govgraph process in this
 * container and exits 0 on HTTP 200, 1 otherwise — within 2.5 s, so Docker's own timeout
 * never has to kill it. The role (gateway, population …) comes from ROLE, or else from the
 * command line of the container's `govgraph serve <role>` process (/proc/<pid>/cmdline), so one
 * image serves every role without a variable of its own; the port is the role's
 * GOVGRAPH_<NAME>_PORT (GOVGRAPH_GATEWAY_PORT) when set, its default otherwise (lib/config.ts,
 * CONTRACT.md). Only Node's standard library: the runtime image has no curl or wget.
 */
'use strict';
const fs = require('node:fs');
const http = require('node:http');

/** CONTRACT.md's ports. */
const DEFAULT_PORTS = { gateway: 4000, population: 4001, 'legal-person': 4002, geospatial: 4003, sharing: 4004, 'social-security': 4005 };

/** The role in a process's NUL-separated command line (`… serve <role>`), or undefined. */
function roleFromCmdline(cmdline) {
  const args = String(cmdline).split('\0').filter(Boolean);
  const at = args.indexOf('serve');
  return at >= 0 && args[at + 1] ? args[at + 1] : undefined;
}

/** The role of the `serve` process in this container: PID 1 (exec-form ENTRYPOINT), else any. */
function roleOfContainer() {
  const pids = ['1', ...fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p) && p !== '1')];
  for (const pid of pids) {
    try {
      const role = roleFromCmdline(fs.readFileSync(`/proc/${pid}/cmdline`));
      if (role) return role;
    } catch {
      /* gone, or not ours */
    }
  }
  return undefined;
}

/** The port the role listens on under `env`. */
function portOf(role, env = process.env) {
  const name = role === 'gateway' ? 'GOVGRAPH_GATEWAY_PORT' : `GOVGRAPH_${role.toUpperCase().replace(/-/g, '_')}_PORT`;
  const raw = env[name];
  if (raw !== undefined && raw !== '') return Number(raw);
  return DEFAULT_PORTS[role];
}

/** Where to reach the process: loopback unless it listens on one address only. */
function hostOf(env = process.env) {
  const host = env.GOVGRAPH_HOST;
  return !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

function check(path, role, env = process.env) {
  return new Promise((resolve) => {
    const port = portOf(role, env);
    if (!port) return resolve({ ok: false, why: `unknown role "${role}"` });
    const req = http.get({ host: hostOf(env), port, path, timeout: 2500 }, (res) => {
      res.resume();
      resolve({ ok: res.statusCode === 200, why: `${path} on :${port} answered ${res.statusCode}` });
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => resolve({ ok: false, why: `${path} on :${port}: ${err.message}` }));
  });
}

module.exports = { roleFromCmdline, portOf, hostOf, check, DEFAULT_PORTS };

if (require.main === module) {
  const path = process.argv[2] || '/healthz';
  const role = process.argv[3] || roleOfContainer();
  if (!role) {
    process.stderr.write('healthcheck: no `serve <role>` process found in this container\n');
    process.exit(1);
  }
  void check(path, role).then(({ ok, why }) => {
    if (!ok) process.stderr.write(`healthcheck: ${role}: ${why}\n`);
    process.exit(ok ? 0 : 1);
  });
}
