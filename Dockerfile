# One image for every Plenary service: web (gunicorn), worker and beat (celery); docker-compose.yml.
# The dashboards' front-end files from npm, exactly as package-lock.json pins them.
FROM node:20-slim AS assets
WORKDIR /assets
COPY package.json package-lock.json ./
COPY dashboards/assets/vendor.mjs dashboards/assets/
RUN npm ci --omit=dev --no-audit --no-fund && npm run --silent vendor

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_STATIC_MANIFEST=1

WORKDIR /app
# Pango and a font for WeasyPrint's campaign brief PDFs.
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
COPY --from=assets /assets/static/vendor static/vendor
# collectstatic only reads settings; a placeholder URL keeps it from starting a database.
RUN DATABASE_URL=postgres://build@localhost/build python manage.py collectstatic --noinput \
    && useradd --create-home --uid 1000 plenary \
    && mkdir -p /app/var/media && chown -R plenary /app/var

USER plenary
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
