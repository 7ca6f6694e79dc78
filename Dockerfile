# One image for every engine process (workers, API, CLI); the command picks the role.
# The demo portal is not part of it: .dockerignore leaves demo/ out (the portal has demo/portal/Dockerfile).
FROM node:20.19-bookworm-slim

# Debian's Chromium for the bots; fonts so screenshots are readable.
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium-headless-shell fonts-dejavu-core ca-certificates \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The users file is mounted, never baked in: .dockerignore leaves out config/users.yaml, the demo's, whose passwords
# are published (production refuses it anyway). Mount yours at USERS_FILE; see deploy/README.md.
ENV NODE_ENV=production CHROMIUM_PATH=/usr/bin/chromium-headless-shell LOG_FORMAT=json USERS_FILE=/run/bpo/users.yaml
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts=false
COPY . .
# Workflow code is bundled at build time, so workers start without webpack and run the tested code.
RUN npx tsx scripts/bundle-workflows.ts
USER node
CMD ["npx", "tsx", "workers/main.ts"]
