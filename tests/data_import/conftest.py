"""The register import's service tests run on both kinds of storage
(tests/server_backend.py)."""

from tests.server_backend import both_backends

backend = both_backends
