"""Hand edits survive re-extraction (`factsheet extract --force`, or a changed article).

Every test works on a real project in a temp folder: the seed article, its fact
file as `factsheet extract` writes it, and the edits a person makes in a text
editor (comments, a corrected speaker, a rejected fact, a reviewed fact, a
manual fact).  The facts edited are picked from the extraction by kind, not by
hard-coded id, so the tests hold while extraction itself improves.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from factsheet.cli import cli
from helpers import seed_project

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "un-chief-russia-first.txt"
FACTS = Path("content/facts/un-chief-russia-first.yaml")
def invoke(*args):
    """Run the CLI in-process; an uncaught exception fails the test with its traceback."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def fresh_text(tmp_path_factory):
    """The seed's fact file exactly as `factsheet extract` writes it."""
    root = seed_project(tmp_path_factory.mktemp("fresh"))
    result = invoke("-C", root, "extract", "-j", "1")
    assert result.exit_code == 0, result.output
    return (root / FACTS).read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path, fresh_text):
    root = seed_project(tmp_path / "project")
    (root / FACTS).parent.mkdir(parents=True)
    (root / FACTS).write_text(fresh_text, encoding="utf-8")
    return root


# -- editing a fact file as text, the way a person does -------------------------------

def fact_span(text, fact_id):
    """``(start, end)`` of the lines of fact ``fact_id`` in a fact file."""
    match = re.search(rf"^  - id: {re.escape(fact_id)}\n", text, re.M)
    assert match, f"no fact {fact_id}"
    following = re.compile(r"^  - id: |^  #|^\S", re.M).search(text, match.end())
    return match.start(), following.start() if following else len(text)


def set_field(text, fact_id, key, value):
    """Set ``key: value`` in one fact, replacing the line or adding it after ``kind:``."""
    start, end = fact_span(text, fact_id)
    block = text[start:end]
    line = re.compile(rf"^    {key}:.*$", re.M)
    if line.search(block):
        block = line.sub(lambda _: f"    {key}: {value}", block, count=1)
    else:
        block = re.sub(r"^(    kind: .*)$", lambda m: f"{m.group(1)}\n    {key}: {value}", block, count=1, flags=re.M)
    return text[:start] + block + text[end:]


def facts_of(text):
    return yaml.safe_load(text)["facts"]


def is_draft(fact):
    return fact.get("status", "draft") == "draft" and fact.get("origin") != "manual"


def pick(facts, kind, exclude=()):
    return next(f for f in facts if f["kind"] == kind and f["id"] not in exclude)


