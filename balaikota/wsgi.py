"""WSGI entry point (gunicorn balaikota.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balaikota.settings.production")

application = get_wsgi_application()
