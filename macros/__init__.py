"""Claims-sourced microsite generator: data/ YAML → verified claims → pages for a static-site engine.

Four layers: `core` reads and checks data into a knowledge base; `pages` makes pages and exports from
it; `engines` is the only code that imports an engine (the MkDocs hook); `tools` holds the contributor
commands. Imports run one way: core ← pages ← engines, and tools use core and pages, never engines.
"""
