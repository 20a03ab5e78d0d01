"""Start-up time the notebook machinery need not spend."""
from __future__ import annotations

import sys


def skip_iri_grammar() -> None:
    """jsonschema imports rfc3987_syntax, if installed (jupyterlab brings it), only to check the
    "iri" string format — which no notebook schema uses — and building its grammar costs ~0.8 s
    at every start. Hide it before nbformat pulls jsonschema in."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)
