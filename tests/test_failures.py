"""Failures (issue 7): MkDocs failing, templates failing, builds killed or run twice at once.

Whatever fails, the person sees one ``Error:`` line naming the file and
line to fix, never a traceback, and the site already published stays as it
was.  Two ``factsheet build`` runs on one project, in two real processes,
take turns (a lock) and leave a complete site.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from factsheet.site import project_lock

from helpers import REPO, WIKINEWS, copy_project, invoke

ARTICLES = ["un-chief-russia-first.txt", WIKINEWS, "0202-world-health-organization-names-new-coronavirus.txt"]


def tree(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in Path(folder).rglob("*") if p.is_file()}


def run(root, *args, timeout=600):
    """``factsheet ARGS`` in a process of its own, on the code under test."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "factsheet", "-C", str(root), *args], capture_output=True,
                          text=True, env=env, timeout=timeout)


def start(root, *args):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    return subprocess.Popen([sys.executable, "-m", "factsheet", "-C", str(root), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A small project built once; each test breaks a copy of it."""
    root = copy_project(tmp_path_factory.mktemp("built") / "p", ["un-chief-russia-first.txt"])
    from click.testing import CliRunner

    result = invoke(CliRunner(), "-C", root, "build", "-q", "-j", "1")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def project(built, tmp_path):
    root = tmp_path / "p"
    shutil.copytree(built, root)
    return root


def fails_in_one_line_and_keeps_the_site(runner, root, expected_start):
    site = tree(root / "site")
    result = invoke(runner, "-C", root, "build", "-q", "-j", "1")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"Error: {expected_start}"), result.stderr
    assert tree(root / "site") == site  # the previous site, every byte of it
    assert not list(root.glob(".site-*"))  # no half-built site left behind
    return result.stderr


# -- MkDocs failing ----------------------------------------------------------------------------

def _line(text, needle):
    return text[:text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("old, new, message", [
    ("use_directory_urls: true", "use_directory_urls: [true",
     "invalid MkDocs configuration: MkDocs encountered an error parsing the configuration file"),
    ("  - search\n", "  - nosuchplugin\n",
     "invalid MkDocs configuration: Config value 'plugins': The \"nosuchplugin\" plugin is not installed"),
    ("  - attr_list\n", "  - nosuchextension\n",
     "invalid MkDocs configuration: Config value 'markdown_extensions': Failed to load extension 'nosuchextension'"),
    ("use_directory_urls: true", "use_directory_urls: maybe",
     "invalid MkDocs configuration: Config value 'use_directory_urls': Expected type: <class 'bool'>"),
    ("  name: material\n", "  name: nosuchtheme\n",
     "invalid MkDocs configuration: Config value 'theme': Unrecognised theme name: 'nosuchtheme'"),
])
def test_a_broken_mkdocs_yml_is_one_line_naming_its_line(runner, project, old, new, message):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")
    broken = config.read_text(encoding="utf-8")
    key = new.split(":")[0].strip("- \n")
    line = {"use_directory_urls": _line(broken, "use_directory_urls"), "nosuchplugin": _line(broken, "plugins:"),
            "nosuchextension": _line(broken, "markdown_extensions:"), "name": _line(broken, "theme:")}[key]
    if "[true" in new:  # a YAML syntax error: where the parser gave up
        line = _line(broken, "use_directory_urls") + 2
    error = fails_in_one_line_and_keeps_the_site(runner, project, f"{config}:{line}: {message}")
    assert error.endswith(" (fix mkdocs.yml)\n")


OVERRIDES = {
    "syntax": ("main.html", '{% extends "base.html" %}\n{% block content %}\n{% for x in %}\n{% endblock %}\n', 3,
               "template error: Expected an expression, got 'end of statement block'"),
    "filter": ("main.html", '{% extends "base.html" %}\n{% block content %}\n\n{{ page.title | nosuch }}\n'
                            '{% endblock %}\n', 4, "template error: No filter named 'nosuch'."),
    "undefined": ("main.html", '{% extends "base.html" %}\n{% block content %}\n{{ page.nosuch.title }}\n'
                               '{% endblock %}\n', 3, "template error: 'mkdocs.structure.pages.Page object' has no "
                                                      "attribute 'nosuch'"),
    "exception": ("partials/footer.html", "<footer>\n{{ 1 / 0 }}\n</footer>\n", 2,
                  "template error: ZeroDivisionError: division by zero"),
}


@pytest.mark.parametrize("case", sorted(OVERRIDES))
def test_an_error_in_an_overridden_theme_template_names_its_file_and_line(runner, project, case):
    name, text, line, message = OVERRIDES[case]
    overrides = project / "overrides"
    (overrides / name).parent.mkdir(parents=True, exist_ok=True)
    (overrides / name).write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n",
                                                                 "  name: material\n  custom_dir: overrides\n"),
                      encoding="utf-8")
    error = fails_in_one_line_and_keeps_the_site(runner, project, f"{overrides / name}:{line}: {message}")
    assert error.endswith(" (fix the overridden template)\n")


def test_a_hook_that_raises_names_its_file_and_line(runner, project):
    (project / "hooks.py").write_text("def on_page_markdown(markdown, **kwargs):\n"
                                      "    raise ValueError('the hook broke')\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks.py\n", encoding="utf-8")
    fails_in_one_line_and_keeps_the_site(runner, project, f"{project / 'hooks.py'}:2: the site build failed: "
                                                          "ValueError: the hook broke")


@pytest.mark.parametrize("text, line, message", [
    ("# Quotes\n\n{% for x in %}\n", 3, "template error: Expected an expression"),
    ("# Quotes\n\n{{ no_such_variable }}\n", 3, "template error: 'no_such_variable' is undefined"),
    ("# Quotes\n\n\n{{ 1 / 0 }}\n", 4, "template error: ZeroDivisionError: division by zero"),
    ("# Quotes\n{{ title|number }}\n", 2, "template error: ValueError: invalid literal for int()"),
])
def test_an_error_in_a_project_template_names_its_file_and_line(runner, project, text, line, message):
    (project / "templates").mkdir()
    template = project / "templates" / "quotes.md.j2"
    template.write_text(text, encoding="utf-8")
    error = fails_in_one_line_and_keeps_the_site(runner, project, f"{template}:{line}: {message}")
    assert error.endswith(" (fix the template or delete it to use the default)\n")


# -- builds killed, builds at once -----------------------------------------------------------

def test_a_build_killed_midway_leaves_the_old_site_and_the_next_one_cleans_up(project):
    site = tree(project / "site")
    (project / "content" / "facts" / "un-chief-russia-first.yaml").unlink()  # so the build has work to do
    process = start(project, "build", "-q", "-j", "1")
    deadline = time.monotonic() + 300
    while not list(project.glob(".site-*")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the build ended before MkDocs started"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert list(project.glob(".site-*"))  # killed while MkDocs was writing the new site
    assert tree(project / "site") == site
    result = run(project, "build", "-q", "-j", "1")
    assert result.returncode == 0, result.stderr
    assert not list(project.glob(".site-*")) and (project / "site" / "index.html").is_file()


@pytest.fixture
def fresh(tmp_path):
    """Three articles and no fact files: a build has extraction, rendering and MkDocs to do."""
    return copy_project(tmp_path / "fresh", ARTICLES, facts=False)


def test_two_builds_at_once_take_turns_and_leave_a_whole_site(fresh):
    first, second = start(fresh, "build", "-q", "-j", "1"), start(fresh, "build", "-q", "-j", "1")
    outputs = [p.communicate(timeout=600) for p in (first, second)]
    for process, (out, err) in zip((first, second), outputs):
        assert process.returncode == 0, err
        assert "Traceback" not in err and "Error" not in err
    site = fresh / "site"
    slugs = [Path(name).stem for name in ARTICLES]
    assert sorted(p.stem for p in (fresh / "content" / "facts").glob("*.yaml")) == sorted(slugs)
    for slug in slugs:
        page = (site / "articles" / slug / "index.html").read_text(encoding="utf-8")
        assert page.rstrip().endswith("</html>")
    assert (site / "index.html").is_file() and (site / "search" / "search_index.json").is_file()
    assert not list(fresh.glob(".site-*")) and not list(fresh.rglob("*.tmp"))
    # the pages on disk are exactly what one build renders, and the fact files check
    checked = run(fresh, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    before = tree(fresh / "build" / "pages")
    assert run(fresh, "render", "-q").returncode == 0
    assert tree(fresh / "build" / "pages") == before


def test_a_build_waits_for_the_one_holding_the_lock(project):
    site = tree(project / "site")
    (project / "content" / "facts" / "un-chief-russia-first.yaml").unlink()
    with project_lock(project):
        process = start(project, "build", "-q", "-j", "1")
        time.sleep(3)  # long enough to have built a small site, had it not waited
        assert process.poll() is None
        assert tree(project / "site") == site
        assert not (project / "content" / "facts" / "un-chief-russia-first.yaml").exists()
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    assert (project / "content" / "facts" / "un-chief-russia-first.yaml").is_file()
    data = yaml.safe_load((project / "content" / "facts" / "un-chief-russia-first.yaml").read_text(encoding="utf-8"))
    assert data["article"]["slug"] == "un-chief-russia-first"
