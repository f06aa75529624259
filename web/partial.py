"""The one place that decides between a page and its htmx fragment."""

from __future__ import annotations

from flask import make_response, render_template, request


def wants_partial() -> bool:
    """True for an htmx request that swaps a fragment; a history restore needs the whole page."""
    return "HX-Request" in request.headers and "HX-History-Restore-Request" not in request.headers


def render_page(full: str, partial: str, **context):
    """Render ``partial`` for htmx and ``full`` (which includes it) otherwise; Vary says so."""
    response = make_response(render_template(partial if wants_partial() else full, **context))
    response.vary.add("HX-Request")
    return response
