"""Making pages and exports from a checked knowledge base: URLs, templates, escaping, the
connections picture, claims.json/csv and the published JSON Schemas. Imports only `macros.core`."""
