# Samverkansportalen: one image for web (gunicorn), worker and beat (Celery).
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_LINK_MODE=copy \
    UV_COMPILE_BYTECODE=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PATH="/app/.venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=portal.settings.prod

# gettext for compilemessages; curl for the health check; the PostgreSQL 18 client
# (compose's server version) from the PostgreSQL project's repository for
# `manage.py backup` and `restore`, whose pg_dump must match the server.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext curl ca-certificates \
    && install -d /usr/share/postgresql-common/pgdg \
    && curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc \
        https://www.postgresql.org/media/keys/ACCC4CF8.asc \
    && . /etc/os-release \
    && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt ${VERSION_CODENAME}-pgdg main" \
        > /etc/apt/sources.list.d/pgdg.list \
    && apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client-18 \
    && rm -rf /var/lib/apt/lists/*

# The same uv as scripts/bootstrap, from PyPI.
RUN pip install --no-cache-dir "uv==0.13.9"

WORKDIR /app

# Dependencies first (cached while only the code changes): exactly what uv.lock pins.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
RUN uv sync --frozen --no-dev

# Translations and static files belong to the image (WhiteNoise serves them from
# STATIC_ROOT); the development settings suffice, they need no secrets or services.
RUN DJANGO_SETTINGS_MODULE=portal.settings.dev python manage.py compilemessages --ignore=.venv \
    && DJANGO_SETTINGS_MODULE=portal.settings.dev python manage.py collectstatic --no-input

# Non-root; it owns only what it writes at run time (media, the beat schedule).
RUN useradd --system --uid 1000 --home-dir /app --shell /usr/sbin/nologin portal \
    && mkdir -p /app/media /var/lib/celerybeat \
    && chown -R portal:portal /app/media /var/lib/celerybeat
USER portal

EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
