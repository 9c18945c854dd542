"""``factsheet check``: every problem in a project's fact files and registry, at once.

Each problem is a :class:`~factsheet.records.Problem` printed as
``content/facts/FILE.yaml:LINE:COL: what is wrong (how to fix it)``, with the
path relative to the project so it can be pasted into an editor.  Errors make
a file unpublishable (``build`` refuses it); warnings are advice and fail
only with ``--strict``.
"""

from __future__ import annotations

from pathlib import Path

from .cache import JsonCache, code_key, map_in_processes
from .errors import ArticleError, RecordError
from .records import Problem, article_identity, load_yaml, read_text_file, record_from_dict, validate
from .registry import Registry, load_registry


def check_project(project, cache=None, jobs=1):
    """Validate the registry and every fact file of ``project``; return all problems, file by file.

    :param project: a :class:`~factsheet.config.Project`
    :param cache: a JSON file keeping each fact file's problems between runs (``build/check-cache.json``):
        a file is checked again only when it, its article, the registry's ids or the checking code
        changed, so a build after one edit checks one file
    :param jobs: processes that check files side by side when many need it (a first build)
    """
    registry, problems = _load_registry(project)
    known = sorted(registry.ids)
    store = CheckCache(cache, known) if cache is not None else None
    paths = _fact_paths(project)
    outcomes, misses = {}, []
    for path in paths:
        hit = store.get(path, project.root) if store is not None else None
        if hit is None:
            misses.append(path)
        else:
            outcomes[path] = hit
    for path, outcome in zip(misses, map_in_processes(_outcome, misses, jobs, project_root=project.root,
                                                       known=known)):
        outcomes[path] = outcome
        if store is not None:
            store.put(path, project.root, outcome)
    if store is not None:
        store.save()
    pages = {}
    for path in paths:
        file_problems, slug, slug_at = outcomes[path]
        problems.extend(file_problems)
        problems.extend(_duplicate_page(pages, slug, slug_at, path, project.root))
    return problems


def load_checked(project):
    """Check the whole project and load what is valid; return ``(problems, records, registry)``.

    ``records`` holds a :class:`~factsheet.records.FactRecord` for every fact
    file without errors, in file name order; ``registry`` is empty when
    ``content/entities.yaml`` has errors.
    """
    registry, problems = _load_registry(project)
    records = []
    pages = {}  # article slug -> the file that names its page with it first
    for path in _fact_paths(project):
        file_problems, data, positions = _check(path, project.root, registry)
        if not _has_error(file_problems):
            slug_at = positions.value(("article", "slug"))
            file_problems += _duplicate_page(pages, data["article"]["slug"], slug_at, path, project.root)
        problems.extend(file_problems)
        if not _has_error(file_problems):
            records.append(record_from_dict(data))
    return problems, records, registry


def _load_registry(project):
    """``(registry, problems)``: an empty registry when ``content/entities.yaml`` has errors."""
    display = display_path(project.registry_path, project.root)
    try:
        registry = load_registry(project.registry_path, display=display)
        return registry, list(registry.warnings)
    except RecordError as exc:
        return Registry(), list(exc.problems)


def _fact_paths(project):
    facts_dir = Path(project.facts_dir)
    return sorted(facts_dir.glob("*.yaml")) if facts_dir.is_dir() else []


def _has_error(problems):
    return any(p.severity == "error" for p in problems)


def _duplicate_page(pages, slug, slug_at, path, root):
    """The problem of a second article naming the same page (it would silently replace the first)."""
    if slug is None:
        return []
    display = display_path(path, root)
    if slug not in pages:
        pages[slug] = display
        return []
    return [Problem(display, *slug_at, f"article slug `{slug}` is also the slug of {pages[slug]}",
                    "give each article its own slug; it names the article's page")]


def _outcome(path, project_root, known):
    """``(problems, slug, slug position)`` of one fact file; the slug only for a file without errors."""
    problems, data, positions = _check(path, project_root, _Known(known))
    if _has_error(problems):
        return problems, None, None
    return problems, data["article"]["slug"], list(positions.value(("article", "slug")))


class _Known:
    """The part of a registry that checking a fact file needs: its ids (picklable)."""

    def __init__(self, ids):
        self.ids = set(ids)


