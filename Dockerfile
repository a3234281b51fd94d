# veeam-em-mock: a simulator of the Veeam Backup Enterprise Manager REST API.
#   docker build -t veeam-em-mock .
#   docker run --rm -p 9398:9398 veeam-em-mock            (HTTP)
#   docker run --rm -p 9398:9398 -e EM_MOCK_TLS=true veeam-em-mock   (HTTPS, self-signed)
# Listening on 0.0.0.0, the control plane (/__mock) needs a bearer token: give -e EM_MOCK_CONTROL_TOKEN=<t>,
# or read the one made at start-up from the log; -e EM_MOCK_CONTROL=false removes it.
# Any official Node 20 image works as the base; the smoke check builds with a local one.
ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: compile TypeScript, bundle the CLI ------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY routes ./routes
COPY data ./data
RUN npm run build

# --- deps: production dependencies only ----------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

# --- runtime: dist + production node_modules, non-root -----------------------------------
FROM ${NODE_IMAGE}
# Official Node images ship user `node` (1000); a locally made base may not.
RUN id -u node >/dev/null 2>&1 || useradd --uid 1000 --user-group --no-create-home --shell /usr/sbin/nologin node
WORKDIR /app
COPY --from=deps /src/node_modules ./node_modules
COPY --from=build /src/dist/bin ./dist/bin
COPY --from=build /src/dist/src ./dist/src
COPY --from=build /src/dist/routes ./dist/routes
COPY --from=build /src/dist/data ./dist/data
COPY package.json LICENSE ./
# Every option is also an environment variable (see `--help`); these two make the container
# reachable from outside on EM's port.
ENV NODE_ENV=production \
    EM_MOCK_HOST=0.0.0.0 \
    EM_MOCK_PORT=9398
USER node
EXPOSE 9398
# Follows EM_MOCK_PORT / EM_MOCK_TLS and flags given to the container; no curl needed.
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 CMD ["node", "/app/dist/src/healthcheck.js"]
ENTRYPOINT ["node", "/app/dist/bin/cli.js"]
