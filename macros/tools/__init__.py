"""Contributor commands (`python -m macros …`): check, schema, find-quote, paragraph, add-source,
claims-diff, coverage. They use `macros.core` and `macros.pages`, never an engine; only `cli` prints
or exits."""
