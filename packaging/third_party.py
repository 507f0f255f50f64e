"""The licence notices a bundle must carry: every distribution TrustDesk needs at run time
(from pyproject's dependencies, followed through their own requirements), its version, its
licence and its licence files, plus Python's own licence and the LGPL texts for Qt and
psycopg (PySide6's wheels carry no licence file of their own).

Used by packaging/trustdesk.spec: the files go to licenses/ in the bundle, with
licenses/THIRD-PARTY.txt listing them all."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
LICENSE_NAMES = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS")


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;(]", requirement.strip(), maxsplit=1)[0]


def runtime_distributions(pyproject: Path) -> list[metadata.Distribution]:
    """The installed distributions of pyproject's dependencies and of theirs, with the
    requirements of the extras a dependency names (``psycopg[binary]``) and no others."""
    wanted = [
        (_name(r), set(re.findall(r"\[([^\]]*)\]", r)[0].split(",")) if "[" in r else set())
        for r in tomllib.loads(pyproject.read_text("utf-8"))["project"]["dependencies"]
    ]
    seen: dict[str, metadata.Distribution] = {}
    while wanted:
        name, extras = wanted.pop()
        key = name.lower().replace("_", "-").replace(".", "-")
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement of another platform (pywin32-ctypes on Linux, …)
        seen[key] = dist
        for requirement in dist.requires or []:
            marker = requirement.split(";", 1)[1] if ";" in requirement else ""
            if marker and not _marker_holds(marker, extras):
                continue
            wanted.append((_name(requirement), set()))
    return sorted(seen.values(), key=lambda d: d.metadata["Name"].lower())


def _marker_holds(marker: str, extras: set[str]) -> bool:
    try:
        from packaging.markers import Marker
    except ImportError:  # without the packaging library: no extras, every platform
        return "extra" not in marker
    return any(Marker(marker).evaluate({"extra": e.strip()}) for e in (extras or {""}))


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    if meta.get("License-Expression"):
        return meta["License-Expression"]
    classifiers = [
        c.split("::")[-1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    first_line = (meta.get("License") or "").strip().split("\n")[0]
    return ", ".join(classifiers) or first_line or "see its licence file"


def notices(pyproject: Path) -> tuple[list[tuple[str, str]], str]:
    """(file, folder in the bundle) pairs, and the text of THIRD-PARTY.txt."""
    files: list[tuple[str, str]] = []
    lines = [
        "TrustDesk bundles the following software. Each one's licence files are in the folder",
        "of its name beside this file.",
        "",
    ]
    python_licence = Path(
        sys.base_prefix, "lib", f"python{sys.version_info[0]}.{sys.version_info[1]}", "LICENSE.txt"
    )
    if not python_licence.exists():
        python_licence = Path(sys.base_prefix, "LICENSE.txt")  # Windows
    if python_licence.exists():
        files.append((str(python_licence), "licenses/Python"))
    lines.append(f"Python {sys.version.split()[0]}: PSF-2.0 (Python/)")
    for dist in runtime_distributions(pyproject):
        name, version = dist.metadata["Name"], dist.version
        own = [f for f in dist.files or [] if any(k in f.name.upper() for k in LICENSE_NAMES)]
        for f in own:
            files.append((str(f.locate()), f"licenses/{name}"))
        if name.lower().startswith(("pyside6", "shiboken6")) or "LGPL" in licence_of(dist):
            for text in ("LGPL-3.0.txt", "GPL-3.0.txt"):
                files.append((str(HERE / "licenses" / text), f"licenses/{name}"))
        lines.append(f"{name} {version}: {licence_of(dist)} ({name}/)")
    lines += [
        "",
        "Qt (in PySide6) is used under the LGPL-3.0: its libraries are the separate files in",
        "this folder and may be replaced by a compatible build of the same version.",
        "WenQuanYi Micro Hei (trustdesk/resources/fonts): Apache-2.0, licence beside the font.",
    ]
    return files, "\n".join(lines) + "\n"


if __name__ == "__main__":
    found, text = notices(HERE.parent / "pyproject.toml")
    print(text)
    print(f"{len(found)} licence files")
