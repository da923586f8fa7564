"""Engine adapters: the only code that knows MkDocs (or another engine) and its theme. The MkDocs
hook wires events to `macros.core` and `macros.pages`; nothing below this layer imports an engine."""
