"""Alembic environment: always run on a connection the app opened (it holds the key)."""

from alembic import context

from shelter_app.domain.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("Run migrations through shelter_app.storage.migrate, which opens the key.")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
