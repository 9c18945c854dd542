"""Paths and helpers the test modules share (fixtures are in conftest.py)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

from factsheet.cli import cli

#: the repository root (the example project lives here)
REPO = Path(__file__).resolve().parent.parent
#: test inputs and expected outputs
DATA = Path(__file__).resolve().parent / "data"
#: the seed article, from ../shared/seeds (copied: CI may not have ../shared)
SEED = DATA / "un-chief-russia-first.txt"
SEED_GOLD = DATA / "un-chief-russia-first.gold.yaml"
#: the seed's publication date, which the article text does not carry
SEED_DATE = "2022-04-25"
#: a Wikinews article of the example site (blank-line paragraphs, CC BY 2.5)
WIKINEWS = "0267-russia-s-navalny-airlifted-to-germany.txt"


#: an index.csv giving the seed its metadata (title, date, publisher, license)
SEED_INDEX = ("file,title,date,publisher,url,license\n"
              "un-chief-russia-first.txt,\"No significance to UN chief’s stop in Russia first, spokesman says\","
              "2022-04-25,The Hill,,All rights reserved\n")


def invoke(runner, *args, input=None):
    """Run ``factsheet ARGS...`` in-process and return the Click result."""
    return runner.invoke(cli, [str(a) for a in args], input=input, prog_name="factsheet")


def copy_project(target, articles=None, facts=True):
    """Copy the example project (or only some ``articles``) into ``target``; return ``target``.

    :param articles: article file names from ``content/articles/``; None copies all
    :param facts: also copy the committed fact files of those articles
    """
    target = Path(target)
    source = REPO / "content" / "articles"
    (target / "content" / "articles").mkdir(parents=True)
    (target / "content" / "facts").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    names = articles if articles is not None else sorted(
        p.name for p in source.iterdir() if p.suffix == ".txt")
    for name in names:
        shutil.copy(source / name, target / "content" / "articles" / name)
        fact_file = REPO / "content" / "facts" / f"{Path(name).stem}.yaml"
        if facts and fact_file.is_file():
            shutil.copy(fact_file, target / "content" / "facts" / fact_file.name)
    with (source / "index.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    with (target / "content" / "articles" / "index.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(rows[0])
        writer.writerows(row for row in rows[1:] if row[0] in names)
    return target


def seed_project(root, mkdocs=False):
    """A project in ``root`` holding only the seed article and its index.csv (and the repository's mkdocs.yml)."""
    articles = Path(root) / "content" / "articles"
    articles.mkdir(parents=True)
    shutil.copy(SEED, articles / SEED.name)
    (articles / "index.csv").write_text(SEED_INDEX, encoding="utf-8")
    if mkdocs:
        shutil.copy(REPO / "mkdocs.yml", Path(root) / "mkdocs.yml")
    return Path(root)


def git(*args, cwd):
    """Run git in ``cwd``; return its output (a failure fails the test)."""
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def git_repo_with_origin(root, remote):
    """Make ``root`` a git repository whose ``origin`` is a new real bare repository at ``remote``."""
    git("init", "--bare", "-q", str(remote), cwd=Path(remote).parent)
    git("init", "-q", cwd=root)
    git("config", "user.name", "Fact Checker", cwd=root)
    git("config", "user.email", "checker@example.org", cwd=root)
    git("remote", "add", "origin", str(remote), cwd=root)
    return root, remote
