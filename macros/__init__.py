"""Claims-sourced microsite generator: data/ YAML → verified claims → MkDocs pages.

Everything in this package except `mkdocs_adapter` is plain Python with no MkDocs import, so it can be
tested directly and moved to another MkDocs-compatible engine.
"""
