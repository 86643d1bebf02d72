"""Which SPARQL server to use instead of the embedded store, and how to reach it.

From, in order: the ``--endpoint`` option, ``$KG_ENDPOINT``, the ``[endpoint]`` table of the config
file (``$KG_CONFIG``, else ``$XDG_CONFIG_HOME/kg/config.toml``, else ``~/.config/kg/config.toml``)::

    [endpoint]
    url = "http://127.0.0.1:8890/sparql"              # queries (SPARQL 1.1 Protocol)
    store = "http://127.0.0.1:8890/sparql-graph-crud-auth"  # kg push (Graph Store Protocol)
    user = "kgwriter"
    password = "..."          # or $KG_ENDPOINT_PASSWORD; or user:password@ in the URL
    timeout = 60              # seconds to wait for an answer
    max-rows = 10000          # the server's row cap (Virtuoso: ResultSetMaxRows); 0 = none

The environment has the same settings: ``$KG_STORE_ENDPOINT``, ``$KG_ENDPOINT_USER``,
``$KG_ENDPOINT_PASSWORD``, ``$KG_ENDPOINT_TIMEOUT``, ``$KG_ENDPOINT_MAX_ROWS``. The password is kept
out of every message: ``Endpoint.display`` is the URL without credentials.

>>> e = Endpoint("http://ann:s3cret@127.0.0.1:8890/sparql")
>>> e.url, e.user, e.password, e.display
('http://127.0.0.1:8890/sparql', 'ann', 's3cret', 'http://127.0.0.1:8890/sparql')
>>> "s3cret" in repr(e)
False
"""
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from ..errors import ConfigError


class Endpoint:
    """A SPARQL server: query URL, Graph Store URL, credentials, timeout and its row cap."""

    def __init__(self, url, *, store=None, user=None, password=None, timeout=60.0, max_rows=None):
        self.url, u, p = _split_credentials(url, "endpoint")
        self.store, su, sp = _split_credentials(store, "store endpoint") if store else (None, None, None)
        self.user = user or u or su
        self.password = password if password is not None else (p if p is not None else sp)
        self.timeout = float(timeout)
        self.max_rows = int(max_rows) if max_rows else None

    @property
    def display(self):
        return self.url

    def __repr__(self):
        return f"Endpoint({self.url!r}, store={self.store!r}, user={self.user!r})"


def _split_credentials(url, what):
    """(URL without user:password@, user, password); ConfigError unless an http(s) URL."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"the {what} must be an http:// or https:// URL, not {_no_credentials(url)!r}")
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), user, password


def _no_credentials(url):
    head, sep, tail = url.rpartition("@")
    return ("…@" + tail) if sep else url


def config_path():
    if os.environ.get("KG_CONFIG"):
        return Path(os.environ["KG_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "kg" / "config.toml"


def _config_table():
    path = config_path()
    if not path.is_file():  # checked first: no TOML parser is imported on a lookup without a config
        return {}
    import tomllib  # only with a config file: most lookups have none

    try:
        with open(path, "rb") as f:
            doc = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: {e}") from None
    table = doc.get("endpoint", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [endpoint] must be a table")
    return table


def settings(url=None):
    """The configured Endpoint, or None for the embedded store. URL (the --endpoint option) wins."""
    env = os.environ
    table = _config_table()
    url = url or env.get("KG_ENDPOINT") or table.get("url")
    if not url:
        return None

    def pick(env_name, key, default=None):
        value = env.get(env_name)
        return value if value not in (None, "") else table.get(key, default)

    try:
        return Endpoint(url, store=pick("KG_STORE_ENDPOINT", "store"), user=pick("KG_ENDPOINT_USER", "user"),
                        password=pick("KG_ENDPOINT_PASSWORD", "password"), timeout=pick("KG_ENDPOINT_TIMEOUT", "timeout", 60),
                        max_rows=pick("KG_ENDPOINT_MAX_ROWS", "max-rows"))
    except (TypeError, ValueError) as e:
        raise ConfigError(f"bad endpoint setting: {e}") from None
