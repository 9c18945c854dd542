"""``factsheet init``: lay out a new fact-sheet project from the files in this folder.

The files here are the new project's, written once and never overwritten:
the content folders, an empty entity registry, ``mkdocs.yml`` (the same
settings as the example site), ``factsheet.yml`` with every setting commented
out, a README with the three publishing steps, a ``.gitignore`` and a GitHub
Actions workflow that builds the site and deploys it with GitHub Pages.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import FactsheetError

HERE = Path(__file__).resolve().parent

#: target path in the new project -> file in this folder (dot files are stored without the dot)
FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "factsheet.yml": "factsheet.yml",
    "README.md": "README.md",
    ".gitignore": "gitignore",
    ".github/workflows/pages.yml": "pages.yml",
    "content/entities.yaml": "entities.yaml",
    "requirements.txt": None,
    "content/articles/.gitkeep": None,
    "content/facts/.gitkeep": None,
}


class InitError(FactsheetError):
    """The folder cannot be made into a project."""


def init_project(target, site_name=None, requirement=None):
    """Create a project in ``target`` (made if missing); return the paths written, relative to it.

    Existing files are never overwritten: a folder that already holds any of
    the project files is refused, so ``init`` cannot destroy work.

    :param site_name: the site's title (``site_name`` in ``mkdocs.yml``); the folder name by default
    :param requirement: what ``requirements.txt`` installs in CI; ``factsheet==VERSION`` by default
    """
    from .. import __version__

    target = Path(target)
    if target.exists() and not target.is_dir():
        raise InitError(f"{target}: exists and is not a folder (choose another path)")
    clashes = [rel for rel in FILES if (target / rel).exists()]
    if clashes:
        raise InitError(f"{target / clashes[0]}: already exists; `factsheet init` never overwrites files "
                        "(use an empty folder)")
    name = site_name or target.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize() or "Fact sheet"
    requirement = requirement or f"factsheet[pagefind]=={__version__}"
    written = []
    for rel, source in FILES.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if source is None:
            text = "" if rel.endswith(".gitkeep") else (
                "# What CI installs to build the site (.github/workflows/pages.yml).\n"
                "# Point this at wherever you install factsheet from (a version, a wheel or a git URL).\n"
                f"{requirement}\n")
        else:
            text = (HERE / source).read_text(encoding="utf-8")
            if rel == "mkdocs.yml":
                text = text.replace("{site_name}", json.dumps(name, ensure_ascii=False))
            elif rel == "README.md":
                text = text.replace("{site_name}", name)
        path.write_text(text, encoding="utf-8")
        written.append(rel)
    return written
