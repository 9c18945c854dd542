#!/usr/bin/env python3
"""Benchmark factsheet end to end and print a table per corpus size.

For each size it makes a project from the news corpus (articles beyond the
corpus's 305 are the same articles under new names and titles), then runs,
each as its own ``factsheet`` process:

* a full ``factsheet build`` from no fact files (extract, render, MkDocs, search);
* a rebuild after marking one fact ``reviewed`` in one fact file;
* a rebuild after adding one article;
* a site-only build with the other search engine, for its index size;

and, side by side in the same run, a bare single-process spaCy
``en_core_web_sm`` ``nlp.pipe`` pass over the same texts (each article's title
and paragraphs, as extraction reads them; model loading not counted).  Peak
memory is the largest sum of the resident memory of the process and all its
children, sampled every 50 ms.  With ``--repeat`` every figure is the median
of the runs.  Speed targets are printed at the end; no test times anything.

    python benchmarks/run.py                          # 305, 1,000 and 3,000 articles
    python benchmarks/run.py --repeat 3,1,1           # the README's table: medians of 3 runs at 305
    python benchmarks/run.py --quick                  # 24 articles, about a minute
    python benchmarks/run.py --sizes 305 --profile    # also where the time of a serial build goes
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
#: the news corpus beside the repository (``../shared/corpus/news``; a git worktree sits one level deeper)
DEFAULT_CORPUS = next((p for p in (REPO.parent / "shared" / "corpus" / "news",
                                   REPO.parent.parent / "shared" / "corpus" / "news") if p.is_dir()),
                      REPO.parent / "shared" / "corpus" / "news")
#: the article added in the "add one article" rebuild: the repository's seed article (not in the corpus)
NEW_ARTICLE = REPO / "content" / "articles" / "un-chief-russia-first.txt"

#: targets of issue 8, checked against the figures at the end
TARGET_FULL_305 = 90.0
TARGET_EDIT_SHARE = 1 / 5
TARGET_GROWTH_3000 = 11.0
TARGET_MEMORY = 2 * 1024 ** 3


# ---------------------------------------------------------------------------
# measuring a process tree

def _children(pid):
    """Direct children of ``pid`` (Linux /proc)."""
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                out.extend(int(c) for c in handle.read().split())
    except OSError:
        pass
    return out


def _rss(pid):
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def tree_rss(pid):
    """Resident memory of ``pid`` and all its descendants, in bytes."""
    if os.path.isdir("/proc"):
        total, todo = 0, [pid]
        while todo:
            current = todo.pop()
            total += _rss(current)
            todo.extend(_children(current))
        return total
    import psutil  # elsewhere (macOS): installed with factsheet[dask]

    try:
        proc = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
    except psutil.Error:
        return 0


class PeakMemory(threading.Thread):
    """Samples the resident memory of a process tree until stopped; ``peak`` is the largest sum seen."""

    def __init__(self, pid, interval=0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self._done = threading.Event()

    def run(self):
        while not self._done.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._done.wait(self.interval)

    def stop(self):
        self._done.set()
        self.join()


def run_measured(command, cwd=None):
    """Run ``command``; return ``(seconds, CPU seconds, peak tree RSS, stdout, stderr)``; raise on failure.

    CPU seconds (user and system, of the process and every child it waited for) grow with the
    work whatever else the machine runs, so they show growth more steadily than wall time.
    """
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = PeakMemory(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark: {' '.join(map(str, command))} failed ({proc.returncode}):\n{err[-3000:]}")
    return seconds, cpu, sampler.peak, out, err


# ---------------------------------------------------------------------------
# projects

def corpus_articles(corpus):
    """``[(path, index row)]`` of the corpus, by file name."""
    with open(corpus / "index.csv", newline="", encoding="utf-8") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt" and p.name in rows)
    return [(p, rows[p.name]) for p in files]


def make_project(folder, articles, size, search):
    """A new project in ``folder`` holding ``size`` articles (copies past the corpus get new names and titles)."""
    from factsheet.scaffold import init_project

    init_project(folder, site_name=f"Benchmark {size}")
    target = folder / "content" / "articles"
    fields = ["file", "title", "date", "source", "url", "license"]
    rows = []
    for i in range(size):
        path, row = articles[i % len(articles)]
        copy = i // len(articles)
        name = path.name if copy == 0 else f"{path.stem}-copy{copy + 1}{path.suffix}"
        shutil.copyfile(path, target / name)
        title = row["title"] if copy == 0 else f"{row['title']} (copy {copy + 1})"
        rows.append({**{k: row.get(k, "") for k in fields}, "file": name, "title": title})
    with open(target / "index.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    set_search(folder, search)
    return folder


def set_search(folder, search):
    (folder / "factsheet.yml").write_text(f"search: {search}\n", encoding="utf-8")


def add_article(folder):
    """Copy the seed article and its index row into the project; return its slug."""
    target = folder / "content" / "articles"
    shutil.copyfile(NEW_ARTICLE, target / NEW_ARTICLE.name)
    with open(NEW_ARTICLE.parent / "index.csv", newline="", encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["file"] == NEW_ARTICLE.name)
    with open(target / "index.csv", "a", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow([row["file"], row["title"], row["date"], row.get("publisher", ""),
                                     row.get("url", ""), row.get("license", "")])
    return NEW_ARTICLE.stem


def edit_fact_file(folder):
    """Mark the first draft fact of the middle fact file reviewed; return its article slug."""
    files = sorted((folder / "content" / "facts").glob("*.yaml"))
    for path in files[len(files) // 2:] + files[:len(files) // 2]:
        text = path.read_text(encoding="utf-8")
        if "status: draft" in text:
            path.write_text(text.replace("status: draft", "status: reviewed", 1), encoding="utf-8")
            return path.stem
    raise SystemExit("benchmark: no draft fact to edit")


# ---------------------------------------------------------------------------
# one size

def words_and_texts(folder):
    from factsheet.articles import find_articles, read_article

    texts = []
    for path, meta in find_articles([folder / "content" / "articles"]):
        article = read_article(path, folder, meta=meta)
        texts.append(article.title)
        texts.extend(article.text[s:e] for s, e in article.paragraphs)
    return sum(len(t.split()) for t in texts), texts


def bare_pass(folder):
    """In a process of its own: time one spaCy ``nlp.pipe`` over the project's texts; print JSON."""
    import spacy

    from factsheet.extract.nlp import MODEL_NAMES

    words, texts = words_and_texts(Path(folder))
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    print(json.dumps({"seconds": time.perf_counter() - started, "words": words, "texts": len(texts)}))


