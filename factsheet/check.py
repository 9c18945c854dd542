"""``factsheet check``: every problem in a project's fact files and registry, at once.

Each problem is a :class:`~factsheet.records.Problem` printed as
``content/facts/FILE.yaml:LINE:COL: what is wrong (how to fix it)``, with the
path relative to the project so it can be pasted into an editor.  Errors make
a file unpublishable (``build`` refuses it); warnings are advice and fail
only with ``--strict``.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ArticleError, RecordError
from .records import Problem, load_yaml, read_text_file, record_from_dict, validate
from .registry import Registry, load_registry


def check_project(project):
    """Validate the registry and every fact file of ``project``; return all problems, file by file.

    :param project: a :class:`~factsheet.config.Project`
    """
    problems, _, _ = load_checked(project)
    return problems


def load_checked(project):
    """Check the whole project and load what is valid; return ``(problems, records, registry)``.

    ``records`` holds a :class:`~factsheet.records.FactRecord` for every fact
    file without errors, in file name order; ``registry`` is empty when
    ``content/entities.yaml`` has errors.
    """
    problems, records = [], []
    registry_display = display_path(project.registry_path, project.root)
    try:
        registry = load_registry(project.registry_path, display=registry_display)
        problems.extend(registry.warnings)
    except RecordError as exc:
        problems.extend(exc.problems)
        registry = Registry()
    facts_dir = Path(project.facts_dir)
    pages = {}  # article slug -> the file that names its page with it first
    for path in sorted(facts_dir.glob("*.yaml")) if facts_dir.is_dir() else []:
        file_problems, data, positions = _check(path, project.root, registry)
        if not any(p.severity == "error" for p in file_problems):
            slug, display = data["article"]["slug"], display_path(path, project.root)
            if slug in pages:  # two articles, one page: the second would silently replace the first
                file_problems.append(Problem(display, *positions.value(("article", "slug")),
                                             f"article slug `{slug}` is also the slug of {pages[slug]}",
                                             "give each article its own slug; it names the article's page"))
            else:
                pages[slug] = display
        problems.extend(file_problems)
        if not any(p.severity == "error" for p in file_problems):
            records.append(record_from_dict(data))
    return problems, records, registry


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
