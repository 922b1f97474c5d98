"""Rumah Aman: records for safe houses sheltering victims of human trafficking."""

__version__ = "0.1.0"
APP_NAME = "Rumah Aman"