_TIMINGS = re.compile(r"timings \(seconds\): (.*)")
_RENDERED = re.compile(r"rendered (\d+) pages \((\d+) written")
_BUILT = re.compile(r"\((\d+) of \d+ pages rebuilt\)|\(all (\d+) pages built")


def factsheet_build(folder, jobs, *extra):
    """Run ``factsheet build --timings``; return its figures."""
    command = [sys.executable, "-m", "factsheet", "-C", str(folder), "build", "--timings", *extra]
    if jobs:
        command += ["--jobs", str(jobs)]
    seconds, cpu, peak, _out, err = run_measured(command)
    stages = dict((k, float(v)) for k, v in (part.split() for part in _TIMINGS.search(err).group(1).split(", ")))
    rendered = _RENDERED.search(err)
    built = _BUILT.search(err)
    rebuilt = int(built.group(1) or built.group(2))
    return {"total": seconds, "cpu": cpu, "peak": peak, "extract": stages["extract"], "render": stages["render"],
            "mkdocs": stages["mkdocs"], "search": stages["search"], "pages": int(rendered.group(1)),
            "written": int(rendered.group(2)), "rebuilt": rebuilt, "site": folder_bytes(folder / "site")}


def folder_bytes(folder):
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def one_run(workdir, articles, size, jobs, search, first_bare):
    """All scenarios for one size, once; return ``{scenario: figures}``."""
    from factsheet.site import search_footprint

    folder = workdir / f"project-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    make_project(folder, articles, size, search)
    results = {}

    def bare():
        _seconds, cpu, peak, out, _ = run_measured([sys.executable, str(Path(__file__).resolve()), "--bare-pass",
                                                    str(folder)])
        results["bare"] = {**json.loads(out), "peak": peak, "cpu": cpu}

    if first_bare:
        bare()
    results["full"] = factsheet_build(folder, jobs)
    results["full"]["articles"] = size
    results["full"]["words"] = words_and_texts(folder)[0]
    results["full"]["footprint"] = search_footprint(folder / "site")
    if not first_bare:
        bare()
    slug = edit_fact_file(folder)
    results["edit"] = factsheet_build(folder, jobs)
    page = folder / "site" / "articles" / slug / "index.html"
    results["edit"]["check"] = page.is_file() and "✔ reviewed" in page.read_text(encoding="utf-8")
    slug = add_article(folder)
    results["add"] = factsheet_build(folder, jobs)
    results["add"]["articles"] = 1
    results["add"]["check"] = (folder / "site" / "articles" / slug / "index.html").is_file()
    other = "lunr" if search == "pagefind" else "pagefind"
    set_search(folder, other)
    results["other"] = factsheet_build(folder, jobs)
    results["other"]["footprint"] = search_footprint(folder / "site")
    results["other"]["engine"] = other
    shutil.rmtree(folder, ignore_errors=True)
    return results


