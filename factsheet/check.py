"""``factsheet check``: every problem in a project's fact files and registry, at once."""

from __future__ import annotations

from pathlib import Path

from .errors import RecordError
from .records import Problem, load_record
from .registry import load_registry
from .render import is_open_license, read_source


def check_project(project):
    """Validate the registry and every fact file; return all :class:`Problem` objects.

    Errors make the files unpublishable; warnings (an article with no known
    license, a hand-added person no fact mentions) are advice.
    """
    problems = []
    try:
        registry = load_registry(project.registry_path)
    except RecordError as exc:
        registry_path = project.registry_path
        problems.extend(_relabel(p, registry_path, _display(registry_path, project.root)) for p in exc.problems)
        registry = None
    known = registry.ids if registry is not None else set()
    files = sorted(Path(project.facts_dir).glob("*.yaml")) if project.facts_dir.is_dir() else []
    for path in files:
        display = _display(path, project.root)
        try:
            article = read_source(path, project.root)
            record, warnings = load_record(path, article_text=article.text if article else None,
                                           known_entities=known)
        except RecordError as exc:
            problems.extend(_relabel(p, path, display) for p in exc.problems)
            continue
        problems.extend(_relabel(p, path, display) for p in warnings)
        problems.extend(_advice(record, display, project))
    return problems


def _display(path, root):
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def _relabel(problem, path, display):
    if problem.path == str(path):
        problem.path = display
    return problem


def _advice(record, display, project):
    out = []
    if not record.article.license:
        out.append(Problem(display, 1, 1, f"article `{record.article.slug}` has no known license",
                           "set `license:` in the article's front matter, index.csv or with --license; "
                           "until then only evidence sentences are published", "warning"))
    used = {f.speaker for f in record.facts} | {a for f in record.facts for a in f.about}
    for ent in record.entities:
        if ent.kind == "person" and ent.id not in used:
            out.append(Problem(display, 1, 1, f"person `{ent.id}` has no facts",
                               "add a fact about them, or remove the entity", "warning"))
    return out