@pytest.fixture
def edited(project, fresh_text):
    """The seed's fact file with the five kinds of hand edit; returns ``(root, text, ids)``."""
    facts = facts_of(fresh_text)
    entities = yaml.safe_load(fresh_text)["entities"]
    corrected = pick(facts, "quote")
    reviewed = pick(facts, "quote", exclude=[corrected["id"]])
    rejected = pick(facts, "figure")
    commented = pick(facts, "event")
    new_speaker = next(e["id"] for e in entities if e["kind"] == "person" and e["id"] != corrected["speaker"])

    text = fresh_text
    # 1. a comment above a fact, and one at the end of a line
    start, _ = fact_span(text, commented["id"])
    text = text[:start] + "  # Check this date against the UN press release.\n" + text[start:]
    # 2. a corrected speaker, marked reviewed to keep it
    text = set_field(text, corrected["id"], "speaker", f"{new_speaker}  # the article quotes them, not the spokesman")
    text = set_field(text, corrected["id"], "status", "reviewed")
    # 3. a rejected fact
    text = set_field(text, rejected["id"], "status", "rejected")
    # 4. a reviewed fact whose text the person shortened
    words = reviewed["text"].split()
    shortened = " ".join(words[: max(2, len(words) // 2)])
    text = set_field(text, reviewed["id"], "text", shortened)
    text = set_field(text, reviewed["id"], "status", "reviewed")
    # 5. a manual fact: id, kind and text are enough
    text += ("  - id: manual-trip-order\n"
             "    kind: statement\n"
             "    origin: manual\n"
             "    text: Guterres visited Moscow before Kyiv.\n"
             f"    speaker: {new_speaker}\n")
    (project / FACTS).write_text(text, encoding="utf-8")
    assert invoke("-C", project, "check").exit_code == 0
    ids = dict(corrected=corrected["id"], reviewed=reviewed["id"], rejected=rejected["id"],
               commented=commented["id"], new_speaker=new_speaker, shortened=shortened)
    return project, text, ids


def make_stale(text, ids):
    """The file as an older extractor might have left it: a draft changed, one missing, one extra.

    Re-extraction must turn it back into ``text`` exactly: drafts follow the
    extractor, the person's facts and comments stay as they are.
    """
    facts = facts_of(text)
    drafts = [f for f in facts if is_draft(f) and f["id"] not in ids.values()]
    changed = next(f for f in drafts if f.get("speaker") and f["speaker"] != ids["new_speaker"])
    missing = next(f for f in reversed(drafts) if f["id"] != changed["id"])
    stale = set_field(text, changed["id"], "speaker", ids["new_speaker"])
    start, end = fact_span(stale, missing["id"])
    stale = stale[:start] + stale[end:]
    # an extra draft right above the commented fact, whose removal must not take the comment with it
    donor = next(f for f in facts if f["id"] == ids["commented"])
    extra = ("  - id: event-00000000\n    kind: event\n    status: draft\n    origin: extracted\n"
             f"    text: {donor['evidence']['sentence']}\n    date: '2022-04-01'\n    precision: day\n"
             f"    evidence:\n      sentence: {donor['evidence']['sentence']}\n"
             f"      start: {donor['evidence']['start']}\n      end: {donor['evidence']['end']}\n")
    anchor = stale.index("  # Check this date")
    stale = stale[:anchor] + extra + stale[anchor:]
    return stale, dict(changed=changed["id"], missing=missing["id"], extra="event-00000000")


# -- the five edits survive --------------------------------------------------------------

def test_five_hand_edits_survive_extract_force(edited):
    root, text, ids = edited
    path = root / FACTS
    stale, _ = make_stale(text, ids)
    path.write_text(stale, encoding="utf-8")

    result = invoke("-C", root, "extract", "--force", "-j", "1")
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    # the drafts came back as the extractor makes them, everything the person did is as they left it
    assert after == text

    facts = {f["id"]: f for f in facts_of(after)}
    assert facts[ids["corrected"]]["speaker"] == ids["new_speaker"]
    assert facts[ids["corrected"]]["status"] == "reviewed"
    assert f"    speaker: {ids['new_speaker']}  # the article quotes them, not the spokesman\n" in after
    assert facts[ids["rejected"]]["status"] == "rejected"
    assert facts[ids["reviewed"]]["text"] == ids["shortened"]
    assert facts["manual-trip-order"] == {"id": "manual-trip-order", "kind": "statement", "origin": "manual",
                                          "text": "Guterres visited Moscow before Kyiv.",
                                          "speaker": ids["new_speaker"]}
    # the comment is still right above the fact it was written for
    assert f"  # Check this date against the UN press release.\n  - id: {ids['commented']}\n" in after
    assert invoke("-C", root, "check").exit_code == 0


def test_a_second_force_changes_nothing(edited):
    root, text, _ = edited
    result = invoke("-C", root, "extract", "--force", "-j", "1")
    assert result.exit_code == 0
    assert result.stderr == "wrote 0, unchanged 1, up to date 0, failed 0\n"
    assert (root / FACTS).read_text(encoding="utf-8") == text


def test_rejected_fact_is_not_proposed_again_even_under_a_new_id(edited):
    root, text, ids = edited
    path = root / FACTS
    rejected = next(f for f in facts_of(text) if f["id"] == ids["rejected"])
    # an older extractor named facts differently: the text and sentence still say it is the same fact
    renamed = text.replace(f"  - id: {ids['rejected']}\n", "  - id: figure-from-old-version\n")
    path.write_text(renamed, encoding="utf-8")
    assert invoke("-C", root, "extract", "--force", "-j", "1").exit_code == 0
    facts = facts_of(path.read_text(encoding="utf-8"))
    same = [f for f in facts if f["kind"] == "figure" and f["text"] == rejected["text"]
            and f["evidence"]["sentence"] == rejected["evidence"]["sentence"]]
    assert [(f["id"], f["status"]) for f in same] == [("figure-from-old-version", "rejected")]


def test_dry_run_lists_added_replaced_removed_and_kept_without_writing(edited):
    root, text, ids = edited
    path = root / FACTS
    stale, changes = make_stale(text, ids)
    path.write_text(stale, encoding="utf-8")
    before = path.stat().st_mtime_ns

    result = invoke("-C", root, "extract", "--force", "--dry-run", "-j", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    drafts = sum(1 for f in facts_of(text) if is_draft(f))
    assert lines[0] == (f"{FACTS.as_posix()}: would write (1 added, 1 replaced, 1 removed, 4 kept, "
                        f"{drafts - 2} unchanged)")
    assert any(line.startswith(f"  + {changes['missing']}  ") for line in lines)
    assert f"  ~ {changes['changed']}  (new speaker)" in lines
    assert any(line.startswith(f"  - {changes['extra']}  event [draft]: ") for line in lines)
    kept = [line.split()[1] for line in lines if line.startswith("  = ")]
    assert sorted(kept) == sorted([ids["corrected"], ids["reviewed"], ids["rejected"], "manual-trip-order"])
    assert result.stderr == "would write 1, unchanged 0, up to date 0, failed 0\n"
    assert path.read_text(encoding="utf-8") == stale
    assert path.stat().st_mtime_ns == before


def test_an_edited_article_moves_the_evidence_of_kept_facts(edited):
    root, text, ids = edited
    article = root / "content" / "articles" / SEED.name
    body = article.read_text(encoding="utf-8")
    title, rest = body.split("\n", 1)
    article.write_text(f"{title}\nEditor's note: this story was updated on April 26.\n{rest}", encoding="utf-8")
    shift = len("Editor's note: this story was updated on April 26.\n")
    assert invoke("-C", root, "check").exit_code == 1  # the offsets no longer slice the article

    result = invoke("-C", root, "extract", "-j", "1")  # no --force: the article changed
    assert result.exit_code == 0, result.output
    assert "kept with evidence offsets moved" in result.stdout
    before = {f["id"]: f for f in facts_of(text)}
    after = {f["id"]: f for f in facts_of((root / FACTS).read_text(encoding="utf-8"))}
    for key in ("corrected", "reviewed", "rejected"):
        old, new = before[ids[key]], after[ids[key]]
        assert new["evidence"]["start"] == old["evidence"]["start"] + shift
        assert {k: v for k, v in new.items() if k != "evidence"} == {k: v for k, v in old.items() if k != "evidence"}
    assert after["manual-trip-order"] == before["manual-trip-order"]
    assert invoke("-C", root, "check").exit_code == 0


def test_a_file_with_errors_is_not_re_extracted(edited):
    root, text, ids = edited
    path = root / FACTS
    # a draft whose text the person edited without marking it reviewed: re-extraction would undo it
    draft = next(f for f in facts_of(text) if is_draft(f) and f["kind"] == "quote")
    broken = set_field(text, draft["id"], "text", "Words nobody said.")
    path.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("    text: Words nobody said.") + 1
    result = invoke("-C", root, "extract", "--force", "-j", "1")
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("Error: content/")] == [(
        f"Error: {FACTS.as_posix()}: not re-extracted because the file has errors; {FACTS.as_posix()}:{line}:11: "
        "fact text does not appear in its evidence sentence "
        "(fix the text, or mark the fact `status: reviewed` to keep your wording)")]
    assert path.read_text(encoding="utf-8") == broken


def test_broken_yaml_is_left_alone(edited):
    root, text, _ = edited
    path = root / FACTS
    broken = text.replace("schema: 1\n", "schema: 1\nbroken: 'unclosed\n", 1)
    path.write_text(broken, encoding="utf-8")
    result = invoke("-C", root, "extract", "--force", "-j", "1")
    assert result.exit_code == 1
    assert (f"Error: {FACTS.as_posix()}: not re-extracted because the file has errors; {FACTS.as_posix()}:7:9: "
            "invalid YAML: this quote is never closed on its line") in result.stderr
    assert path.read_text(encoding="utf-8") == broken


def test_another_indentation_style_and_quoting_survive(edited):
    from ruamel.yaml import YAML

    root, text, ids = edited
    path = root / FACTS
    # the person's editor re-indented the file: lists flush with their key, 4-space maps, quotes kept
    yml = YAML()
    yml.preserve_quotes = True
    yml.width = 100_000
    yml.indent(mapping=4, sequence=4, offset=0)
    import io

    out = io.StringIO()
    yml.dump(yml.load(text), out)
    restyled = out.getvalue()
    assert restyled != text and "\n-   id: " in restyled
    stale, _ = make_stale_restyled(restyled, text, ids)
    path.write_text(stale, encoding="utf-8")
    assert invoke("-C", root, "extract", "--force", "-j", "1").exit_code == 0
    assert path.read_text(encoding="utf-8") == restyled


def make_stale_restyled(restyled, text, ids):
    """A draft's speaker changed in a restyled file (the fact edit helpers assume the default style)."""
    draft = next(f for f in facts_of(text) if is_draft(f) and f.get("speaker") and f["speaker"] != ids["new_speaker"])
    start = restyled.index(f"-   id: {draft['id']}\n")
    line = f"    speaker: {draft['speaker']}\n"
    at = restyled.index(line, start)
    return restyled[:at] + f"    speaker: {ids['new_speaker']}\n" + restyled[at + len(line):], draft["id"]


def test_rewriting_keeps_the_file_permissions(edited):
    root, text, ids = edited
    path = root / FACTS
    stale, _ = make_stale(text, ids)
    path.write_text(stale, encoding="utf-8")
    path.chmod(0o644)
    assert invoke("-C", root, "extract", "--force", "-j", "1").exit_code == 0
    assert path.read_text(encoding="utf-8") == text
    assert path.stat().st_mode & 0o777 == 0o644


# -- interrupted writes leave the previous file --------------------------------------------

def test_ctrl_c_in_the_middle_of_writing_leaves_the_old_file(edited, monkeypatch):
    import factsheet.paths

    root, text, ids = edited
    path = root / FACTS
    stale, _ = make_stale(text, ids)
    path.write_text(stale, encoding="utf-8")
    real_fdopen = os.fdopen

    class HalfWritten:
        """A file that writes half of what it is given, then gets Ctrl-C."""

        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise KeyboardInterrupt

    monkeypatch.setattr(factsheet.paths.os, "fdopen", lambda fd, mode: HalfWritten(real_fdopen(fd, mode)))
    result = invoke("-C", root, "extract", "--force", "-j", "1")
    monkeypatch.undo()
    assert result.exit_code == 1  # Click's "Aborted!"
    assert path.read_text(encoding="utf-8") == stale
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # the half-written temp file is gone


def test_a_process_killed_mid_write_leaves_the_old_file(edited):
    root, text, ids = edited
    path = root / FACTS
    stale, _ = make_stale(text, ids)
    path.write_text(stale, encoding="utf-8")
    # the real CLI in a child process, stopped for good between writing the new file and renaming it
    script = textwrap.dedent(f"""
        import os, sys, time
        real_fsync = os.fsync
        def stall(fd):
            real_fsync(fd)
            print("written, not yet renamed", flush=True)
            time.sleep(60)
        os.fsync = stall
        from factsheet.cli import cli
        cli(["-C", {str(root)!r}, "extract", "--force", "-j", "1"])
    """)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).resolve().parent.parent),
                                                       os.environ.get("PYTHONPATH", "")]))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env)
    try:
        line = child.stdout.readline()
        assert line == "written, not yet renamed\n", child.stderr.read()
        leftovers = [p for p in path.parent.iterdir() if p.name != path.name]
        assert len(leftovers) == 1 and leftovers[0].read_text(encoding="utf-8") == text  # the new text, complete
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert path.read_text(encoding="utf-8") == stale
    # the stray temp file is no fact file: check and the next extraction ignore it
    assert invoke("-C", root, "check").exit_code == 0
    assert invoke("-C", root, "extract", "--force", "-j", "1").exit_code == 0
    assert path.read_text(encoding="utf-8") == text


