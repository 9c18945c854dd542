"""The ``factsheet`` command line: thin Click commands over the stage modules.

Every command exits 0 on success, 1 with a one-line ``Error: ...`` on bad
input or a failed step, and 2 on usage errors.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from . import __version__
from .config import load_project
from .errors import FactsheetError, RecordError


def _fail(exc):
    raise click.ClickException(str(exc))


def _iso_date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factsheet")
@click.option("--project", "-C", "project_dir", default=".", show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path), help="The project folder to work in.")
@click.pass_context
def cli(ctx, project_dir):
    """Turn news articles into YAML fact records and a searchable fact-sheet website.

    The pipeline runs extract (articles -> content/facts/*.yaml), render
    (fact files -> Markdown pages) and MkDocs (pages -> site/). `factsheet build`
    runs all three.
    """
    try:
        ctx.obj = load_project(project_dir)
    except FactsheetError as exc:
        _fail(exc)


# -- extract ---------------------------------------------------------------

def _run_extract(project, paths, output, date=None, force=False, jobs=None, dry_run=False, quiet=False,
                 license=None, stdin_bytes=None, executor=None):
    from .extract.batch import default_jobs, extract_paths

    jobs = jobs or default_jobs()
    bar = {"bar": None}

    def on_plan(total):
        if not quiet and total > 1 and sys.stderr.isatty():
            bar["bar"] = click.progressbar(length=total, label="Extracting", file=sys.stderr)
            bar["bar"].__enter__()

    def progress(n):
        if bar["bar"] is not None:
            bar["bar"].update(n)

    try:
        result = extract_paths(paths, output, project.root, date=date, force=force, jobs=jobs,
                               themes=project.settings.topics, registry_path=project.registry_path,
                               dry_run=dry_run, stdin_bytes=stdin_bytes, license=license,
                               progress=progress, on_plan=on_plan, executor=executor)
    finally:
        if bar["bar"] is not None:
            bar["bar"].__exit__(None, None, None)
    return result


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the fact files.  [default: content/facts]")
@click.option("--date", callback=_iso_date,
              help="Publication date (YYYY-MM-DD); wins over the articles' own and index.csv's.")
@click.option("--license", "license_", help="License of articles that state none (e.g. \"CC BY 4.0\").")
@click.option("--force", is_flag=True, help="Re-extract even when a fact file is up to date (edits are kept).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes.  [default: all cores]")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: this machine, or a Dask cluster.")
@click.option("--scheduler", help="Dask scheduler address (tcp://host:8786) for --executor dask.")
@click.option("--dry-run", is_flag=True, help="Show what would change (added, replaced, kept) without writing.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.pass_obj
def extract(project, paths, output, date, license_, force, jobs, executor, scheduler, dry_run, quiet):
    """Extract fact records from articles (files or folders; default content/articles/).

    Writes one YAML file per article, named after the article's file stem.
    Articles whose fact file is up to date (same sha256) are skipped. Use `-`
    to read one article from standard input. Facts you marked reviewed or
    rejected, and facts you added, are never overwritten.
    """
    output = output or project.facts_dir
    stdin_bytes = None
    if any(str(p) == "-" for p in paths):
        if len(paths) > 1:
            raise click.UsageError("`-` (standard input) cannot be combined with other paths")
        from .articles import MAX_ARTICLE_BYTES

        with click.open_file("-", "rb") as stdin:  # bytes: the reader detects the encoding
            # one byte over the limit is enough to refuse it: memory stays bounded
            stdin_bytes = stdin.read(MAX_ARTICLE_BYTES + 1)
    paths = list(paths) or [project.articles_dir]
    runner = None
    if executor == "dask":
        from .distributed import DaskExecutor

        try:
            runner = DaskExecutor(scheduler)
        except FactsheetError as exc:
            _fail(exc)
    elif scheduler:
        raise click.UsageError("--scheduler needs --executor dask")
    try:
        result = _run_extract(project, paths, output, date, force, jobs, dry_run, quiet, license_, stdin_bytes,
                              runner)
    except FactsheetError as exc:
        _fail(exc)
    finally:
        if runner is not None:
            runner.close()
    from .check import display_path

    for target, summary in result.summaries.items():
        name = display_path(target, project.root)
        if dry_run:
            if target in result.written:
                click.echo(f"{name}: would write ({summary.line()})")
                for line in summary.details():
                    click.echo(line)
            elif not quiet:
                click.echo(f"{name}: no change")
        elif not quiet and target in result.written:
            click.echo(f"{name}: {summary.line()}")
    if not quiet:
        verb = "would write" if dry_run else "wrote"
        click.echo(f"{verb} {len(result.written)}, unchanged {len(result.unchanged)}, "
                   f"up to date {len(result.skipped)}, failed {len(result.failed) + len(result.invalid)}", err=True)
    failed = result.failed + result.invalid
    if failed:
        _report_failures(failed, f"{len(failed)} article(s) failed: " + ", ".join(name for name, _ in failed))


def _report_failures(failed, summary):
    """One failed article is the error itself; several are listed, one a line, then counted."""
    if len(failed) == 1:
        raise click.ClickException(failed[0][1])
    for _, message in failed:
        click.echo(message, err=True)
    raise click.ClickException(summary)


# -- add -------------------------------------------------------------------

@cli.command()
@click.argument("urls", nargs=-1, required=True)
@click.option("--date", callback=_iso_date, help="Publication date (YYYY-MM-DD); wins over the page's.")
@click.option("--license", "license_", help="License of pages that state none (e.g. \"CC BY 4.0\").")
@click.option("--force", is_flag=True, help="Fetch again an address already added, overwriting its article.")
@click.option("--no-extract", is_flag=True, help="Only save the articles; don't extract their facts.")
@click.option("--timeout", type=click.FloatRange(min=1), default=20, show_default=True,
              help="Seconds to wait for a page.")
@click.option("--wait", type=click.FloatRange(min=0), default=1, show_default=True,
              help="Seconds to pause between two requests.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.pass_obj
def add(project, urls, date, license_, force, no_extract, timeout, wait, quiet):
    """Fetch news pages and add them to content/articles/, then extract their facts.

    Each page's article text and metadata (title, date, author, site name,
    canonical URL, license) are saved as Markdown with front matter, with the
    address and the fetch date; boilerplate is left out.  Pages are fetched
    one at a time.  An address already added is skipped unless --force.
    """
    from .fetch import Fetcher, add_page, existing_sources

    fetcher = Fetcher(timeout=timeout, wait=wait)
    known = existing_sources(project.articles_dir)
    saved, failed = [], []
    for url in urls:
        try:
            added = add_page(fetcher, url, project.articles_dir, date=date, license=license_, force=force,
                             known=known)
        except FactsheetError as exc:
            failed.append(url)
            click.echo(f"Error: {exc}", err=True)
            continue
        shown = _relative(added.path, project.root)
        if added.status == "exists":
            if not quiet:
                click.echo(f"{url}: already added as {shown} (use --force to fetch it again)")
            continue
        saved.append(added.path)
        if not quiet:
            click.echo(f"{url}: saved {shown}")
    if saved and not no_extract:
        try:
            result = _run_extract(project, saved, project.facts_dir, date=date, quiet=quiet, license=license_,
                                  jobs=1)
        except FactsheetError as exc:
            _fail(exc)
        for target, summary in result.summaries.items():
            if not quiet and target in result.written:
                click.echo(f"{_relative(target, project.root)}: {summary.line()}")
        for _, message in result.failed + result.invalid:
            click.echo(f"Error: {message}", err=True)
        failed.extend(name for name, _ in result.failed + result.invalid)
    if failed:
        raise click.ClickException(f"{len(failed)} page(s) failed: {', '.join(failed)}")


def _relative(path, root):
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


# -- render ----------------------------------------------------------------

def _load_site(project, jobs=None, cache=False):
    """The site model of ``project``.

    :param cache: keep validated records in ``build/records-cache.json`` (for
        commands that write into ``build/`` anyway), so that a rebuild validates
        only the fact files that changed
    """
    from .extract.batch import default_jobs
    from .registry import load_registry
    from .render import build_site_data, load_records

    registry = load_registry(project.registry_path)
    loaded, warnings = load_records(project.facts_dir, project.root, registry,
                                    cache=project.root / "build" / "records-cache.json" if cache else None,
                                    jobs=jobs or default_jobs())
    settings = project.settings
    site = build_site_data(loaded, registry, settings.open_licenses, settings.topics,
                           excerpt_share=settings.excerpt_share, credits=settings.credits)
    site.warnings = warnings
    return site


def _run_render(project, output=None, quiet=False, jobs=None):
    from .render import render_site

    if output is not None:
        _check_output_folder(project, output)
    own_pages = output is None or _same_folder(output, project.pages_dir)
    site = _load_site(project, jobs, cache=own_pages)
    title = project.settings.title or _site_name(project) or "Fact sheet"
    result = render_site(site, output or project.pages_dir, project.templates_dir, title, project.settings.search,
                         prune_all=output is None or _same_folder(output, project.pages_dir))
    if not quiet:
        click.echo(f"rendered {result.total} pages ({len(result.written)} written, "
                   f"{len(result.removed)} removed)", err=True)
    return site, result


def _same_folder(a, b):
    return Path(a).resolve() == Path(b).resolve()


def _check_output_folder(project, output):
    """Refuse an ``--output`` folder that holds, or lies inside, the articles, fact files or templates.

    Pages are named after articles (``articles/SLUG.md``): rendered into
    ``content/``, one could replace the Markdown article it was made from.
    """
    from .paths import is_inside

    for folder in (project.articles_dir, project.facts_dir, project.templates_dir):
        if is_inside(output, folder) or is_inside(folder, output):
            raise FactsheetError(f"{output}: refusing to render pages there, it holds or is inside {folder} "
                                 "(choose a folder of its own, e.g. build/pages)")


def _site_name(project):
    import yaml

    try:
        text = project.mkdocs_yml.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.startswith("site_name:"):
                return yaml.safe_load(line).get("site_name")
    except (OSError, yaml.YAMLError, AttributeError):
        return None
    return None


def _require_valid(project, strict=False, quiet=False, action="published", jobs=None, cache=False):
    """Run `factsheet check`'s validation; refuse (exit 1) on errors, or on warnings with ``strict``.

    Every problem is printed first, one line each, so the person sees all of
    them and which files they are in.

    :param cache: keep the results in ``build/check-cache.json`` (for builds, which
        write into ``build/`` anyway), so that the next build checks only what changed
    """
    from .check import check_project
    from .extract.batch import default_jobs

    problems = check_project(project, cache=project.root / "build" / "check-cache.json" if cache else None,
                             jobs=jobs or default_jobs())
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    for problem in errors + (warnings if strict or not quiet else []):
        click.echo(str(problem), err=True)
    if errors:
        files = list(dict.fromkeys(p.path for p in errors))
        raise click.ClickException(f"{len(errors)} error(s) in {', '.join(files)}; nothing was {action} "
                                   "(run `factsheet check` for the list)")
    if strict and warnings:
        raise click.ClickException(f"{len(warnings)} warning(s) in the fact files (strict mode)")


def _report_record_error(exc):
    for problem in getattr(exc, "problems", []):
        if problem.severity == "error":
            click.echo(str(problem), err=True)
    _fail(exc)


@cli.command()
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the Markdown pages.  [default: build/pages]")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.pass_obj
def render(project, output, quiet):
    """Render the fact files into Markdown pages (Jinja templates)."""
    from .site import project_lock

    try:
        with project_lock(project.root):  # a build running at the same time renders the same pages
            _require_valid(project, quiet=quiet, action="rendered")
            _run_render(project, output, quiet)
    except RecordError as exc:
        _report_record_error(exc)
    except FactsheetError as exc:
        _fail(exc)


# -- build -----------------------------------------------------------------

@cli.command()
@click.option("--strict", is_flag=True, help="Fail on warnings (from factsheet check or MkDocs).")
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help="Processes that extract articles and build pages.  [default: all cores]")
@click.option("--full", is_flag=True,
              help="Rebuild every page of the site (by default only pages whose Markdown changed are rebuilt).")
@click.option("--dirty", is_flag=True, hidden=True,
              help="Kept for old scripts: builds are incremental by default.")
@click.option("--timings", is_flag=True, help="Print the seconds each stage took.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.pass_obj
def build(project, strict, jobs, full, dirty, timings, quiet):
    """Extract what changed, render the pages and build the site into site/.

    Only articles whose fact file is out of date are extracted, only pages
    whose content changed are written, and MkDocs rebuilds only those pages
    (the site, its links and its search index are the same as a full build's).
    A full build runs when there is no previous one, when mkdocs.yml,
    factsheet.yml or the theme changed, or with --full.
    """
    import time

    from .site import build_site, project_lock

    clock = {"started": time.monotonic()}

    def lap(name):
        now = time.monotonic()
        clock[name] = now - clock.get("last", clock["started"])
        clock["last"] = now

    try:
        with project_lock(project.root):
            clock["last"] = time.monotonic()
            if project.articles_dir.is_dir():
                try:
                    result = _run_extract(project, [project.articles_dir], project.facts_dir, jobs=jobs,
                                          quiet=quiet)
                except RecordError:
                    # content/entities.yaml has errors: the check below lists them with everything else
                    _require_valid(project, strict=strict, quiet=quiet, jobs=jobs, cache=True)
                    raise
                if result.failed:
                    _report_failures(result.failed, f"{len(result.failed)} article(s) failed to extract")
            lap("extract")
            # fact files with errors were left alone by extraction; the check names every problem in them
            _require_valid(project, strict=strict, quiet=quiet, jobs=jobs, cache=True)
            site, _ = _run_render(project, quiet=quiet, jobs=jobs)
            del site  # the site model of a large archive is big; MkDocs needs the memory
            lap("render")
            from .extract.batch import default_jobs

            report = build_site(project, strict=strict, dirty=not full, jobs=jobs or default_jobs())
            clock["mkdocs"], clock["search"] = report.mkdocs_seconds, report.search_seconds
    except RecordError as exc:
        _report_record_error(exc)
    except FactsheetError as exc:
        _fail(exc)
    if not quiet:
        how = (f"{report.rebuilt} of {report.pages} pages rebuilt" if report.incremental
               else f"all {report.pages} pages built{f': {report.full_reason}' if report.full_reason else ''}")
        click.echo(f"built {project.site_dir} in {report.seconds:.1f}s ({how})", err=True)
    if timings:
        total = time.monotonic() - clock["started"]
        stages = ", ".join(f"{name} {clock[name]:.2f}" for name in ("extract", "render", "mkdocs", "search"))
        click.echo(f"timings (seconds): {stages}, total {total:.2f}", err=True)


# -- serve -----------------------------------------------------------------

def _host_port(ctx, param, value):
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise click.BadParameter(f"{value!r} is not HOST:PORT, e.g. 127.0.0.1:8000")
    return value


@cli.command()
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True, callback=_host_port,
              help="Address to serve on (HOST:PORT).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.pass_obj
def serve(project, dev_addr, open_browser):
    """Serve the site with live reload; re-renders when an article, fact file or template changes."""
    from .site import serve as serve_site

    def rerender():
        if project.articles_dir.is_dir():
            _run_extract(project, [project.articles_dir], project.facts_dir, quiet=True)
        _run_render(project, quiet=True)

    try:
        rerender()
        serve_site(project, rerender, dev_addr=dev_addr, open_browser=open_browser)
    except RecordError as exc:
        _report_record_error(exc)
    except FactsheetError as exc:
        _fail(exc)


# -- check -----------------------------------------------------------------

@cli.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.pass_obj
def check(project, strict):
    """Validate every fact file and the entity registry; report all problems.

    Each problem is one line: FILE:LINE:COL: what is wrong (how to fix it).
    """
    from .check import check_project

    try:
        problems = check_project(project)
    except FactsheetError as exc:
        _fail(exc)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    for problem in problems:
        click.echo(str(problem))
    if errors or (strict and warnings):
        raise click.ClickException(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    click.echo(f"ok: {len(warnings)} warning(s)", err=True)


# -- entities --------------------------------------------------------------

@cli.command()
@click.option("--format", "format_", type=click.Choice(["table", "yaml"]), default="table", show_default=True,
              help="table: every entity and the likely duplicates; yaml: the duplicates as entries to paste "
                   "into content/entities.yaml.")
@click.option("--kind", type=click.Choice(["person", "organization", "place", "other"]),
              help="Only entities of this kind.")
@click.pass_obj
def entities(project, format_, kind):
    """List the entities of the whole site with counts, and suggest likely duplicates to merge.

    Counts are after content/entities.yaml is applied: ARTICLES is how many
    articles name the entity, FACTS how many facts it said or is about.
    Likely duplicates are names under different ids that look like one
    entity (same name, a surname of a full name, a title before a name, an
    acronym of a name); merge them by pasting the `--format yaml` output
    into content/entities.yaml.
    """
    from .check import load_checked
    from .registry import entity_counts, suggest_merges, suggestions_yaml

    problems, records, registry = load_checked(project)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        for problem in errors:
            click.echo(str(problem), err=True)
        files = list(dict.fromkeys(p.path for p in errors))
        raise click.ClickException(f"{len(errors)} error(s) in {', '.join(files)} (fix them first; "
                                   "`factsheet check` lists them)")
    counted = entity_counts(records, registry)
    if kind:
        counted = [e for e in counted if e.kind == kind]
    suggestions = suggest_merges(counted)
    if format_ == "yaml":
        click.echo(suggestions_yaml(suggestions, registry), nl=False)
        return
    for line in entity_table(counted):
        click.echo(line)
    click.echo("")
    if not suggestions:
        click.echo("No likely duplicates.")
        return
    click.echo(f"Likely duplicates ({len(suggestions)}): merge them in content/entities.yaml "
               "(`factsheet entities --format yaml` writes the entries)")
    for suggestion in suggestions:
        for other, reason in zip(suggestion.others, suggestion.reasons):
            click.echo(f"  {other.id} -> {suggestion.keep.id}: {reason}")


def entity_table(counted):
    """The lines of the ``factsheet entities`` table: id, kind, counts, name and other names."""
    rows = [("ID", "KIND", "ARTICLES", "FACTS", "NAME", "ALSO CALLED")]
    for e in counted:
        name = e.name + (" (hidden)" if e.hidden else "")
        rows.append((e.id, e.kind, str(len(e.articles)), str(e.facts), name, ", ".join(e.aliases)))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2].rjust(widths[2]),
                 row[3].rjust(widths[3]), row[4].ljust(widths[4]), row[5]]
        yield "  ".join(cells).rstrip()


# -- export ----------------------------------------------------------------

@cli.command()
@click.option("--format", "-f", "fmt", type=click.Choice(["json", "csv", "jsonl"]), default="json",
              show_default=True, help="json: every record; csv and jsonl: one row a fact.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write.  [default: stdout]")
@click.pass_obj
def export(project, fmt, output):
    """Write every fact as JSON, CSV or JSON Lines (what the site publishes as facts.*)."""
    from .paths import write_atomic
    from .render import export_text

    try:
        text = export_text(_load_site(project), fmt)
    except RecordError as exc:
        _report_record_error(exc)
    except FactsheetError as exc:
        _fail(exc)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)


# -- deploy ----------------------------------------------------------------

@cli.command()
@click.option("--remote", default="origin", show_default=True, help="Git remote to push to.")
@click.option("--branch", default="gh-pages", show_default=True, help="Branch that holds the published site.")
@click.option("--message", "-m", help="Commit message.  [default: Publish fact sheet site]")
@click.pass_obj
def deploy(project, remote, branch, message):
    """Publish site/ to the gh-pages branch of a git remote (for GitHub Pages).

    Run `factsheet build` first. The branch is replaced by one commit holding
    exactly site/ (with .nojekyll), the way `mkdocs gh-deploy` does it. Refuses
    to publish when a file of the site holds text of an article whose license
    is not open beyond the excerpts factsheet grants it (`excerpt_share`), for
    instance from a template or a site built with other settings. Articles with
    no known license are named first: only excerpts of them are published.
    """
    from .registry import load_registry
    from .render import closed_texts, load_records
    from .site import deploy as deploy_site
    from .site import find_leaks

    try:
        leaks = []
        if project.site_dir.is_dir():
            loaded, _ = load_records(project.facts_dir, project.root, load_registry(project.registry_path))
            for record, _ in loaded:
                if not record.article.license:
                    click.echo(f"warning: article `{record.article.slug}` has no known license: only excerpts of "
                               "it are published (run `factsheet check`)", err=True)
            closed = closed_texts(loaded, project.settings.open_licenses, project.settings.excerpt_share)
            leaks = find_leaks(project.site_dir, closed)
        deploy_site(project, remote=remote, branch=branch, message=message, leaks=leaks)
    except RecordError as exc:
        _report_record_error(exc)
    except FactsheetError as exc:
        _fail(exc)
    click.echo(f"published {project.site_dir} to {remote}/{branch}", err=True)


# -- init ------------------------------------------------------------------

@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The site's title.  [default: from the folder name]")
def init(directory, name):
    """Create a new fact-sheet project in DIRECTORY (content folders, mkdocs.yml, CI workflow).

    Never overwrites a file. Then add articles to content/articles/ and run
    `factsheet build`.
    """
    from .scaffold import init_project

    try:
        written = init_project(directory, site_name=name)
    except FactsheetError as exc:
        _fail(exc)
    for rel in written:
        click.echo(f"created {directory / rel}")
    click.echo(f"next: add articles to {directory / 'content' / 'articles'}, then "
               f"`factsheet -C {directory} build` and `factsheet -C {directory} deploy`", err=True)


def main():  # pragma: no cover - console entry point
    cli()
