"""The fast paths give the same results as the slow ones.

Parallel extraction (``--jobs 2``) and extraction on a Dask cluster write the
same fact files, byte for byte, as a serial run; an incremental build (one
fact file edited, an article removed, one added) and a build whose pages are
shared between processes make the same site, pages and search index, as a
full serial build from the same files.  Nothing here is timed: the speed
figures come from ``benchmarks/run.py``.
"""

from __future__ import annotations

import csv
import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import cli
from factsheet.config import load_project
from factsheet.errors import RecordError
from factsheet.extract.batch import extract_paths
from factsheet.registry import load_registry
from factsheet.render import load_records
from factsheet.scaffold import init_project

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "content" / "articles"
#: a handful of the example articles: short news with quotes, figures and dates, and the seed article
ARTICLES = ("0206-bernie-sanders-wins-2020-nevada-caucuses.txt", "0267-russia-s-navalny-airlifted-to-germany.txt",
            "un-chief-russia-first.txt")
#: added to a built project in the incremental test
LATER = "0202-world-health-organization-names-new-coronavirus.txt"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def make_project(root, names=ARTICLES):
    """A new project holding ``names`` from the example articles, with their index.csv rows."""
    init_project(root, site_name="Perf paths")
    for name in names:
        add_article(root, name)
    return root


