"""Web: the JSON HTTP API (OpenAPI at ``/docs``) and the server-rendered, script-free UI.

``create_app(db)`` builds the FastAPI app; ``serve(db, host, port, read_only)`` runs it.
"""

from __future__ import annotations

from storyline.web.app import create_app, serve

__all__ = ["create_app", "serve"]
