# Wharf as a container image: `npm run image:build` (scripts/image/build.ts), or `docker build .`.
#
# BASE_IMAGE is any Debian 12 image with Node >= 20.19 and npm on PATH. Elsewhere the default public
# image is used with no change; the lab, which cannot pull images, passes its own (made from
# Debian's packages by debootstrap: scripts/lab/base-images.ts).
ARG BASE_IMAGE=node:20-bookworm-slim

# ---- build: dependencies, Prisma Client, next build, then only what runs ----
FROM ${BASE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
# A build context that already carries node_modules (the lab's: its image builds have no network)
# is used as it is; otherwise exactly what package-lock.json says is installed.
RUN if [ -d node_modules ]; then echo "Using the node_modules of the build context"; else npm ci --no-audit --no-fund; fi \
 && npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf .next/cache

# ---- runtime: the console as an unprivileged user, its data in a volume ----
FROM ${BASE_IMAGE}
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    WHARF_DATA_DIR=/data
RUN groupadd --system --gid 10001 wharf \
 && useradd --system --uid 10001 --gid wharf --home-dir /data --no-create-home --shell /usr/sbin/nologin wharf \
 && mkdir -p /data \
 && chown wharf:wharf /data \
 && chmod 700 /data
WORKDIR /app
# The application belongs to root and is only read by the console's user.
COPY --from=build /app /app
USER wharf
# Wharf's own Postgres (when DATABASE_URL is not set), the keys it generates, the auth secret.
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Secrets may come from files (Docker secrets): WHARF_SECRET_KEY_FILE, NEXTAUTH_SECRET_FILE,
# DATABASE_URL_FILE, WHARF_METRICS_TOKEN_FILE (lib/config/secret-files.ts).
CMD ["node", "--import", "./scripts/node/register.mjs", "server.ts"]
