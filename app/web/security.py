"""Security headers on every response, Flask's and Socket.IO's: a strict Content-Security-Policy
and friends.

The page has no inline script or style and loads nothing from another host,
so the policy can allow only the app itself. Socket.IO's same-origin check is
Flask-SocketIO's default (no ``cors_allowed_origins``), kept on purpose. The
headers are added by the outermost WSGI layer (``web.wsgi``), so the
Engine.IO endpoint's answers carry them too; gunicorn's own error pages get
them from ``app.worker``.
"""
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def with_headers(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``headers`` plus every security header they do not set already."""
    present = {name.lower() for name, _ in headers}
    return list(headers) + [(name, value) for name, value in HEADERS.items()
                            if name.lower() not in present]
