"""Persistence: the tables (models), engine and sessions (db), column types, Alembic migrations. May import: text, urls, config, errors."""