def median_of(runs):
    """Median of every number across runs (nested dicts); other values from the first run."""
    first = runs[0]
    if isinstance(first, dict):
        return {k: median_of([r[k] for r in runs]) for k in first}
    if isinstance(first, bool):
        return all(runs)
    if isinstance(first, (int, float)):
        return statistics.median(runs)
    return first


# ---------------------------------------------------------------------------
# the table

def _mb(n):
    return f"{n / 1e6:,.1f}"


def _rate(n, seconds):
    return f"{n / seconds:,.0f}" if seconds > 0.005 else "-"


def print_table(size, jobs, search, repeat, r):
    full, edit, add, other, bare = r["full"], r["edit"], r["add"], r["other"], r["bare"]
    print(f"\n== {size:,} articles ({full['words']:,} words), --jobs {jobs or 'all cores'}, search: {search}, "
          f"{'median of ' + str(repeat) + ' runs' if repeat > 1 else '1 run'} ==")
    cols = [("full build", full, size), ("edit 1 fact file", edit, 0), ("add 1 article", add, 1)]
    print(f"{'':34}" + "".join(f"{name:>18}" for name, _, _ in cols))

    def row(label, fn):
        print(f"{label:34}" + "".join(f"{fn(fig, n):>18}" for _, fig, n in cols))

    row("extract (s)", lambda f, n: f"{f['extract']:.1f}")
    row("  words/s", lambda f, n: _rate(full["words"] * n / size, f["extract"]) if n else "-")
    row("  articles/s", lambda f, n: f"{n / f['extract']:.2f}" if n else "-")
    row("render (s)", lambda f, n: f"{f['render']:.1f}")
    row("  pages/s (pages written)", lambda f, n: f"{_rate(f['pages'], f['render'])} ({f['written']:,})")
    row("MkDocs (s)", lambda f, n: f"{f['mkdocs']:.1f}")
    row("  pages (re)built", lambda f, n: f"{f['rebuilt']:,}")
    row(f"{search} index (s)" if search == "pagefind" else "search (s, in MkDocs)", lambda f, n: f"{f['search']:.1f}")
    row("total (s)", lambda f, n: f"{f['total']:.1f}")
    row("  CPU, process tree (s)", lambda f, n: f"{f['cpu']:.1f}")
    row("peak RSS, process tree (MB)", lambda f, n: _mb(f["peak"]))
    row("site size (MB)", lambda f, n: _mb(f["site"]))
    row("result checked", lambda f, n: "-" if "check" not in f else ("yes" if f["check"] else "NO"))
    fp, ofp = full["footprint"], other["footprint"]
    for engine_fp, label in ((fp, search), (ofp, other["engine"])):
        if engine_fp["engine"] == "pagefind":
            print(f"{'search index, pagefind (MB)':34}{_mb(engine_fp['bytes']):>18}  "
                  f"({engine_fp['files']:,} files; a first query loads about {engine_fp['first_query_bytes'] / 1e3:,.0f} kB)")
        elif engine_fp["engine"] == "lunr":
            print(f"{'search index, lunr (MB)':34}{_mb(engine_fp['bytes']):>18}  (loaded whole before the first result)")
    print(f"{'site-only build with ' + other['engine'] + ' (s)':34}{other['total']:>18.1f}  "
          f"(MkDocs {other['mkdocs']:.1f}, Pagefind {other['search']:.1f}, peak {_mb(other['peak'])} MB)")
    print(f"{'bare nlp.pipe, 1 process (s)':34}{bare['seconds']:>18.1f}  "
          f"({_rate(bare['words'], bare['seconds'])} words/s; peak {_mb(bare['peak'])} MB; "
          f"the process: {bare['cpu']:.1f} s CPU)")
    print(f"{'extraction / bare nlp.pipe':34}{full['extract'] / bare['seconds']:>18.2f}")


