# syntax=docker/dockerfile:1
#
# One image for every govgraph role: the gateway and each department subgraph are the same
# image started with another argument (README, "Deployment files"):
#
#   docker build -t govgraph:0.5.0 .
#   docker run … govgraph:0.5.0 serve gateway        # :4000
#   docker run … govgraph:0.5.0 serve population     # :4001  (legal-person :4002, geospatial :4003,
#                                                    #         sharing :4004, social-security :4005)
#   docker run --rm govgraph:0.5.0 --help            # any other govgraph command
#
# It runs the compiled JavaScript (dist/, scripts/build.js) as an unprivileged user, with
# GOVGRAPH_ENV=production (no GraphiQL, no introspection, no start on demo keys: every key must
# be configured) and GOVGRAPH_HOST=0.0.0.0. Checked where no container engine runs by
# test/deploy/ (parsed with dockerfile-ast, linted with dockerfile-utils, and its ENTRYPOINT and
# ENV run as real processes by test/deploy/topology.test.ts).

ARG NODE_VERSION=20.20.2

# ---- build: all dependencies, the patch, the compiled output; then the development ones pruned
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
ENV npm_config_update_notifier=false
# Dependencies first, so a change of source does not reinstall them. Install scripts are off:
# postinstall would run patch-package and the build before the sources are here, so both run
# below; the dependencies' own install scripts (esbuild, protobufjs) only check what is installed.
COPY package.json package-lock.json ./
COPY patches/ patches/
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npx --no-install patch-package
COPY tsconfig.json ./
COPY scripts/ scripts/
COPY app/ app/
COPY lib/ lib/
COPY gateway/ gateway/
COPY subgraphs/ subgraphs/
COPY cli/ cli/
# The build; then `npm prune` drops the development dependencies (patch-package among them —
# why `npm ci --omit=dev` cannot run here: postinstall needs it) and keeps the patched
# @apollo/gateway as it is on disk.
RUN node scripts/build.js \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf node_modules/.cache

# ---- runtime: Node, production dependencies, dist/, what the processes read from the package root
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
LABEL org.opencontainers.image.title="govgraph" \
      org.opencontainers.image.description="GraphQL federation over government departments' databases with field-level sharing policies" \
      org.opencontainers.image.licenses="Apache-2.0"
# /var/lib/govgraph is the one place a process writes: the access log's head witness
# (GOVGRAPH_AUDIT_WITNESS_DIR) — mount a volume there that the platform database's
# administrators cannot write. The root file system can be read-only.
RUN groupadd --system --gid 10001 govgraph \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/govgraph --no-create-home --shell /usr/sbin/nologin govgraph \
 && mkdir -p /var/lib/govgraph/audit-witness \
 && chown -R 10001:10001 /var/lib/govgraph
ENV NODE_ENV=production \
    GOVGRAPH_ENV=production \
    GOVGRAPH_HOST=0.0.0.0 \
    GOVGRAPH_DATA_DIR=/var/lib/govgraph \
    GOVGRAPH_AUDIT_WITNESS_DIR=/var/lib/govgraph/audit-witness
WORKDIR /app
# Owned by root and not writable by the process: code, dependencies, policies and supergraph.
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules/ node_modules/
COPY --from=build /src/dist/ dist/
COPY gateway/supergraph.graphql gateway/supergraph.graphql
COPY policies/ policies/
COPY deploy/healthcheck.js deploy/healthcheck.js
USER 10001:10001
VOLUME ["/var/lib/govgraph"]
EXPOSE 4000 4001 4002 4003 4004 4005
# /healthz: the process is up (liveness). Readiness (/readyz: databases, access log, Redis,
# subgraphs) is for load balancers and orchestrators, not for restarting the container.
HEALTHCHECK --interval=15s --timeout=5s --start-period=180s --retries=3 \
  CMD ["node", "deploy/healthcheck.js", "/healthz"]
# Not bin/govgraph.js: it compares the sources with dist/ before every command, and the image
# holds no sources (dist/ is what runs). The same program, with the same source maps.
ENTRYPOINT ["node", "--enable-source-maps", "dist/cli/main.js"]
CMD ["serve", "gateway"]
