# One image for every process (api, producer, workers, mcp-server); the compose file picks the command.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY generators ./generators
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY prompts ./prompts
COPY runbooks ./runbooks
COPY rules ./rules
COPY intel ./intel
# Writable by the app user, so the named volume mounted here (see docker-compose.yml) is too.
RUN mkdir -p /var/cache/soc-agent/intel && chown -R node:node /var/cache/soc-agent
USER node
CMD ["node", "dist/src/api/main.js"]
