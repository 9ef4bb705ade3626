"""The last map of each database, so the app paints it at once on the next launch.

Only the map model of the default colouring is kept (what the map draws: positions,
colours, names, companies and titles of the people on it), one file per database (and per
login, on a server) in the user's cache folder (`platformdirs.user_cache_dir("NetView")/maps`),
never beside the database, which may be shared. Numpy arrays and one JSON text, read
without pickle.

A cached map is shown only while its key matches the data as it is now, NetView's version
and the code that makes the map (`layout_fingerprint`: a hash of the source of the map
model's module and of every NetView module it is made with, so a change of the layout code
without a version bump never shows a stale map; and `graph.layout.LAYOUT_VERSION`, which
says the same where the sources are not shipped). A map kept under an older layout still
lends its angles to the next layout (`load(any_data=True)`): people stay where they were.
For a SQLite file the key is the file's identity (inode, size and modification time of the
file and of its write-ahead log unless that is empty): every committed write changes the
file or its log, whoever made it (the app, the command line, another program). For
PostgreSQL it is the server's change counter (netview.store.generation: any change to the
shared tables by anyone advances it) with the login and a fingerprint of the member's own
rows the map depends on. The network is still read behind the cached picture (panels and
tooltips need it); while the key is unchanged the cached map is taken as the map and nothing
is grouped or laid out again (services.document). `netview forget` removes the file of its
database; the files of database files that are gone are removed whenever another map is
kept, and only the newest few server maps are kept.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import logging
import os
import re
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import numpy as np
import platformdirs
from sqlalchemy.exc import OperationalError

from netview.graph.layout import LAYOUT_VERSION
from netview.services.mapping.mapmodel import LegendEntry, MapModel, RingGuide, SectorLabel
from netview.store import generation
from netview.store.db import APP_NAME, Database, sqlite_file
from netview.store.errors import timed_out

log = logging.getLogger(__name__)

FORMAT = 1
SERVER_MAPS_KEPT = 8  # maps of server databases kept (no file tells when one is gone)
# Fields not written: derived on demand (indexes), or the network itself (the load brings it).
_SKIPPED = {"net", "filters", "_key_index", "_names_index"}


def cache_folder() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "maps"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("netview")
    except PackageNotFoundError:
        return "unknown"


# The map model's module: it and everything it imports from NetView make the cached map.
MAP_CODE_ROOT = "netview.services.mapping.mapmodel"


@functools.cache
def layout_fingerprint() -> str:
    """A hash of the code that makes the map (`map_code`); "" where the sources are not
    shipped (a frozen app): the version, which changes with every release, stands alone."""
    sources = map_code()
    if sources is None:
        return ""
    digest = hashlib.sha256()
    for name in sorted(sources):
        digest.update(f"{name}\0{sources[name]}\0".encode())
    return digest.hexdigest()[:20]


def map_code() -> dict[str, str] | None:
    """The source of MAP_CODE_ROOT and of every NetView module it imports, at any depth,
    by module name (found by reading their imports, not by what happens to be loaded):
    grouping, layout, the network's loading and the model. None without sources."""
    sources: dict[str, str] = {}
    todo = [MAP_CODE_ROOT]
    while todo:
        name = todo.pop()
        if name in sources:
            continue
        source = _source(name)
        if source is None:
            return None
        sources[name] = source
        todo.extend(_netview_imports(source))
    return sources


