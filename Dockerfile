# syntax=docker/dockerfile:1

# Build stage: pip's working files and the package build stay here; only the
# finished virtualenv moves on to the image that runs.
FROM python:3.11-slim-bookworm AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"

WORKDIR /src
# The pinned versions first (a layer that changes only with the lock file), then the project.
COPY requirements/production.txt requirements/production.txt
RUN pip install -r requirements/production.txt
COPY . .
RUN pip install --no-deps .


FROM python:3.11-slim-bookworm AS runtime

# Pango, HarfBuzz and a font are what WeasyPrint needs to render the PDF
# brochure and report pack; installing them now saves a rebuild later.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# A home directory is needed because gunicorn keeps its control socket there.
RUN useradd --create-home --uid 1000 --user-group mobilitas

ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    MEDIA_ROOT=/app/media

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
COPY . .

# Static files are baked into the image so every container serves the same
# hashed set through WhiteNoise. The key and hosts exist only for this RUN and
# are never seen by a running container. The code stays root-owned and
# read-only to the app; only media (so a fresh named volume mounted there
# inherits the app user's ownership) and var/ (the settings' fallback for
# file-based mail and cache) are writable.
RUN SECRET_KEY=build-only-collectstatic-key-never-used-at-runtime-0000000000 \
    ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
    && mkdir -p "$MEDIA_ROOT" /app/var \
    && chown mobilitas:mobilitas "$MEDIA_ROOT" /app/var

USER mobilitas

EXPOSE 8000

# /dev/shm keeps gunicorn's worker heartbeat files off the container's
# overlay filesystem, where a slow write can make a healthy worker look dead.
# The worker count comes from WEB_CONCURRENCY, which gunicorn reads itself.
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--worker-tmp-dir", "/dev/shm", "--access-logfile", "-"]
