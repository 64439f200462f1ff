"""HTTP to SPARQL servers: one place that checks endpoint URLs, opens connections and turns
network and HTTP failures into one readable error naming the endpoint.

Used by the query layer (remote queries) and by ``natokg push``. A proxy can never reach this
machine's loopback, so requests to 127.0.0.1, ::1 and localhost bypass any configured proxy.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request

from natokg.errors import NatokgError

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def check_endpoint(endpoint: str) -> str:
    """Return ``endpoint`` if it is an http(s) URL with a host; else raise a :class:`NatokgError`.

    >>> check_endpoint("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/query'
    >>> check_endpoint("http://[::1")
    Traceback (most recent call last):
    natokg.errors.NatokgError: --endpoint 'http://[::1' is not a valid URL: Invalid IPv6 URL
    """
    try:
        parts = urllib.parse.urlsplit(endpoint)
        hostname = parts.hostname
    except ValueError as exc:
        raise NatokgError(f"--endpoint {endpoint!r} is not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https") or not hostname:
        raise NatokgError(f"--endpoint {endpoint!r} is not an http:// or https:// URL")
    return endpoint


def opener(endpoint: str) -> urllib.request.OpenerDirector:
    """An HTTP opener for ``endpoint`` that skips proxies for loopback addresses."""
    if urllib.parse.urlsplit(check_endpoint(endpoint)).hostname in LOOPBACK:
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def send(request: urllib.request.Request, endpoint: str, timeout: float) -> tuple[int, bytes, str]:
    """Send ``request`` to ``endpoint``; return (status, body, content type) or raise one
    :class:`NatokgError` that names the endpoint."""
    try:
        with opener(endpoint).open(request, timeout=timeout) as response:
            return int(response.status), response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip().replace("\n", " ")
        message = f"the SPARQL endpoint {endpoint} answered HTTP {exc.code} {exc.reason}"
        raise NatokgError(message + (f": {detail}" if detail else "")) from None
    except urllib.error.URLError as exc:
        reason = getattr(exc.reason, "strerror", None) or exc.reason
        raise NatokgError(f"cannot reach the SPARQL endpoint {endpoint}: {reason}") from None
    except (OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "strerror", None) or exc or type(exc).__name__
        raise NatokgError(f"lost the connection to the SPARQL endpoint {endpoint}: {reason}") from None
