"""Balai Kota Digital: ASN development and digital public services for a city government."""

from .celery import app as celery_app

__all__ = ["celery_app"]