def check_targets(results):
    """Print each target of issue 8 with the figure that meets or misses it."""
    print("\n== targets (2 cores) ==")
    lines = []
    if not any(size >= 305 for size in results):
        print("  (targets are for 305 articles and more; fixed costs such as loading the model dominate smaller runs)")
    for size, r in sorted(results.items()):
        if size < 305:
            continue
        ratio = r["full"]["extract"] / r["bare"]["seconds"]
        lines.append((f"{size:,}: extraction wall time <= bare single-process nlp.pipe", ratio <= 1.0,
                      f"{r['full']['extract']:.1f} s vs {r['bare']['seconds']:.1f} s (x{ratio:.2f})"))
        peak = max(r[k]["peak"] for k in ("full", "edit", "add", "other"))
        lines.append((f"{size:,}: peak memory < 2 GB", peak < TARGET_MEMORY, f"{_mb(peak)} MB"))
        limit = r["full"]["total"] * TARGET_EDIT_SHARE
        lines.append((f"{size:,}: rebuild after one fact file <= 1/5 of the full build", r["edit"]["total"] <= limit,
                      f"{r['edit']['total']:.1f} s vs {limit:.1f} s"))
    if 305 in results:
        full = results[305]["full"]["total"]
        lines.append(("305: full build from no fact files < 90 s", full < TARGET_FULL_305, f"{full:.1f} s"))
        if 3000 in results:
            growth = results[3000]["full"]["total"] / full
            cpu = results[3000]["full"]["cpu"] / results[305]["full"]["cpu"]
            lines.append(("3,000 / 305 full build <= 11x", growth <= TARGET_GROWTH_3000,
                          f"x{growth:.2f} in wall time, x{cpu:.2f} in CPU time"))
    for label, ok, figure in lines:
        print(f"  [{'met' if ok else 'MISSED':>6}] {label}: {figure}")


# ---------------------------------------------------------------------------
# profile

