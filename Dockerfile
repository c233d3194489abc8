# Neural network playground: the app's own launcher (python -m app: gunicorn, one
# gevent worker) serving Flask + Socket.IO.
# Build: docker build -t nn-playground .    Run: docker run --rm -p 5000:5000 nn-playground

# -- Stage 1: browser libraries from npm (nothing third-party is committed) -------
FROM node:20-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error
COPY tools/copy-vendor.mjs tools/
RUN node tools/copy-vendor.mjs

# -- Stage 2: the app ------------------------------------------------------------
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 OPENBLAS_NUM_THREADS=1 PLAYGROUND_HOST=0.0.0.0 PLAYGROUND_PORT=5000
WORKDIR /srv/playground
# The lock (exact versions with hashes) first, so code changes do not reinstall it.
COPY requirements.lock .
RUN pip install --no-cache-dir --disable-pip-version-check --require-hashes -r requirements.lock
COPY app/ app/
COPY templates/ templates/
COPY static/ static/
COPY --from=frontend /build/static/vendor/ static/vendor/
# Any non-root UID works (docker run --user 12345): the app writes no files.
USER 10001
EXPOSE 5000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s CMD ["python", "-m", "app.healthcheck"]
# The same launcher as scripts/run: settings from PLAYGROUND_* (README's table),
# log at PLAYGROUND_LOG_LEVEL, stops within seconds on docker stop.
CMD ["python", "-m", "app"]
