# Neural network playground: gunicorn (one gthread worker) serving Flask + Socket.IO.
# Build: docker build -t nn-playground .    Run: docker run -p 5000:5000 nn-playground

# -- Stage 1: browser libraries from npm (nothing third-party is committed) -------
FROM node:20-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY tools/ tools/
RUN node tools/copy-vendor.mjs

# -- Stage 2: the app ------------------------------------------------------------
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 OPENBLAS_NUM_THREADS=1
WORKDIR /srv/playground
# Requirements first, so code changes do not reinstall them.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
RUN useradd --create-home --uid 10001 playground \
    && mkdir instance && chown playground instance  # the generated secret key lives here
COPY app/ app/
COPY templates/ templates/
COPY static/ static/
COPY --from=frontend /build/static/vendor/ static/vendor/
USER playground
EXPOSE 5000
# One worker: Socket.IO sessions live in that process (scale out with a message
# queue, never with -w N); one thread per open socket, ~300 for a classroom.
CMD ["sh", "-c", "exec gunicorn --worker-class gthread --workers 1 --threads ${PLAYGROUND_THREADS:-512} --no-control-socket --bind 0.0.0.0:5000 'app:create_app()'"]
