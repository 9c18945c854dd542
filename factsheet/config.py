"""A factsheet project: where its files are, and its optional ``factsheet.yml``.

A project is a folder holding ``content/articles/`` (the input),
``content/facts/`` (the YAML fact records), optionally
``content/entities.yaml`` (the entity registry), ``templates/`` (page
templates that override the defaults), ``mkdocs.yml`` and ``factsheet.yml``.
Rendered Markdown goes to ``build/pages/`` and the site to ``site/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


from .errors import ConfigError, RecordError

#: licenses whose articles may be shown in full (issue: license-aware pages)
DEFAULT_OPEN_LICENSES = ("CC BY", "CC BY-SA", "CC0", "Public domain")
#: the most of an article with any other license that the site quotes, as a share of its characters
DEFAULT_EXCERPT_SHARE = 0.25
SEARCH_ENGINES = ("lunr", "pagefind")
#: how publishers ask to be credited, by publisher name (factsheet.yml ``credits`` adds to these)
DEFAULT_CREDITS = {"Wikinews": "From Wikinews, the free news source"}
CONFIG_KEYS = ("search", "open_licenses", "excerpt_share", "credits", "topics", "title")
#: factsheet.yml is a few lines; anything bigger is not one
MAX_CONFIG_BYTES = 1024 * 1024


@dataclass
class Settings:
    """What ``factsheet.yml`` may set; every key is optional."""

    #: "lunr" (MkDocs' built-in search) or "pagefind" (for large sites)
    search: str = "lunr"
    #: license names whose full text may be published; any version, any spelling
    #: ("CC BY" covers "CC BY 2.5" and "Creative Commons Attribution 4.0", not "CC BY-NC")
    open_licenses: tuple = DEFAULT_OPEN_LICENSES
    #: for every other article: the largest share (0 to 1) of its text the site may quote
    excerpt_share: float = DEFAULT_EXCERPT_SHARE
    #: publisher name -> the credit line it asks for ("From Wikinews, the free news source")
    credits: dict = field(default_factory=lambda: dict(DEFAULT_CREDITS))
    #: theme -> words; replaces factsheet's default themes when set
    topics: dict | None = None
    #: site title used on the home page when mkdocs.yml has none
    title: str | None = None


@dataclass
class Project:
    """Paths of one project, all derived from its root folder."""

    root: Path
    settings: Settings = field(default_factory=Settings)

    @property
    def articles_dir(self):
        return self.root / "content" / "articles"

    @property
    def facts_dir(self):
        return self.root / "content" / "facts"

    @property
    def registry_path(self):
        return self.root / "content" / "entities.yaml"

    @property
    def templates_dir(self):
        return self.root / "templates"

    @property
    def pages_dir(self):
        return self.root / "build" / "pages"

    @property
    def site_dir(self):
        return self.root / "site"

    @property
    def mkdocs_yml(self):
        return self.root / "mkdocs.yml"

    @property
    def config_path(self):
        return self.root / "factsheet.yml"


def load_project(root="."):
    """The :class:`Project` at ``root``, with ``factsheet.yml`` read and checked."""
    root = Path(root).resolve()
    project = Project(root=root)
    path = project.config_path
    if not path.is_file():
        return project
    from .records import load_yaml, read_text_file  # safe: no objects, no aliases, bounded size and nesting

    try:
        data = load_yaml(read_text_file(path, limit=MAX_CONFIG_BYTES), str(path))[0] or {}
    except RecordError as exc:  # its messages speak of fact files
        raise ConfigError(str(exc).replace(" in fact files", "").replace("fact files hold", "factsheet.yml holds"))\
            from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1:1: factsheet.yml must be a mapping (write `key: value` lines)")
    unknown = [k for k in data if k not in CONFIG_KEYS]
    if unknown:
        raise ConfigError(f"{path}: unknown key `{unknown[0]}` (known keys: {', '.join(CONFIG_KEYS)})")
    settings = Settings()
    if "search" in data:
        if data["search"] not in SEARCH_ENGINES:
            raise ConfigError(f"{path}: search must be one of {', '.join(SEARCH_ENGINES)}, not {data['search']!r}")
        settings.search = data["search"]
    if "open_licenses" in data:
        value = data["open_licenses"]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: open_licenses must be a list of license names (e.g. [CC BY, CC0])")
        settings.open_licenses = tuple(value)
    if "excerpt_share" in data:
        value = data["excerpt_share"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ConfigError(f"{path}: excerpt_share must be a number from 0 to 1 (e.g. 0.25 for a quarter), "
                              f"not {value!r}")
        settings.excerpt_share = float(value)
    if "credits" in data:
        value = data["credits"]
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise ConfigError(f"{path}: credits must map each publisher to its credit line "
                              "(e.g. Wikinews: From Wikinews, the free news source)")
        settings.credits = {**DEFAULT_CREDITS, **value}
    if "topics" in data:
        value = data["topics"]
        if not isinstance(value, dict) or not all(isinstance(v, list) and all(isinstance(w, str) for w in v)
                                                  for v in value.values()):
            raise ConfigError(f"{path}: topics must map each theme to a list of words (e.g. sport: [match, league])")
        settings.topics = value
    if "title" in data:
        if not isinstance(data["title"], (str, int, float)):
            raise ConfigError(f"{path}: title must be text (e.g. title: My fact sheet)")
        settings.title = str(data["title"])
    project.settings = settings
    return project