def profile_build(workdir, articles, size, search):
    """Profile a full serial build (``--jobs 1``) in this process and print where its time goes."""
    import cProfile
    import pstats

    from click.testing import CliRunner

    from factsheet.cli import cli

    folder = make_project(workdir / f"profile-{size}", articles, size, search)
    profiler = cProfile.Profile()
    profiler.enable()
    result = CliRunner().invoke(cli, ["-C", str(folder), "build", "--jobs", "1", "--quiet"])
    profiler.disable()
    if result.exit_code != 0:
        raise SystemExit(f"benchmark: profiled build failed: {result.output}")
    stats = pstats.Stats(profiler)
    areas, others = {}, {}
    for (filename, _line, name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        area = _area(filename, name)
        areas[area] = areas.get(area, 0.0) + tottime
        if area == "other Python":
            others[filename] = others.get(filename, 0.0) + tottime
    total = sum(areas.values())
    print(f"\n== where a serial full build of {size} articles spends its time (cProfile, --jobs 1; "
          f"{total:.0f} s with profiling overhead) ==")
    for area, seconds in sorted(areas.items(), key=lambda kv: -kv[1]):
        if seconds / total >= 0.005:
            print(f"  {seconds / total:6.1%}  {area}")
    print("\n  by stage (cumulative time of the function that runs it):")
    cumulative = {}
    for label, needle, name in _STAGES:
        cumulative[label] = max((ct for (filename, _line, fn), (_cc, _nc, _tt, ct, _callers) in stats.stats.items()
                                 if needle in filename.replace("\\", "/") and fn == name), default=0.0)
        print(f"  {cumulative[label] / total:6.1%}  {label}")
        if name == "extract":
            rules = cumulative[label] - cumulative[_STAGES[1][0]]
            print(f"  {rules / total:6.1%}    factsheet's rules (the difference)")
    print("\n  \"other Python\", by file:")
    for filename, seconds in sorted(others.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {seconds / total:6.1%}  {filename}")
    print("\n  top functions by own time:")
    stats.sort_stats("tottime").print_stats(15)
    shutil.rmtree(folder, ignore_errors=True)


_AREAS = (
    ("spacy", "extraction: spaCy pipeline (tagger, parser, NER, lemmatizer)"),
    ("thinc", "extraction: spaCy pipeline (tagger, parser, NER, lemmatizer)"),
    ("factsheet/extract/", "extraction: factsheet's rules"), ("dateparser", "extraction: factsheet's rules"),
    ("regex/", "extraction: factsheet's rules"),
    ("factsheet/merge.py", "fact files: writing (ruamel.yaml)"), ("ruamel", "fact files: writing (ruamel.yaml)"),
    ("factsheet/records.py", "fact files: validation (YAML with positions)"),
    ("factsheet/check.py", "fact files: validation (YAML with positions)"),
    ("/yaml/", "fact files: validation (YAML with positions)"),
    ("factsheet/render.py", "render: site model"), (".md.j2", "render: Jinja templates"),
    ("material/templates", "MkDocs: Material theme templates"), ("jinja2/", "Jinja (templates, both stages)"),
    ("material/plugins/search", "MkDocs: lunr search index"), ("html/parser", "MkDocs: lunr search index"),
    ("markdown/", "MkDocs: Markdown to HTML"), ("xml/etree", "MkDocs: Markdown to HTML"),
    ("mkdocs/", "MkDocs: files, nav and links"), ("markupsafe", "Jinja (templates, both stages)"),
    ("/re/", "regular expressions (compiling)"), ("sre_", "regular expressions (compiling)"),
)


#: the stages of a build and their sub-steps: (label, file, function)
_STAGES = (
    ("extraction (plan, spaCy and rules, writing fact files)", "factsheet/extract/batch.py", "extract_paths"),
    ("  spaCy nlp.pipe over the paragraphs", "spacy/language.py", "pipe"),
    ("  extract(): spaCy and factsheet's rules", "factsheet/extract/__init__.py", "extract"),
    ("  writing fact files (ruamel.yaml)", "factsheet/extract/batch.py", "write_result"),
    ("check: every fact file's problems", "factsheet/check.py", "check_project"),
    ("render: validating fact files", "factsheet/render.py", "load_records"),
    ("render: site model", "factsheet/render.py", "build_site_data"),
    ("render: pages, exports, writing", "factsheet/render.py", "render_site"),
    ("site: MkDocs and Pagefind", "factsheet/site.py", "build_site"),
    ("  MkDocs", "factsheet/site.py", "_run_mkdocs"),
    ("  Pagefind", "factsheet/site.py", "run_pagefind"),
)


def _area(filename, name=""):
    """The stage or library a profiled function belongs to, from its file (or name, for built-ins)."""
    path = filename.replace("\\", "/")
    if path == "~" or path.startswith("<"):
        if any(word in name for word in ("acquire", "poll", "wait", "select", "read")):
            return "waiting: Pagefind, worker processes, file reads"
        return "Python built-ins (str, list, dict, re matching)"
    for needle, area in _AREAS:
        if needle in path:
            return area
    return "other Python"


# ---------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="305,1000,3000", help="article counts, comma-separated [305,1000,3000]")
    parser.add_argument("--quick", action="store_true", help="24 articles, one run: checks the benchmark works")
    parser.add_argument("--repeat", default="1",
                        help="runs per size, one number or one per size (3,1,1); figures are medians [1]")
    parser.add_argument("--jobs", type=int, default=0, help="--jobs of factsheet build [all cores]")
    parser.add_argument("--search", choices=["pagefind", "lunr"], default="pagefind",
                        help="search engine of the builds; the other is built once for its index size [pagefind]")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help=f"article folder [{DEFAULT_CORPUS}]")
    parser.add_argument("--workdir", type=Path, help="where projects are made [a temporary folder]")
    parser.add_argument("--profile", action="store_true", help="also profile a serial build of the first size")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--bare-pass", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare_pass:
        return bare_pass(args.bare_pass)
    sys.path.insert(0, str(REPO))
    sizes = [24] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    repeats = [max(1, int(r)) for r in str(args.repeat).split(",") if r.strip()] or [1]
    repeats = [1] * len(sizes) if args.quick else (repeats + repeats[-1:] * len(sizes))[:len(sizes)]
    if not (args.corpus / "index.csv").is_file():
        raise SystemExit(f"benchmark: {args.corpus}/index.csv not found (pass --corpus)")
    articles = corpus_articles(args.corpus)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="factsheet-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"factsheet benchmark: {len(articles)} corpus articles, {os.cpu_count()} cores, sizes "
          f"{', '.join(f'{s:,}' for s in sizes)}, runs {', '.join(map(str, repeats))}, in {workdir}", flush=True)
    results = {}
    try:
        for size, repeat in zip(sizes, repeats):
            runs = [one_run(workdir, articles, size, args.jobs, args.search, first_bare=(i % 2 == 0))
                    for i in range(repeat)]
            results[size] = median_of(runs)
            print_table(size, args.jobs, args.search, repeat, results[size])
            sys.stdout.flush()
        check_targets(results)
        if args.profile:
            profile_build(workdir, articles, sizes[0], args.search)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
