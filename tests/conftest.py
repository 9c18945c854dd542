"""Shared fixtures: the spaCy pipeline, throwaway projects, and one build of the example site.

Loading spaCy and building the example site are the slow steps, so each
happens once per test session; everything a test changes lives in its own
temporary folder.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from helpers import WIKINEWS, copy_project, invoke


@pytest.fixture(scope="session")
def nlp():
    """The English spaCy pipeline, loaded once (factsheet caches it per process)."""
    from factsheet.extract import load_pipeline

    return load_pipeline()


@pytest.fixture
def runner():
    """A CliRunner; ``result.stdout`` and ``result.stderr`` stay separate."""
    return CliRunner()


@pytest.fixture
def make_project(tmp_path):
    """Factory: ``make_project(articles, facts=True)`` makes a project in a fresh temp folder."""
    count = iter(range(1000))

    def make(articles=("un-chief-russia-first.txt", WIKINEWS), facts=True):
        return copy_project(tmp_path / f"project{next(count)}", list(articles), facts)

    return make


@pytest.fixture(scope="session")
def example_build(tmp_path_factory, nlp):
    """The example project copied and built once with ``factsheet build --strict``.

    Returns ``(project_root, result)``.  Tests read the site; none may change it.
    """
    root = copy_project(tmp_path_factory.mktemp("example") / "example")
    result = invoke(CliRunner(), "-C", root, "build", "--strict", "--jobs", "1")
    return root, result


@pytest.fixture(scope="session")
def example_site(example_build):
    """The ``site/`` folder of the example build (fails the test if the build failed)."""
    root, result = example_build
    assert result.exit_code == 0, result.output
    return root / "site"
