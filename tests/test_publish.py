"""``factsheet init`` and ``factsheet deploy``: a new project builds, and deploy pushes to a real bare repo."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from factsheet.cli import cli
from helpers import git, git_repo_with_origin

REPO = Path(__file__).resolve().parents[1]


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def new_project(tmp_path_factory):
    """``factsheet init`` then ``factsheet build`` of the empty project, once."""
    root = tmp_path_factory.mktemp("new") / "my-facts"
    result = invoke("init", root)
    assert result.exit_code == 0, result.output
    built = invoke("-C", root, "build", "--strict", "--quiet")
    assert built.exit_code == 0, built.output
    return root


def test_init_lays_out_a_project(new_project):
    for rel in ("content/articles", "content/facts"):
        assert (new_project / rel).is_dir()
    for rel in ("content/entities.yaml", "mkdocs.yml", ".gitignore", "README.md", "factsheet.yml",
                "requirements.txt", ".github/workflows/pages.yml"):
        assert (new_project / rel).is_file(), rel
    assert yaml.safe_load((new_project / "content" / "entities.yaml").read_text()) == {"entities": []}
    mkdocs = yaml.safe_load((new_project / "mkdocs.yml").read_text())
    assert mkdocs["site_name"] == "My facts" and mkdocs["docs_dir"] == "build/pages"
    assert "site/" in (new_project / ".gitignore").read_text().splitlines()
    readme = (new_project / "README.md").read_text()
    assert "factsheet build" in readme and "factsheet deploy" in readme


def test_scaffold_mkdocs_yml_matches_the_example(new_project):
    ours = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    theirs = yaml.safe_load((new_project / "mkdocs.yml").read_text())
    for key in ("theme", "nav", "plugins", "markdown_extensions", "extra_css", "extra_javascript", "validation"):
        assert theirs[key] == ours[key], key
    # kept within what ProperDocs and Zensical read: no Python tags, no hooks, a theme feature list
    text = (new_project / "mkdocs.yml").read_text()
    assert "!!python" not in text and "hooks:" not in text
    assert "navigation.prune" in ours["theme"]["features"] and ours["theme"]["font"] is False


def test_pages_workflow_builds_and_deploys_with_github_actions(new_project):
    workflow = yaml.safe_load((new_project / ".github" / "workflows" / "pages.yml").read_text())
    build_steps = workflow["jobs"]["build"]["steps"]
    uses = [s.get("uses", "") for s in build_steps]
    assert any(u.startswith("actions/checkout@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    upload = next(s for s in build_steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert any("factsheet build" in s.get("run", "") for s in build_steps)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_new_project_builds_an_empty_site(new_project):
    site = new_project / "site"
    for rel in ("index.html", "404.html", "people/index.html", "facts.json", "facts.csv", "assets/factsheet.css"):
        assert (site / rel).is_file(), rel
    assert "My facts" in (site / "index.html").read_text()


def test_init_never_overwrites(new_project):
    readme = (new_project / "README.md").read_text()
    result = invoke("init", new_project)
    assert result.exit_code == 1
    assert result.output == (f"Error: {new_project / 'mkdocs.yml'}: already exists; `factsheet init` never "
                             "overwrites files (use an empty folder)\n")
    assert (new_project / "README.md").read_text() == readme


@pytest.fixture
def published(new_project, tmp_path):
    """The new project as a git repository whose origin is a real bare repository."""
    yield git_repo_with_origin(new_project, tmp_path / "remote.git")
    subprocess.run(["rm", "-rf", str(new_project / ".git")], check=True)


def test_deploy_pushes_the_site_to_gh_pages(published):
    project, remote = published
    result = invoke("-C", project, "deploy")
    assert result.exit_code == 0, result.output
    files = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    site_files = {p.relative_to(project / "site").as_posix() for p in (project / "site").rglob("*") if p.is_file()}
    assert files == site_files | {".nojekyll"}
    assert git("log", "-1", "--format=%s", "gh-pages", cwd=remote).strip() == "Publish fact sheet site"
    index = git("show", "gh-pages:index.html", cwd=remote)
    assert index == (project / "site" / "index.html").read_text()


def test_deploy_with_remote_branch_and_message(published, tmp_path):
    project, _ = published
    other = tmp_path / "other.git"
    git("init", "--bare", "-q", str(other), cwd=tmp_path)
    git("remote", "add", "mirror", str(other), cwd=project)
    for message in ("first", "second"):  # a second deploy replaces the branch's content
        result = invoke("-C", project, "deploy", "--remote", "mirror", "--branch", "pages", "--message", message)
        assert result.exit_code == 0, result.output
    assert git("log", "-1", "--format=%s", "pages", cwd=other).strip() == "second"
    assert "index.html" in git("ls-tree", "--name-only", "pages", cwd=other).split()


def test_deploy_errors_are_one_line(published, tmp_path):
    project, _ = published
    result = invoke("-C", project, "deploy", "--remote", "nowhere")
    assert result.exit_code == 1
    assert result.output == ("Error: git: no remote named 'nowhere' (add it with `git remote add nowhere URL`, "
                             "or pass --remote)\n")
    git("remote", "add", "gone", str(tmp_path / "missing.git"), cwd=project)
    result = invoke("-C", project, "deploy", "--remote", "gone")
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert result.output.startswith("Error: git push gone gh-pages: fatal: ")
    assert result.output.endswith("(check --remote and your access to it)\n")
    empty = tmp_path / "empty"
    assert invoke("init", empty).exit_code == 0
    unbuilt = invoke("-C", empty, "deploy")
    assert unbuilt.exit_code == 1
    assert unbuilt.output == f"Error: {empty / 'site'}: no built site to publish (run `factsheet build` first)\n"


def test_deploy_outside_git_is_refused(new_project, tmp_path):
    result = invoke("-C", new_project, "deploy")
    assert result.exit_code == 1
    assert result.output == f"Error: {new_project}: not a git repository (run `git init` and add a remote)\n"


NAVALNY = "0273-germany-says-alexei-navalny-poisoned-with-novichok"


def test_deploy_refuses_full_text_of_a_closed_article(tmp_path):
    """An article whose license is not open: its page shows excerpts only, and deploy checks every file."""
    import shutil

    root = tmp_path / "closed"
    assert invoke("init", root).exit_code == 0
    shutil.copy(REPO / "content" / "articles" / f"{NAVALNY}.txt", root / "content" / "articles")
    shutil.copy(REPO / "content" / "facts" / f"{NAVALNY}.yaml", root / "content" / "facts")
    (root / "factsheet.yml").write_text("open_licenses: [CC0]\n")  # so CC BY 2.5 is not open here
    assert invoke("-C", root, "build", "--quiet").exit_code == 0
    page = root / "site" / "articles" / NAVALNY / "index.html"
    text = page.read_text()
    assert "The full text is not republished here (CC BY 2.5)" in text and 'class="fs-text"' not in text
    remote = tmp_path / "remote.git"
    git("init", "--bare", "-q", str(remote), cwd=tmp_path)
    git("init", "-q", cwd=root)
    git("config", "user.name", "Fact Checker", cwd=root)
    git("config", "user.email", "checker@example.org", cwd=root)
    git("remote", "add", "origin", str(remote), cwd=root)
    assert invoke("-C", root, "deploy").exit_code == 0  # excerpts only: fine
    # a template that prints a sentence the site does not quote
    credits = root / "site" / "credits" / "index.html"
    credits.write_text(credits.read_text().replace(
        "</article>", "<p>The Russian government dismissed the claim from Berlin as groundless.</p></article>"))
    result = invoke("-C", root, "deploy", "--message", "leak")
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {credits}: holds text of article '{NAVALNY}' (CC BY 2.5) beyond its excerpts; refusing to "
        "publish (rebuild the site, fix the template that prints it, or list the license in open_licenses of "
        "factsheet.yml)\n")
    assert git("log", "-1", "--format=%s", "gh-pages", cwd=remote).strip() == "Publish fact sheet site"