def _file(name: str) -> Path | None:
    """The source file of NetView module `name` (read, never imported); None if absent."""
    import netview

    base = Path(netview.__file__).parent.joinpath(*name.split(".")[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _source(name: str) -> str | None:
    path = _file(name)
    try:
        return path.read_text(encoding="utf-8") if path is not None else None
    except OSError:
        return None


# `from netview.x import a, b` (names in parentheses may span lines) and `import netview.x`.
_FROM = re.compile(r"^[ \t]*from[ \t]+(netview[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|.*)$", re.M)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+(netview[\w.]*)", re.M)


def _netview_imports(source: str) -> list[str]:
    """The NetView modules `source` imports (anywhere in it), the UI's aside. Read with
    patterns: parsing the 38 modules involved took a third of a second."""
    found = _IMPORT.findall(source)
    for module, names in _FROM.findall(source):
        found.append(module)
        # `from netview.services import mapcache`: the name may be a module itself.
        for part in re.sub(r"#[^\n]*", "", names).strip("()").split(","):
            words = part.split()
            if words:
                found.append(f"{module}.{words[0]}")
    return [
        name
        for name in found
        if name.startswith("netview.")
        and not name.startswith("netview.ui")
        and _file(name) is not None
    ]


def _server(db: Database) -> str | None:
    """A server database's place and login, without the password; None for SQLite."""
    from sqlalchemy import make_url

    url = make_url(db.url)
    if url.get_backend_name() != "postgresql":
        return None
    # Rendered with the password hidden ("***" whatever it is): not written anywhere.
    return str(url.render_as_string(hide_password=True))


def cache_path(db: Database) -> Path | None:
    """Where the map of `db` is kept; None for databases that are not cached."""
    path = sqlite_file(db.url)
    if path is not None:
        name = str(path.resolve())
    else:
        server = _server(db)
        if server is None:
            return None
        name = f"server:{server}"
    digest = hashlib.sha256(name.encode()).hexdigest()[:24]
    return cache_folder() / f"{digest}.npz"


def cache_key(db: Database) -> str | None:
    """What the cached map must have been made from; None: not cacheable."""
    path = sqlite_file(db.url)
    if path is None:
        return _server_key(db)
    parts: list[Any] = [
        FORMAT,
        _version(),
        str(path.resolve()),
        layout_fingerprint(),
        LAYOUT_VERSION,
    ]
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            st = file.stat()
        except FileNotFoundError:
            parts.append(None)
            continue
        if file is not path and st.st_size == 0:
            # An empty log holds no data: SQLite makes one on every open and removes it on
            # the last close, so its inode and time say nothing about the data.
            parts.append(None)
            continue
        parts.append([st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns])
    return json.dumps(parts)


def _server_key(db: Database) -> str | None:
    server = _server(db)
    if server is None:
        return None
    try:
        with db.session() as s:
            counter = generation.fingerprint(s)
    except OperationalError as exc:
        if timed_out(exc) is None:
            raise
        return None  # a teammate holds what it reads: load afresh (which says so, if it must)
    if counter is None:  # a server database from before the counter
        return None
    return json.dumps(
        [FORMAT, _version(), f"server:{server}", counter, layout_fingerprint(), LAYOUT_VERSION]
    )


def save(db: Database, model: MapModel, key: str) -> None:
    """Keep `model` as the map of `db` made under `key` (written whole or not at all)."""
    target = cache_path(db)
    if target is None or not len(model):
        return
    arrays: dict[str, Any] = {}
    text: dict[str, Any] = {"key": key}
    for f in fields(model):
        if f.name in _SKIPPED:
            continue
        value = getattr(model, f.name)
        if isinstance(value, np.ndarray):
            arrays[f.name] = value
        elif f.name in ("rings", "sector_labels", "legend"):
            text[f.name] = [asdict(v) for v in value]
        else:
            text[f.name] = value
    arrays["_text"] = np.frombuffer(json.dumps(text).encode(), np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_suffix(".part")
        part.write_bytes(buffer.getvalue())
        os.replace(part, target)
        _prune(target.parent)
    except OSError as exc:  # a cache: the app works without it
        log.warning("could not keep the map for the next start: %s", exc)


def load(db: Database, *, any_data: bool = False) -> MapModel | None:
    """The cached map of `db` if it is still the map of the data as it is now, else None.

    `any_data`: the last map kept of `db` even if the data changed since (of this NetView
    version): not to show, but for the next layout to keep its people where they were."""
    key = cache_key(db)
    target = cache_path(db)
    if key is None or target is None or not target.exists():
        return None
    try:
        with np.load(target, allow_pickle=False) as data:
            text = json.loads(data["_text"].tobytes().decode())
            kept = text.pop("key", None)
            if kept != key and not (any_data and _same_version(kept, key)):
                return None
            arrays = {name: data[name] for name in data.files if name != "_text"}
    except (OSError, ValueError, KeyError) as exc:
        log.info("cached map unreadable, building it again: %s", exc)
        return None
    text["rings"] = [RingGuide(**r) for r in text.get("rings", [])]
    text["sector_labels"] = [SectorLabel(**s) for s in text.get("sector_labels", [])]
    text["legend"] = [
        LegendEntry(e["name"], tuple(e["rgb"]), e["count"])  # type: ignore[arg-type]
        for e in text.get("legend", [])
    ]
    text["group_colors"] = [tuple(c) for c in text.get("group_colors", [])]
    try:
        return MapModel(**arrays, **text)
    except TypeError as exc:  # fields changed without a version change (a development tree)
        log.info("cached map of another shape, building it again: %s", exc)
        return None


def _same_version(a: object, b: str) -> bool:
    """Whether two cache keys were made by the same format and NetView version."""
    try:
        return isinstance(a, str) and json.loads(a)[:2] == json.loads(b)[:2]
    except (ValueError, TypeError):
        return False


def _prune(folder: Path) -> None:
    """Remove the maps of database files that are no longer there (deleted or moved), and
    all but the newest few maps of server databases."""
    servers: list[Path] = []
    for file in folder.glob("*.npz"):
        try:
            with np.load(file, allow_pickle=False) as data:
                path = json.loads(json.loads(data["_text"].tobytes().decode())["key"])[2]
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            path = None  # unreadable: of no use to anyone
        if isinstance(path, str) and path.startswith("server:"):
            servers.append(file)
        elif path is None or not Path(path).exists():
            file.unlink(missing_ok=True)
    servers.sort(key=_mtime, reverse=True)
    for file in servers[SERVER_MAPS_KEPT:]:
        file.unlink(missing_ok=True)


def _mtime(file: Path) -> float:
    try:
        return file.stat().st_mtime
    except OSError:
        return 0.0


def forget(db: Database) -> None:
    target = cache_path(db)
    if target is not None:
        target.unlink(missing_ok=True)