def add_article(root, name):
    target = root / "content" / "articles"
    shutil.copyfile(EXAMPLES / name, target / name)
    with open(EXAMPLES / "index.csv", newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        row = next(r for r in reader if r[0] == name)
    index = target / "index.csv"
    new = not index.exists()
    with open(index, "a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if new:
            writer.writerow(header)
        writer.writerow(row)


def fact_files(folder):
    return {p.name: p.read_bytes() for p in sorted(Path(folder).glob("*.yaml"))}


def site_files(site):
    """Every file of a built site; the sitemap's build date left out (it is today's date in any build)."""
    out = {}
    for path in sorted(Path(site).rglob("*")):
        if path.is_file():
            rel = path.relative_to(site).as_posix()
            data = path.read_bytes()
            if rel.endswith(".gz"):
                data = gzip.decompress(data)
            if rel.startswith("sitemap.xml"):
                data = re.sub(rb"<lastmod>[^<]*</lastmod>", b"", data)
            out[rel] = data
    return out


def assert_same_site(site, reference):
    ours, theirs = site_files(site), site_files(reference)
    assert sorted(ours) == sorted(theirs), (set(ours) ^ set(theirs))
    different = [rel for rel in ours if ours[rel] != theirs[rel]]
    assert not different, different[:10]


def full_build_copy(root, target):
    """The project's inputs copied to ``target`` and built in full with one process: the reference site."""
    target.mkdir()
    shutil.copytree(root / "content", target / "content")
    for name in ("mkdocs.yml", "factsheet.yml"):
        shutil.copy(root / name, target / name)
    result = invoke("-C", target, "build", "--full", "--jobs", "1")
    assert result.exit_code == 0, result.output
    return target / "site"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The handful of articles extracted serially once: the reference fact files."""
    root = make_project(tmp_path_factory.mktemp("serial") / "project")
    result = extract_paths([root / "content" / "articles"], root / "content" / "facts", root, jobs=1,
                           registry_path=root / "content" / "entities.yaml")
    assert not result.failed and len(result.written) == len(ARTICLES)
    return root


def copy_project(root, target):
    shutil.copytree(root, target, ignore=shutil.ignore_patterns("site", "build", ".site-*"))
    return target


# -- extraction ------------------------------------------------------------

def test_parallel_extraction_writes_the_serial_fact_files(extracted, tmp_path):
    out = tmp_path / "facts"
    result = extract_paths([extracted / "content" / "articles"], out, extracted, jobs=2,
                           registry_path=extracted / "content" / "entities.yaml")
    assert not result.failed
    # reported in the order of the articles, whichever worker finished first
    assert [p.name for p in result.written] == sorted(p.name for p in result.written)
    assert fact_files(out) == fact_files(extracted / "content" / "facts")


def test_dask_extraction_writes_the_serial_fact_files(extracted, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    out = tmp_path / "facts"
    with distributed.LocalCluster(processes=False, n_workers=2, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        result = invoke("-C", extracted, "extract", "--executor", "dask", "--scheduler",
                        cluster.scheduler_address, "--output", out, "--quiet")
    assert result.exit_code == 0, result.output
    assert fact_files(out) == fact_files(extracted / "content" / "facts")


def test_dask_executor_keeps_edits_and_reports_up_to_date_files(extracted, tmp_path):
    """Through the executor hook too, a re-extraction merges into edited files and skips unchanged articles."""
    distributed = pytest.importorskip("dask.distributed")
    from factsheet.distributed import DaskExecutor

    root = copy_project(extracted, tmp_path / "project")
    facts = root / "content" / "facts"
    edited = sorted(facts.glob("*.yaml"))[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace("status: draft", "status: reviewed", 1),
                      encoding="utf-8")
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=2,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        runner = DaskExecutor(client)
        skipped = extract_paths([root / "content" / "articles"], facts, root, executor=runner)
        forced = extract_paths([root / "content" / "articles"], facts, root, force=True, executor=runner)
    assert len(skipped.skipped) == len(ARTICLES) and not skipped.written
    assert not forced.failed and forced.written == []  # re-extracted, nothing to change
    assert "status: reviewed" in edited.read_text(encoding="utf-8")


def test_dask_needs_a_scheduler_address(extracted):
    pytest.importorskip("dask.distributed")
    result = invoke("-C", extracted, "extract", "--executor", "dask", "--force")
    assert result.exit_code == 1
    assert result.output == "Error: --executor dask needs the scheduler's address (pass --scheduler tcp://HOST:8786)\n"
    result = invoke("-C", extracted, "extract", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "--scheduler needs --executor dask" in result.output


# -- incremental builds ------------------------------------------------------

def build(root, *args):
    result = invoke("-C", root, "build", *args)
    assert result.exit_code == 0, result.output
    return result.output


def test_incremental_builds_make_the_full_build_site(extracted, tmp_path):
    root = copy_project(extracted, tmp_path / "project")
    first = build(root)
    assert "pages built: no previous build" in first

    # one fact file edited: a few pages rebuilt, the site equal to a full build's
    facts = root / "content" / "facts"
    edited = facts / "0267-russia-s-navalny-airlifted-to-germany.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("status: draft", "status: reviewed", 1),
                      encoding="utf-8")
    out = build(root)
    rebuilt, pages = map(int, re.search(r"\((\d+) of (\d+) pages rebuilt\)", out).groups())
    assert 0 < rebuilt < pages / 2
    assert "rendered" in out and not re.search(r"\(0 written", out)
    assert "✔ reviewed" in (root / "site" / "articles" / edited.stem / "index.html").read_text(encoding="utf-8")
    assert_same_site(root / "site", full_build_copy(root, tmp_path / "ref-edit"))

    # an article and its fact file removed: its pages leave the site and the search index
    gone = "0206-bernie-sanders-wins-2020-nevada-caucuses"
    (root / "content" / "articles" / f"{gone}.txt").unlink()
    (facts / f"{gone}.yaml").unlink()
    build(root)
    assert not (root / "site" / "articles" / gone).exists()
    assert f"articles/{gone}/".encode() not in (root / "site" / "search" / "search_index.json").read_bytes()
    assert_same_site(root / "site", full_build_copy(root, tmp_path / "ref-remove"))

    # an article added: extracted, and its pages built and indexed
    add_article(root, LATER)
    out = build(root)
    assert re.search(r"\(\d+ of \d+ pages rebuilt\)", out)
    assert f"articles/{Path(LATER).stem}/".encode() in (root / "site" / "search" / "search_index.json").read_bytes()
    assert_same_site(root / "site", full_build_copy(root, tmp_path / "ref-add"))

    # nothing changed: nothing written, nothing rebuilt
    out = build(root)
    assert "(0 written, 0 removed)" in out and re.search(r"\(0 of \d+ pages rebuilt\)", out)


def test_incremental_build_never_writes_into_the_last_site(extracted, tmp_path):
    """The last site goes into the new one as hard links; a page written through one would change it."""
    root = copy_project(extracted, tmp_path / "project")
    build(root)
    before = site_files(root / "site")
    shutil.copytree(root / "site", tmp_path / "links", copy_function=os.link)
    edited = sorted((root / "content" / "facts").glob("*.yaml"))[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace("status: draft", "status: reviewed", 1),
                      encoding="utf-8")
    out = build(root)
    assert re.search(r"\(\d+ of \d+ pages rebuilt\)", out)
    assert site_files(root / "site") != before
    assert site_files(tmp_path / "links") == before


def test_incremental_pagefind_build_indexes_the_changed_site(extracted, tmp_path):
    pytest.importorskip("pagefind")
    root = copy_project(extracted, tmp_path / "project")
    (root / "factsheet.yml").write_text("search: pagefind\n", encoding="utf-8")
    build(root)
    (root / "content" / "articles" / ARTICLES[0]).unlink()
    (root / "content" / "facts" / f"{Path(ARTICLES[0]).stem}.yaml").unlink()
    out = build(root)
    assert re.search(r"\(\d+ of \d+ pages rebuilt\)", out)
    assert not (root / "site" / "search" / "search_index.json").exists()
    reference = full_build_copy(root, tmp_path / "ref")
    ours, theirs = site_files(root / "site"), site_files(reference)
    # pages equal; Pagefind indexed the same pages (its file names are hashes of their content)
    assert {k: v for k, v in ours.items() if not k.startswith("pagefind/")} == \
        {k: v for k, v in theirs.items() if not k.startswith("pagefind/")}
    assert sorted(k for k in ours if k.startswith("pagefind/")) == sorted(k for k in theirs if k.startswith("pagefind/"))


def test_strict_incremental_build_passes(extracted, tmp_path):
    """MkDocs warns about its own dirty builds; factsheet completes them, so --strict must not fail on that."""
    root = copy_project(extracted, tmp_path / "project")
    build(root, "--strict")
    edited = sorted((root / "content" / "facts").glob("*.yaml"))[-1]
    edited.write_text(edited.read_text(encoding="utf-8").replace("status: draft", "status: reviewed", 1),
                      encoding="utf-8")
    out = build(root, "--strict")
    assert re.search(r"\(\d+ of \d+ pages rebuilt\)", out) and "dirty" not in out


def test_changed_configuration_rebuilds_every_page(extracted, tmp_path):
    root = copy_project(extracted, tmp_path / "project")
    build(root)
    mkdocs_yml = root / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8").replace('site_name: "Perf paths"',
                                                                         'site_name: "Renamed"'), encoding="utf-8")
    out = build(root)
    assert "pages built: mkdocs.yml, factsheet.yml, the theme or a package changed" in out
    credits = (root / "site" / "credits" / "index.html").read_text(encoding="utf-8")
    assert "Renamed" in credits and "Perf paths" not in credits
    out = build(root, "--full")
    assert re.search(r"\(all \d+ pages built\)", out)


def test_other_plugins_are_built_in_full(extracted, tmp_path):
    """factsheet completes dirty builds for the search plugins only; others may write files it does not know."""
    root = copy_project(extracted, tmp_path / "project")
    mkdocs_yml = root / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8").replace("plugins:\n  - search\n",
                                                                         "plugins:\n  - search\n  - tags\n"),
                          encoding="utf-8")
    build(root)
    out = build(root)
    assert re.search(r"\(all \d+ pages built: plugins other than search \([\w/]*tags\) are always built in full\)",
                     out), out


# -- parallel site build -------------------------------------------------------

def test_pages_shared_between_processes_make_the_serial_site(extracted, tmp_path):
    root = copy_project(extracted, tmp_path / "project")
    # a real `factsheet build --jobs 2` in its own process, sharing even this small site's pages
    command = [sys.executable, "-c", "import sys, factsheet.site as s; s.PARALLEL_MIN_PAGES = 1; "
               "from factsheet.cli import cli; cli(sys.argv[1:])", "-C", str(root), "build", "--jobs", "2"]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert_same_site(root / "site", full_build_copy(root, tmp_path / "ref"))


# -- validated records kept between builds ------------------------------------

def test_record_cache_gives_the_records_and_still_catches_edits(extracted, tmp_path):
    root = copy_project(extracted, tmp_path / "project")
    facts, cache = root / "content" / "facts", root / "build" / "records-cache.json"
    registry = load_registry(root / "content" / "entities.yaml")
    plain, _ = load_records(facts, root, registry)
    first, _ = load_records(facts, root, registry, cache=cache)
    assert cache.is_file()
    cached, _ = load_records(facts, root, registry, cache=cache)
    assert [r for r, _ in cached] == [r for r, _ in first] == [r for r, _ in plain]
    assert [a for _, a in cached] == [a for _, a in plain]
    # an edit that breaks a file is found although the file was cached
    broken = sorted(facts.glob("*.yaml"))[0]
    broken.write_text(broken.read_text(encoding="utf-8").replace("status: draft", "status: maybe", 1),
                      encoding="utf-8")
    with pytest.raises(RecordError):
        load_records(facts, root, registry, cache=cache)


def test_build_reports_timings(extracted, tmp_path):
    root = copy_project(extracted, tmp_path / "project")
    out = build(root, "--timings", "--quiet")
    assert re.fullmatch(r"timings \(seconds\): extract [\d.]+, render [\d.]+, mkdocs [\d.]+, search [\d.]+, "
                        r"total [\d.]+\n", out)
    assert load_project(root).site_dir.is_dir()
