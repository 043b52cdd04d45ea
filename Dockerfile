# One image for every Plenary service (web now; worker and beat reuse it).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_STATIC_MANIFEST=1

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# collectstatic only reads settings; a placeholder URL keeps it from starting a database.
RUN DATABASE_URL=postgres://build@localhost/build python manage.py collectstatic --noinput \
    && useradd --create-home --uid 1000 plenary \
    && mkdir -p /app/var/media && chown -R plenary /app/var

USER plenary
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