def test_a_comment_below_a_draft_stays_below_it_when_the_draft_gains_a_key(fresh_text):
    """The merge itself, on the real file: a new last key must not push the comment into the fact."""
    from factsheet.merge import merge_text
    from factsheet.records import load_yaml, record_from_dict

    data, _ = load_yaml(fresh_text)
    record = record_from_dict(data)
    first, second = record.facts[0].id, record.facts[1].id
    commented = fresh_text.replace(f"  - id: {second}\n", f"  # a note about the next fact\n  - id: {second}\n")
    record.facts[0].note = "a note a newer extractor adds"
    merged, summary = merge_text(commented, record)
    assert summary.replaced == {first: ["note"]}
    assert (f"    note: a note a newer extractor adds\n  # a note about the next fact\n  - id: {second}\n"
            in merged)


def test_a_note_on_a_draft_survives_while_the_draft_follows_the_extractor(edited):
    root, text, ids = edited
    path = root / FACTS
    draft = next(f for f in facts_of(text) if is_draft(f) and f.get("speaker") and f["speaker"] != ids["new_speaker"])
    noted = set_field(text, draft["id"], "note", "ask the desk whether this was on the record")
    # the person also changed the speaker without reviewing: the extractor's speaker comes back
    path.write_text(set_field(noted, draft["id"], "speaker", ids["new_speaker"]), encoding="utf-8")
    assert invoke("-C", root, "extract", "--force", "-j", "1").exit_code == 0
    assert path.read_text(encoding="utf-8") == noted