class CheckCache(JsonCache):
    """Each fact file's problems, kept between builds, keyed by the sha256 of the file and of its article.

    The key holds the source of the checking code and the registry's ids.
    """

    VERSION = 1

    def __init__(self, path, known=()):
        super().__init__(path, code_key(self.VERSION, ("check.py", "records.py", "articles.py", "html.py",
                                                       "markdown.py"), known))

    @staticmethod
    def _shas(path, project_root):
        """``[sha of the fact file, sha of its article or None]``."""
        from .paths import sha256_bytes

        identity = article_identity(path)
        source = identity[0] if identity else None
        article = Path(project_root) / source if source and source != "-" else None
        article_sha = sha256_bytes(article.read_bytes()) if article is not None and article.is_file() else None
        return [sha256_bytes(Path(path).read_bytes()), article_sha]

    def get(self, path, project_root):
        """``(problems, slug, slug position)`` when the stored entry still holds, else None."""
        name = Path(path).name
        entry = self.entry(name)
        if entry is None:
            return None
        try:
            if self._shas(path, project_root) != entry["shas"]:
                return None
            outcome = ([Problem(**p) for p in entry["problems"]], entry["slug"],
                       tuple(entry["slug_at"]) if entry["slug_at"] else None)
        except (OSError, KeyError, TypeError, ValueError):
            return None
        self.keep(name, entry)
        return outcome

    def put(self, path, project_root, outcome):
        """Remember a file just checked."""
        from dataclasses import asdict

        problems, slug, slug_at = outcome
        try:
            shas = self._shas(path, project_root)
        except OSError:
            return
        self.store(Path(path).name, {"shas": shas, "problems": [asdict(p) for p in problems],
                                     "slug": slug, "slug_at": list(slug_at) if slug_at else None})


def check_file(path, project_root, registry=None):
    """Every problem in one fact file: syntax, schema, evidence against its article, then advice."""
    return _check(path, project_root, registry)[0]


def _check(path, project_root, registry):
    display = display_path(path, project_root)
    try:
        data, positions = load_yaml(read_text_file(path), display)
    except RecordError as exc:
        return [_relabel(p, path, display) for p in exc.problems], None, None
    problems = []
    article_text = None
    source = _source(data)
    if source and source != "-":
        article_text = _article_text(Path(project_root) / source)
        if article_text is None:
            at = positions.value(("article", "source"))
            problems.append(Problem(display, *at, f"article file `{source}` not found; evidence offsets not checked",
                                    "restore the article, or fix `source:`", "warning"))
    known = registry.ids if registry is not None else set()
    problems += validate(data, positions, display, article_text=article_text, known_entities=known)
    if not any(p.severity == "error" for p in problems):
        problems.extend(_advice(data, positions, display))
    return sorted(problems, key=lambda p: (p.line, p.col)), data, positions


def display_path(path, root):
    """``path`` relative to the project ``root`` when inside it (what people paste into an editor)."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def _relabel(problem, path, display):
    if problem.path == str(path):
        problem.path = display
    return problem


def _source(data):
    article = data.get("article") if isinstance(data, dict) else None
    source = article.get("source") if isinstance(article, dict) else None
    return source if isinstance(source, str) else None


def _article_text(path):
    from .articles import read_article

    if not path.is_file():
        return None
    try:
        return read_article(path).text
    except ArticleError:
        return None


def _advice(data, positions, display):
    """Warnings about a valid file: things that publish badly, not things that are wrong."""
    out = []
    article = data["article"]
    if not article.get("license"):
        at = positions.value(("article", "license")) if "license" in article else positions.key(("article",))
        out.append(Problem(display, *at, f"article `{article.get('slug')}` has no known license",
                           "set `license:` in the article's front matter, index.csv or with --license; "
                           "until then the site quotes only excerpts of it", "warning"))
    facts = [f for f in data.get("facts") or [] if f.get("status") != "rejected"]
    used = {f.get("speaker") for f in facts} | {a for f in facts for a in f.get("about") or []}
    for i, ent in enumerate(data.get("entities") or []):
        if ent.get("kind") == "person" and ent.get("id") not in used:
            out.append(Problem(display, *positions.value(("entities", i, "id")), f"person `{ent['id']}` has no facts",
                               "add a fact about them, or remove the entity", "warning"))
    return out
