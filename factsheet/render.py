"""Render fact records into Markdown pages with Jinja: the publish stage's first half.

``load_site`` reads every fact file, applies the entity registry and builds
one :class:`SiteData`: entities merged by id across articles, facts linked to
their articles, speakers and themes, everything sorted and grouped here so
the templates only lay it out.  ``render_site`` writes one page per entity,
theme and article, the section indexes, the quote, figure and timeline
indexes, the credits page and the machine-readable exports, writing a file
only when its content changed and removing pages that are no longer made.

Every value printed by a template is escaped for Markdown and HTML unless it
is marked safe, because article text is untrusted.
"""

from __future__ import annotations

import bisect
import csv
import html
import io
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import jinja2
from markupsafe import Markup

from .cache import JsonCache, code_key, map_in_processes
from .config import DEFAULT_CREDITS, DEFAULT_EXCERPT_SHARE
from .errors import BuildError, RecordError
from .paths import write_if_changed
from .records import Problem, load_record, record_to_dict

PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"
REPO_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SECTIONS = {"person": "people", "organization": "organizations", "place": "places", "other": "other"}
SECTION_TITLES = {"people": "People", "organizations": "Organizations", "places": "Places", "other": "Other names"}
FACT_KIND_TITLES = {"quote": "Quotes", "figure": "Figures", "event": "Events", "statement": "Statements"}
KIND_TITLES = {"person": "Person", "organization": "Organization", "place": "Place", "other": "Other"}
STATUS_LABELS = {"reviewed": "✔ reviewed", "draft": "draft"}
ASSETS = ("factsheet.css", "factsheet.js")
#: how many related entities an entity page lists
RELATED_LIMIT = 10


# ---------------------------------------------------------------------------
# escaping

# the characters Python-Markdown (with the tables extension) lets a backslash escape;
# "<", ">" and "&" are neutralised by HTML escaping instead
_MD_CHARS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md_escape(value):
    """Text safe to print in Markdown: one line, Markdown syntax and HTML neutralised."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    text = _MD_CHARS.sub(r"\\\1", text)
    return Markup(html.escape(text, quote=False))


def html_escape(value):
    """Text safe inside raw HTML (element content or a quoted attribute)."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(" ".join(str(value).split()), quote=True))


_LINK = re.compile(r"^[\w./-]+(#[\w-]+)?$")


def url_path(value):
    """A site-internal link target (slugs only), marked safe; anything else is an error."""
    text = str(value)
    if not _LINK.match(text) or ".." in text.split("#")[0].replace("../", ""):
        raise BuildError(f"refusing to link to {text!r}: internal links are slugs")
    return Markup(text)


def json_ld(data):
    """A ``<script type="application/ld+json">`` block that no text inside can break out of."""
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True)
    raw = raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{raw}</script>')


def yaml_string(value):
    """A YAML (JSON) string for front matter; HTML-escaped, as themes print front matter raw."""
    return Markup(json.dumps(html.escape(" ".join(str(value).split()), quote=True), ensure_ascii=False))


def safe_url(url):
    """``url`` if it is http(s), else None: links to sources never run script."""
    if isinstance(url, str) and re.match(r"^https?://[^\s<>\"']+$", url.strip(), re.I):
        return url.strip()
    return None


def link_label(url):
    """The host of ``url`` without ``www.``: a short, readable label for an external link."""
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or url
    return host[4:] if host.startswith("www.") else host


def format_number(value):
    """A figure's value for a page: thousands separators, at most three decimals, and as many as a
    small measure needs to show its first digits (0.000032, not 0)."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        decimals = 3
        if abs(value) < 0.01:
            decimals = 2 - math.floor(math.log10(abs(value)))
        return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


# ---------------------------------------------------------------------------
# licenses

#: what the words of a license name stand for, applied in order
_LICENSE_WORDS = ((r"\bcreative commons\b", "cc"), (r"^attribution\b", "cc by"), (r"\battribution\b", "by"),
                  (r"\bshare ?alike\b", "sa"), (r"\bnon ?commercial\b", "nc"), (r"\bno ?deriv\w*", "nd"),
                  (r"\bcc ?(?:0|zero)\b", "cc0"))
_LICENSE_NOISE = re.compile(r"\b(?:v(?:ersion)?\s*)?\d+(?:\.\d+)*\b|\b(?:generic|international|unported|"
                            r"license|licence|licensed|deed|the|under|a)\b")
_CC_ELEMENTS = ("by", "nc", "nd", "sa")


def license_family(name):
    """"CC BY 2.5" -> "cc by": a license without its version or spelling, to compare licenses.

    Creative Commons licenses come out the same however they are written
    ("CC-BY-SA-4.0", "Creative Commons Attribution-ShareAlike 4.0
    International", the deed's address), and keep every element, so "CC
    BY-NC" is "cc by nc" and never matches "CC BY".  Other names are
    lowercased with their version dropped ("Public Domain Mark 1.0" is
    "public domain").
    """
    text = str(name or "").strip().lower()
    deed = re.search(r"creativecommons\.org/(licenses|publicdomain)/([a-z-]+)", text)
    if deed:
        if deed.group(1) == "publicdomain":
            return "cc0" if deed.group(2) == "zero" else "public domain"
        text = "cc " + deed.group(2)
    text = " ".join(re.sub(r"[^\w.]+|_", " ", text).split())
    for pattern, replacement in _LICENSE_WORDS:
        text = re.sub(pattern, replacement, text)
    words = [w for w in _LICENSE_NOISE.sub(" ", text).replace(".", " ").split()]
    # "Attribution 4.0 International (CC BY 4.0)" names it twice: "cc by cc by"
    if words[:1] == ["cc"] and len(words) > 1 and set(words[1:]) <= {"cc", *_CC_ELEMENTS}:
        return " ".join(["cc"] + [e for e in _CC_ELEMENTS if e in words[1:]])
    text = " ".join(words)
    return "public domain" if text.startswith("public domain") else text


def license_url(name):
    """The deed of a Creative Commons license ("CC BY 2.5", "CC BY-SA 4.0", "CC0"), else None.

    A license named by its deed's address links to that address; one named
    without a version links to the current version, 4.0.
    """
    text = str(name or "").strip()
    if re.match(r"^https?://creativecommons\.org/[\w./-]*$", text, re.I):
        return text
    family = license_family(text)
    if family == "cc0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    if family.startswith("cc by"):
        version = re.search(r"\b(\d\.\d)\b", text)
        return f"https://creativecommons.org/licenses/{family[3:].replace(' ', '-')}/" \
               f"{version.group(1) if version else '4.0'}/"
    return None


def is_open_license(name, open_licenses):
    """True when ``name`` is one of ``open_licenses`` (any version): its full text may be republished.

    :param open_licenses: license names from ``open_licenses`` in factsheet.yml
    """
    family = license_family(name)
    return bool(family) and family in {license_family(o) for o in open_licenses}


#: the order in which a closed article's facts get their evidence sentence shown: reported
#: words first (what quotation is for), then figures, then the article's own reporting
EXCERPT_ORDER = ("quote", "figure", "statement", "event")
#: fewer consecutive words of an article are a name, a title or a figure, not its writing
EXCERPT_MIN_WORDS = 8
_WORD = re.compile(r"\w+")


def word_spans(text, paragraphs):
    """``(start, end)`` of every word of ``text`` inside ``paragraphs``, in order."""
    return [(m.start() + s, m.end() + s) for s, e in paragraphs for m in _WORD.finditer(text[s:e])]


@dataclass
class ClosedText:
    """An article whose license is not open: its text and the excerpts of it the site may show."""

    slug: str
    license: str | None
    #: the article's text, what evidence offsets index ("" when its file is gone)
    text: str
    #: ``(start, end)`` of each body paragraph in ``text``: the share is a share of these
    paragraphs: list
    #: the largest share of the body the excerpts may cover (``excerpt_share`` in factsheet.yml)
    limit: float
    #: ``(start, end)`` of the granted excerpts, merged
    spans: list = field(default_factory=list)
    #: ids of the facts whose evidence sentence the site shows
    shown: set = field(default_factory=set)
    #: ids of the facts whose text is the article's writing and is not shown
    withheld: set = field(default_factory=set)

    @property
    def body_chars(self):
        """How many characters the body paragraphs have."""
        return sum(e - s for s, e in self.paragraphs)

    @property
    def share(self):
        """The share of the body's characters the granted excerpts cover."""
        return _length(self.spans) / self.body_chars if self.body_chars else 0.0


def merge_spans(spans):
    """Overlapping or touching ``(start, end)`` spans joined, in order."""
    out = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _length(spans):
    return sum(e - s for s, e in merge_spans(spans))


def _clip(spans, paragraphs):
    """The parts of ``spans`` inside the body ``paragraphs`` (the title and notices are not the body)."""
    return [(max(s, ps), min(e, pe)) for s, e in spans for ps, pe in paragraphs if s < pe and e > ps]


def plan_excerpts(record, source, limit):
    """Decide which words of a closed article the site shows: a :class:`ClosedText`.

    A fact's excerpt is its evidence sentence, plus any run of
    :data:`EXCERPT_MIN_WORDS` or more of the article's words in its text found
    elsewhere in the article.  Excerpts are granted in :data:`EXCERPT_ORDER`
    (quotes, figures, statements, events), shorter ones first within a kind,
    then in article order, while all granted excerpts together cover at most
    ``limit`` of the body's characters; an excerpt that overlaps granted ones
    costs only its new characters, so facts of one sentence share it.  A fact
    without an excerpt keeps its evidence offsets in its fact file, but the
    site shows neither its sentence nor, when its text is the article's
    writing (a run of :data:`EXCERPT_MIN_WORDS` words of it), its text.

    :param source: the :class:`~factsheet.articles.Article`, or None when its
        file is gone: then nothing of it can be measured, so no sentence is shown
    :param limit: the largest share (0 to 1) of the body the excerpts may cover
    """
    text = source.text if source is not None else ""
    paragraphs = list(source.paragraphs) if source is not None else []
    spans = word_spans(text, paragraphs)
    grams = {}
    for i in range(len(spans) - EXCERPT_MIN_WORDS + 1):
        grams.setdefault(tuple(text[s:e].lower() for s, e in spans[i:i + EXCERPT_MIN_WORDS]), i)
    closed = ClosedText(slug=record.article.slug, license=record.article.license, text=text, paragraphs=paragraphs,
                        limit=limit)
    candidates = []
    for fact in record.facts:
        if fact.status == "rejected":
            continue
        runs = _runs(fact.text, grams, spans)
        verbatim = bool(runs) or (source is None and fact.evidence is not None
                                  and _repeats(fact.text, fact.evidence.sentence))
        needs = list(runs)
        ev = fact.evidence
        if ev is not None and source is not None and 0 <= ev.start < ev.end <= len(text):
            needs.append((ev.start, ev.end))
        candidates.append((fact, verbatim, _clip(needs, paragraphs), bool(ev is not None or runs)))
    budget = limit * closed.body_chars
    order = {kind: i for i, kind in enumerate(EXCERPT_ORDER)}
    candidates.sort(key=lambda c: (order.get(c[0].kind, len(order)), _length(c[2]),
                                   c[0].evidence.start if c[0].evidence else 0))
    for fact, verbatim, needs, cites in candidates:
        if not cites:
            continue  # in its own words and citing no sentence: nothing of the article to show
        if source is not None and _length(closed.spans + needs) <= budget:
            closed.spans = merge_spans(closed.spans + needs)
            closed.shown.add(fact.id)
        elif verbatim:
            closed.withheld.add(fact.id)
    return closed


def _words(text):
    return [w.lower() for w in _WORD.findall(text or "")]


def _runs(text, grams, spans):
    """Where ``text`` repeats runs of :data:`EXCERPT_MIN_WORDS` words of the article: ``(start, end)`` list."""
    words = _words(text)
    out = []
    for i in range(len(words) - EXCERPT_MIN_WORDS + 1):
        at = grams.get(tuple(words[i:i + EXCERPT_MIN_WORDS]))
        if at is not None:
            out.append((spans[at][0], spans[at + EXCERPT_MIN_WORDS - 1][1]))
    return merge_spans(out)


def _repeats(text, sentence):
    """True when ``text`` holds a run of :data:`EXCERPT_MIN_WORDS` words of ``sentence``."""
    theirs = _words(sentence)
    grams = {tuple(theirs[i:i + EXCERPT_MIN_WORDS]) for i in range(len(theirs) - EXCERPT_MIN_WORDS + 1)}
    ours = _words(text)
    return any(tuple(ours[i:i + EXCERPT_MIN_WORDS]) in grams for i in range(len(ours) - EXCERPT_MIN_WORDS + 1))


def closed_texts(loaded, open_licenses, limit):
    """A :class:`ClosedText` for every article whose license is not open (unknown ones included).

    :param loaded: ``(record, article)`` pairs from :func:`load_records`
    :param limit: ``excerpt_share`` of factsheet.yml
    """
    return [plan_excerpts(record, source, limit) for record, source in loaded
            if not is_open_license(record.article.license, open_licenses)]


# ---------------------------------------------------------------------------
# the site model

@dataclass
class ArticleView:
    slug: str
    title: str
    source: str
    published: str | None
    publisher: str | None
    author: str | None
    url: str | None
    license: str | None
    copyright: str | None
    open: bool
    path: str
    text: str | None = None
    #: (start, end) of each body paragraph in ``text``
    source_paragraphs: list = field(default_factory=list)
    #: the body as safe HTML paragraphs, evidence marked (open licenses only)
    paragraphs: list = field(default_factory=list)
    facts: list = field(default_factory=list)
    entities: list = field(default_factory=list)
    sha256: str = ""
    #: closed articles: the share of the body its excerpts cover, and the most they may (None when open)
    excerpt_share: float | None = None
    excerpt_limit: float | None = None
    #: open articles: the :class:`CreditView` their license asks for (None when closed)
    credit: CreditView | None = None

    @property
    def license_url(self):
        """The license's deed for Creative Commons licenses, else None."""
        return license_url(self.license)

    @property
    def excerpt_percent(self):
        """"22%": how much of a closed article its page and the site quote; None when open."""
        return None if self.excerpt_share is None else f"{self.excerpt_share:.0%}"

    @property
    def excerpt_limit_percent(self):
        """"25%": the most of a closed article the site may quote (``excerpt_share``); None when open."""
        return None if self.excerpt_limit is None else f"{self.excerpt_limit:.0%}"

    @property
    def withheld(self):
        """How many of its facts are shown without the article's words (closed articles only)."""
        return sum(1 for f in self.facts if f.withheld)


@dataclass
class CreditView:
    """The attribution an open article's license asks for, ready to print."""

    #: how the source is credited: "From Wikinews, the free news source" (``credits`` in
    #: factsheet.yml), else "From PUBLISHER", else None
    source: str | None
    author: str | None
    title: str
    #: the original (http(s) only) or None
    url: str | None
    license: str
    license_url: str | None
    #: what the site changed, e.g. "shown as plain text without the original's formatting, links and images"
    changes: str


@dataclass
class LicenseView:
    """One license of the site's sources and how its articles are shown."""

    name: str
    url: str | None
    #: how many articles have it
    count: int
    #: True when its articles are shown in full
    open: bool


@dataclass
class EntityView:
    id: str
    name: str
    kind: str
    path: str
    section: str
    aliases: list = field(default_factory=list)
    roles: list = field(default_factory=list)
    #: from ``content/entities.yaml``, else None
    description: str | None = None
    #: :class:`LinkView` list (http(s) only), from ``content/entities.yaml``
    links: list = field(default_factory=list)
    #: articles that name it, newest first
    articles: list = field(default_factory=list)
    #: quotes it said
    quotes: list = field(default_factory=list)
    #: quotes by others that are about it
    quotes_about: list = field(default_factory=list)
    #: every non-quote fact it said or is about (figures, events, statements)
    facts: list = field(default_factory=list)
    #: :class:`RelatedView` list: entities named in the same articles, most shared first
    related: list = field(default_factory=list)
    hidden: bool = False

    @property
    def mentions(self):
        """How many articles name it."""
        return len(self.articles)

    @property
    def kind_title(self):
        return KIND_TITLES.get(self.kind, self.kind.capitalize())

    @property
    def figures(self):
        return [f for f in self.facts if f.kind == "figure"]

    @property
    def events(self):
        return [f for f in self.facts if f.kind == "event"]

    @property
    def statements(self):
        return [f for f in self.facts if f.kind == "statement"]

    @property
    def fact_count(self):
        """Quotes it said plus every fact about it."""
        return len(self.quotes) + len(self.quotes_about) + len(self.facts)


@dataclass
class LinkView:
    """An external link: the URL (http(s) only) and a short label (its host)."""

    url: str
    label: str


@dataclass
class RelatedView:
    """Another entity named in ``shared`` of the same articles."""

    entity: "EntityView"
    shared: int


@dataclass
class TopicView:
    slug: str
    name: str
    path: str
    facts: list = field(default_factory=list)
    articles: list = field(default_factory=list)


@dataclass
class FactView:
    id: str
    kind: str
    text: str
    status: str
    origin: str
    article: ArticleView
    speaker: EntityView | None
    about: list
    topics: list
    date: str | None
    precision: str | None
    number: object
    qualifier: str | None
    unit: str | None
    counts: str | None
    verb: str | None
    channel: str | None
    sentence: str | None
    start: int | None
    end: int | None
    #: True when the text is the article's writing and its license lets the site show only
    #: excerpts, none of which is this fact's: ``text`` then describes the fact instead
    withheld: bool = False
    #: which paragraph of the original the evidence is in (1 is the first after the title), or None
    paragraph: int | None = None

    @property
    def anchor(self):
        return f"fact-{self.id}"

    @property
    def evidence_anchor(self):
        return f"ev-{self.id}"

    @property
    def evidence_link(self):
        """Root-relative link to the evidence on the article page."""
        return f"{self.article.path}#{self.evidence_anchor}"

    @property
    def number_text(self):
        return format_number(self.number)

    @property
    def reviewed(self):
        return self.status == "reviewed"

    @property
    def status_label(self):
        """"✔ reviewed" or "draft" (facts nobody has checked yet)."""
        return STATUS_LABELS.get(self.status, self.status)


@dataclass
class SiteData:
    articles: list
    entities: dict
    topics: dict
    facts: list
    records: list
    warnings: list = field(default_factory=list)
    #: a :class:`ClosedText` per article whose license is not open, by slug
    closed: dict = field(default_factory=dict)
    #: ``excerpt_share`` of factsheet.yml: the most of a closed article the site quotes
    excerpt_limit: float = DEFAULT_EXCERPT_SHARE

    def section(self, name):
        return sorted((e for e in self.entities.values() if e.section == name and not e.hidden),
                      key=lambda e: e.name.casefold())


def load_records(facts_dir, project_root, registry=None, cache=None, jobs=1):
    """Load and validate every fact file; raise :class:`RecordError` listing all problems.

    Returns ``(loaded, warnings)`` where each item of ``loaded`` is
    ``(record, article)``, the article being None when its source file is gone.

    :param cache: a JSON file keeping validated records between builds (``build/records-cache.json``);
        a fact file is validated again only when it, its article or the registry's ids changed,
        which is what makes a rebuild after one edit fast
    :param jobs: processes that validate files side by side when many need it (a first build)
    """
    facts_dir = Path(facts_dir)
    known = registry.ids if registry is not None else set()
    store = RecordCache(cache, known) if cache is not None else None
    paths = sorted(facts_dir.glob("*.yaml"))
    outcomes, misses = {}, []
    for path in paths:
        hit = store.get(path, project_root) if store is not None else None
        if hit is None:
            misses.append(path)
        else:
            outcomes[path] = hit
    for path, outcome in zip(misses, map_in_processes(_validate, misses, jobs, project_root=project_root,
                                                       known=known)):
        outcomes[path] = outcome
        if store is not None and not isinstance(outcome, list):
            store.put(path, *outcome)
    if store is not None:
        store.save()
    problems, loaded = [], []
    for path in paths:  # in file order, whichever process validated the file
        outcome = outcomes[path]
        if isinstance(outcome, list):  # the problems of a file with errors
            problems.extend(outcome)
            continue
        record, article, warnings = outcome
        problems.extend(warnings)
        loaded.append((record, article))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        files = sorted({p.path for p in errors})
        raise RecordError(f"{len(errors)} error(s) in {', '.join(files)}; run `factsheet check` for the list",
                          problems)
    return loaded, [p for p in problems if p.severity != "error"]


def _validate(path, project_root, known):
    """``(record, article, warnings)`` for a valid fact file, else the list of its problems."""
    try:
        article = read_source(path, project_root)
        text = article.text if article is not None else None
        record, warnings = load_record(path, article_text=text, known_entities=known)
    except RecordError as exc:
        return exc.problems or [Problem(str(path), 1, 1, str(exc))]
    return record, article, warnings


class RecordCache(JsonCache):
    """Validated records kept between builds, keyed by the sha256 of each fact file and its article.

    Validation parses every fact file with positions, which is slow; a build
    after one edit should pay for that file only.  An entry is used when the
    fact file's bytes, its article's bytes and the registry's ids are those it
    was validated with, and the code that reads and validates them is the same
    (the key includes the source of those modules).  It is JSON, not pickle,
    so a cache file from elsewhere can never run code; an entry that does not
    read back equal to what was validated is not stored.

    :param path: the cache file (created on :meth:`save`)
    :param known: the registry's entity ids, which validation checks references against
    """

    VERSION = 1

    def __init__(self, path, known=()):
        super().__init__(path, code_key(self.VERSION, ("records.py", "articles.py", "html.py", "render.py"), known))

    def get(self, fact_path, project_root):
        """``(record, article, warnings)`` when the cached entry still holds, else None."""
        from .articles import Article
        from .paths import sha256_bytes
        from .records import record_from_dict

        name = Path(fact_path).name
        entry = self.entry(name)
        if entry is None:
            return None
        try:
            if sha256_bytes(Path(fact_path).read_bytes()) != entry["sha256"]:
                return None
            article = None
            if entry["article"] is not None:
                source = Path(project_root) / entry["article"]["source"]
                if not source.is_file() or sha256_bytes(source.read_bytes()) != entry["article"]["sha256"]:
                    return None
                article = Article(**{**entry["article"], "paragraphs": [tuple(p) for p in entry["article"]["paragraphs"]]})
            elif read_source(fact_path, project_root) is not None:
                return None  # the article has appeared since
            record = record_from_dict(entry["record"])
            warnings = [Problem(**w) for w in entry["warnings"]]
        except (OSError, KeyError, TypeError, ValueError):
            return None
        self.keep(name, entry)
        return record, article, warnings

    def put(self, fact_path, record, article, warnings):
        """Remember a record that was just validated."""
        from dataclasses import asdict

        from .paths import sha256_bytes
        from .records import record_from_dict

        name = Path(fact_path).name
        try:
            entry = {"sha256": sha256_bytes(Path(fact_path).read_bytes()),
                     "record": json.loads(json.dumps(record_to_dict(record), ensure_ascii=False)),
                     "article": json.loads(json.dumps(asdict(article))) if article is not None else None,
                     "warnings": [asdict(w) for w in warnings]}
        except (OSError, TypeError, ValueError):
            return
        if record_from_dict(entry["record"]) != record:
            return  # not exactly the record again: validate this file every time instead
        self.store(name, entry)


def read_source(fact_path, project_root):
    """The article a fact file was extracted from (its offsets index its text), or None."""
    from .records import article_identity

    identity = article_identity(fact_path)  # None for an unreadable file: validation reports it
    source = identity[0] if identity else None
    if not source or not project_root:
        return None
    path = Path(project_root) / source
    if not path.is_file():
        return None
    from .articles import read_article
    from .errors import ArticleError

    try:
        return read_article(path, project_root)
    except ArticleError:
        return None


def build_site_data(loaded, registry=None, open_licenses=(), themes=None, excerpt_share=DEFAULT_EXCERPT_SHARE,
                    credits=None):
    """Merge records into one :class:`SiteData` (entities by id across articles).

    Articles whose license is not in ``open_licenses`` get no text, and their
    facts only the excerpts :func:`plan_excerpts` grants within
    ``excerpt_share``: every view, page and export is made from this data, so
    nothing else of them can reach the site.  Open articles get the credit
    their license asks for, the source named as ``credits`` (publisher ->
    credit line, default :data:`~factsheet.config.DEFAULT_CREDITS`) says.
    """
    from .extract.topics import TopicMatcher

    topic_names = TopicMatcher(themes).names
    entities, topics, facts, articles = {}, {}, [], []
    records = []
    closed_by_slug = {}
    role_sources = defaultdict(list)
    name_votes = defaultdict(Counter)
    kind_votes = defaultdict(Counter)
    for record, source in loaded:
        if registry is not None:
            registry.apply_to_record(record)
        records.append(record)
        info = record.article
        open_ = is_open_license(info.license, open_licenses)
        article = ArticleView(slug=info.slug, title=info.title, source=info.source, published=info.published,
                              publisher=info.publisher, author=info.author, url=safe_url(info.url),
                              license=info.license, copyright=info.copyright, open=open_,
                              path=f"articles/{info.slug}.md", sha256=info.sha256)
        closed = None
        if open_:
            article.credit = make_credit(article, source, DEFAULT_CREDITS if credits is None else credits)
        if open_ and source is not None:
            article.text, article.source_paragraphs = source.text, source.paragraphs
        elif not open_:
            closed = closed_by_slug[info.slug] = plan_excerpts(record, source, excerpt_share)
            article.excerpt_share, article.excerpt_limit = closed.share, excerpt_share
        paragraph_starts = [s for s, _ in source.paragraphs] if source is not None else []
        articles.append(article)
        for ent in record.entities:
            view = entities.get(ent.id)
            if view is None:
                section = SECTIONS.get(ent.kind, "other")
                view = entities[ent.id] = EntityView(id=ent.id, name=ent.name, kind=ent.kind, section=section,
                                                     path=f"{section}/{ent.id}.md")
            name_votes[ent.id][ent.name] += 1
            kind_votes[ent.id][ent.kind] += 1
            for alias in ent.aliases:
                if alias not in view.aliases:
                    view.aliases.append(alias)
            for role in ent.roles:
                role_sources[ent.id].append(role)
            # one record may list an entity twice (merged by the registry); articles come one at a
            # time, so the last one is the only one to check (a list search made large sites quadratic)
            if not view.articles or view.articles[-1] is not article:
                view.articles.append(article)
            article.entities.append(view)
        for fact in record.facts:
            if fact.status == "rejected":
                continue
            ev = fact.evidence
            shown = ev is not None and (closed is None or fact.id in closed.shown)
            view = FactView(id=fact.id, kind=fact.kind, text=fact.text, status=fact.status, origin=fact.origin,
                            article=article, speaker=None, about=[], topics=[], date=fact.date,
                            precision=fact.precision, number=fact.number, qualifier=fact.qualifier, unit=fact.unit,
                            counts=fact.counts, verb=fact.verb, channel=fact.channel,
                            sentence=ev.sentence if shown else None, start=ev.start if ev else None,
                            end=ev.end if ev else None, withheld=closed is not None and fact.id in closed.withheld,
                            paragraph=(bisect.bisect_right(paragraph_starts, ev.start) or None) if ev else None)
            view._speaker_id = fact.speaker
            view._about_ids = list(fact.about)
            view._topic_ids = list(fact.topics)
            facts.append(view)
            article.facts.append(view)
    # second pass: names, kinds, links between views
    for eid, view in entities.items():
        view.name = name_votes[eid].most_common(1)[0][0]
        view.kind = kind_votes[eid].most_common(1)[0][0]
        view.section = SECTIONS.get(view.kind, "other")
        view.path = f"{view.section}/{eid}.md"
        view.aliases = [a for a in view.aliases if a != view.name]
        view.roles = _distinct_roles(role_sources[eid])
        entry = registry.get(eid) if registry is not None else None
        if entry is not None:
            view.name = entry.name or view.name
            view.description = entry.description
            view.links = [LinkView(url=u, label=link_label(u)) for u in (safe_url(link) for link in entry.links) if u]
            view.hidden = entry.hidden
    topic_articles = defaultdict(set)  # ids of the articles each topic lists, for O(1) membership
    for view in facts:
        speaker = entities.get(view._speaker_id)
        view.speaker = speaker if speaker and not speaker.hidden else None
        view.about = [entities[a] for a in view._about_ids if a in entities and not entities[a].hidden]
        for slug in view._topic_ids:
            topic = topics.get(slug)
            if topic is None:
                topic = topics[slug] = TopicView(slug=slug, name=topic_names.get(slug, slug.replace("-", " ")),
                                                 path=f"topics/{slug}.md")
            view.topics.append(topic)
            topic.facts.append(view)
            if id(view.article) not in topic_articles[slug]:
                topic_articles[slug].add(id(view.article))
                topic.articles.append(view.article)
        if view.speaker is not None:
            if view.kind == "quote":
                view.speaker.quotes.append(view)
            else:
                view.speaker.facts.append(view)
        done = set()  # a fact about the same entity twice is listed once
        for ent in view.about:
            if ent is view.speaker or id(ent) in done:
                continue
            done.add(id(ent))
            (ent.quotes_about if view.kind == "quote" else ent.facts).append(view)
        if view.withheld:
            view.text = withheld_text(view)
    # related entities: co-mentioned in the most articles
    by_article = {a.slug: {e.id for e in a.entities} for a in articles}
    for view in entities.values():
        counts = Counter()
        for article in view.articles:
            counts.update(by_article[article.slug])
        counts.pop(view.id, None)
        view.related = [RelatedView(entity=entities[i], shared=n)
                        for i, n in sorted(counts.items(), key=lambda kv: (-kv[1], entities[kv[0]].name.casefold()))
                        if not entities[i].hidden][:RELATED_LIMIT]
    _sort(articles, entities, topics, facts)
    for article in articles:
        article.entities = sorted({e.id: e for e in article.entities if not e.hidden}.values(),
                                  key=lambda e: (e.section, e.name.casefold()))
        if article.open and article.text is not None:
            article.paragraphs = _paragraphs_with_marks(article)
    return SiteData(articles=articles, entities=entities, topics=topics, facts=facts, records=records,
                    closed=closed_by_slug, excerpt_limit=excerpt_share)


def make_credit(article, source, credits):
    """The :class:`CreditView` of an open article: source, author, title, link, license and changes."""
    by_name = {name.casefold(): line for name, line in credits.items()}
    line = by_name.get((article.publisher or "").casefold()) or (f"From {article.publisher}" if article.publisher
                                                                  else None)
    changes = "shown as plain text without the original's formatting, links and images"
    if source is not None:
        title_end = source.text.find("\n")
        kept = [(0, len(source.text) if title_end < 0 else title_end)] + list(source.paragraphs)
        pos, left_out = 0, False
        for start, end in sorted(kept):
            left_out = left_out or bool(source.text[pos:start].strip())
            pos = max(pos, end)
        if left_out or source.text[pos:].strip():
            changes += "; notices, datelines and source lists left out"
    changes += "; the sentences behind each fact highlighted"
    return CreditView(source=line, author=article.author, title=article.title, url=article.url,
                      license=article.license, license_url=license_url(article.license), changes=changes)


def _names(entities):
    names = [e.name for e in entities]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def withheld_text(fact):
    """What a fact whose words are withheld shows instead: its kind, speaker and subjects, in factsheet's words."""
    about = [e for e in fact.about if e is not fact.speaker]
    if fact.kind == "figure":
        value = " ".join(x for x in (fact.qualifier, fact.number_text, fact.unit) if x)
        words = f"Figure {value}" if value else "Figure"
        return words + (f" ({fact.counts})" if fact.counts else "")
    words = {"quote": "Quoted words", "statement": "Statement", "event": "Event"}.get(fact.kind, "Fact")
    if fact.speaker is not None and fact.kind != "quote":
        words += f" by {fact.speaker.name}"
    if about:
        words += f" {'involving' if fact.kind == 'event' else 'about'} {_names(about)}"
    return words


def _distinct_roles(roles):
    from .extract.roles import _fullest_roles

    return _fullest_roles(roles)


def _date_key(article):
    return article.published or ""


def _sort(articles, entities, topics, facts):
    articles.sort(key=lambda a: (_date_key(a), a.slug), reverse=True)
    fact_order = {"quote": 0, "figure": 1, "event": 2, "statement": 3}
    for view in entities.values():
        view.articles.sort(key=lambda a: (_date_key(a), a.slug), reverse=True)
        view.quotes.sort(key=lambda f: (_date_key(f.article), f.article.slug, f.start or 0))
        view.quotes_about.sort(key=lambda f: (_date_key(f.article), f.article.slug, f.start or 0))
        view.facts.sort(key=lambda f: (fact_order[f.kind], f.date or _date_key(f.article), f.article.slug,
                                       f.start or 0))
    for topic in topics.values():
        topic.facts.sort(key=lambda f: (fact_order[f.kind], _date_key(f.article), f.start or 0))
        topic.articles.sort(key=lambda a: (_date_key(a), a.slug), reverse=True)
    for article in articles:
        article.facts.sort(key=lambda f: (fact_order[f.kind], f.start if f.start is not None else 10**12))


def _paragraphs_with_marks(article):
    """The article's paragraphs as safe HTML, each fact's evidence marked with its anchor."""
    text = article.text
    spans = defaultdict(list)
    for fact in article.facts:
        if fact.start is not None and fact.end is not None and 0 <= fact.start <= fact.end <= len(text):
            spans[(fact.start, fact.end)].append(fact.evidence_anchor)
    out = []
    for pstart, pend in article.source_paragraphs:
        inside = sorted((s, e, ids) for (s, e), ids in spans.items() if s >= pstart and e <= pend)
        pieces, pos, open_until = [], pstart, -1
        anchors = []
        for s, e, ids in inside:
            if s < open_until:
                anchors.append((s, ids))  # overlaps a mark already placed: anchor only
                continue
            pieces.append(("text", text[pos:s]))
            pieces.append(("mark", text[s:e], ids))
            pos, open_until = e, e
        pieces.append(("text", text[pos:pend]))
        html_parts = []
        for piece in pieces:
            if piece[0] == "text":
                html_parts.append(html.escape(piece[1], quote=False))
            else:
                first, *rest = piece[2]
                extra = "".join(f'<span id="{a}"></span>' for a in rest)
                html_parts.append(f'{extra}<mark id="{first}">{html.escape(piece[1], quote=False)}</mark>')
        for s, ids in anchors:
            html_parts.insert(0, "".join(f'<span id="{a}"></span>' for a in ids))
        out.append(Markup("".join(html_parts).replace("\n", "<br>")))
    # evidence in the headline (shown as the page title): anchor it at the start of the text
    outside = [ids for (s, e), ids in sorted(spans.items())
               if not any(ps <= s and e <= pe for ps, pe in article.source_paragraphs)]
    if out and outside:
        out[0] = Markup("".join(f'<span id="{a}"></span>' for ids in outside for a in ids)) + out[0]
    return out


# ---------------------------------------------------------------------------
# templates

def template_dirs(project_templates=None):
    """Project templates first (they win file by file), then the package defaults."""
    dirs = []
    if project_templates is not None and Path(project_templates).is_dir():
        dirs.append(Path(project_templates))
    for candidate in (PACKAGE_TEMPLATES, REPO_TEMPLATES):
        if candidate.is_dir() and candidate not in dirs:
            dirs.append(candidate)
    return dirs


def make_environment(project_templates=None):
    """The Jinja environment: escaping on every output, strict about undefined names."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in template_dirs(project_templates)]),
        finalize=lambda value: md_escape(value) if value is not None else "",
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["md"] = md_escape
    env.filters["html"] = html_escape
    env.filters["number"] = format_number
    env.filters["json_ld"] = json_ld
    env.filters["url"] = url_path
    env.filters["date"] = date_label
    env.filters["yaml"] = yaml_string
    return env


def _render(env, name, **context):
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(f"{exc.filename or name}:{exc.lineno}: template error: {exc.message} "
                         "(fix the template or delete it to use the default)") from None
    except jinja2.TemplateError as exc:
        where = _template_line(exc, name)
        raise BuildError(f"{where}: template error: {exc} (fix the template or delete it to use the default)") from None
    except BuildError:
        raise
    except Exception as exc:  # {{ 1 / 0 }}, a filter given the wrong type...: one line, never a traceback
        where = _template_line(exc, name)
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise BuildError(f"{where}: template error: {detail} (fix the template or delete it to use the default)") from None


def _template_line(exc, name):
    import traceback

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return f"{frame.filename}:{frame.lineno}"
    return name


# ---------------------------------------------------------------------------
# pages

@dataclass
class RenderResult:
    """Which pages were written, left alone, or removed."""

    written: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    removed: list = field(default_factory=list)

    @property
    def total(self):
        return len(self.written) + len(self.unchanged)


#: how a page reaches the site root: pages live at the top or one folder down
TOP, UP = Markup(""), Markup("../")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def page_contexts(site, title="Fact sheet", search="lunr"):
    """``(path, template, context)`` for every page of the site.

    Each context holds exactly the variables :data:`TEMPLATES` documents for
    its template, already sorted and grouped.
    """
    pages = []
    cited = lambda section: sorted(site.section(section), key=lambda e: (-e.mentions, e.name.casefold()))[:10]  # noqa: E731
    topics = sorted(site.topics.values(), key=lambda t: (-len(t.facts), t.name))
    counts = Counter(f.kind for f in site.facts)
    sections = [(heading, section, len(site.section(section))) for section, heading in SECTION_TITLES.items()
                if site.section(section) or section != "other"]
    pages.append(("index.md", "home.md.j2", dict(
        root=TOP, title=title, articles=site.articles[:10], people=cited("people"),
        organizations=cited("organizations"), places=cited("places"), topics=topics[:12],
        article_count=len(site.articles), entity_count=sum(1 for e in site.entities.values() if not e.hidden),
        counts={k: counts.get(k, 0) for k in FACT_KIND_TITLES}, sections=sections)))
    for heading, section, _ in sections:
        members = site.section(section)
        pages.append((f"{section}/index.md", "section.md.j2",
                      dict(root=UP, title=heading, section=section, entities=members)))
        for ent in members:
            pages.append((ent.path, "entity.md.j2", dict(root=UP, entity=ent, events=_by_date(ent.events),
                                                         ld=entity_ld(ent))))
    pages.append(("topics/index.md", "topics.md.j2", dict(root=UP, title="Topics", topics=topics)))
    for topic in topics:
        pages.append((topic.path, "topic.md.j2", dict(root=UP, topic=topic, groups=_group_by_kind(topic.facts))))
    pages.append(("articles/index.md", "articles.md.j2", dict(root=UP, title="Articles", articles=site.articles)))
    for article in site.articles:
        pages.append((article.path, "article.md.j2", dict(root=UP, article=article,
                                                          groups=_group_by_kind(article.facts),
                                                          ld=article_ld(article))))
    quotes = [f for f in site.facts if f.kind == "quote"]
    by_speaker = defaultdict(list)
    for quote in quotes:
        by_speaker[quote.speaker.id if quote.speaker else ""].append(quote)
    speakers = sorted(((site.entities.get(k), v) for k, v in by_speaker.items()),
                      key=lambda kv: (kv[0] is None, -(len(kv[1])), kv[0].name.casefold() if kv[0] else ""))
    pages.append(("quotes.md", "quotes.md.j2", dict(root=TOP, title="Quotes", speakers=speakers, total=len(quotes))))
    figures = sorted((f for f in site.facts if f.kind == "figure"),
                     key=lambda f: (_date_key(f.article), f.article.slug, -(f.start or 0)), reverse=True)
    pages.append(("figures.md", "figures.md.j2", dict(root=TOP, title="Figures", figures=figures)))
    events = [f for f in site.facts if f.kind == "event" and f.date]
    pages.append(("timeline.md", "timeline.md.j2", dict(root=TOP, title="Timeline", months=_by_month(events),
                                                         total=len(events))))
    pages.append(("credits.md", "credits.md.j2", dict(root=TOP, title="Credits", articles=site.articles,
                                                       licenses=license_views(site.articles),
                                                       excerpt_limit=f"{site.excerpt_limit:.0%}")))
    if search == "pagefind":
        pages.append(("search.md", "search.md.j2", dict(root=TOP, title="Search")))
    return pages


def license_views(articles):
    """A :class:`LicenseView` per license of ``articles``: open ones first, then by name; unknown last."""
    counts, first = Counter(), {}
    for article in articles:
        counts[article.license] += 1
        first.setdefault(article.license, article)
    return [LicenseView(name=name or "unknown", url=license_url(name), count=counts[name], open=first[name].open)
            for name in sorted(counts, key=lambda n: (n is None, not first[n].open, (n or "").casefold()))]


def _group_by_kind(facts):
    groups = defaultdict(list)
    for fact in facts:
        groups[fact.kind].append(fact)
    return [(FACT_KIND_TITLES[k], groups[k]) for k in ("quote", "figure", "event", "statement") if groups.get(k)]


def _by_date(events):
    """``[(date, events)]``, newest date first; events without a date go last under ""."""
    days = defaultdict(list)
    for fact in events:
        days[fact.date or ""].append(fact)
    return [(day, days[day]) for day in sorted(days, key=lambda d: (d != "", d), reverse=True)]


def date_label(value):
    """"2020-03-11" -> "11 March 2020"; "2020-03" -> "March 2020"; "2020" stays."""
    parts = str(value or "").split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return str(value or "")


def _by_month(events):
    """``[(month label, [(date, events)])]``, newest first: the timeline's two levels."""
    months = defaultdict(list)
    for day, facts in _by_date(events):
        months[day[:7]].append((day, facts))
    return [(date_label(month), months[month]) for month in sorted(months, reverse=True)]


# ---------------------------------------------------------------------------
# schema.org JSON-LD

_LD_TYPES = {"person": "Person", "organization": "Organization", "place": "Place"}


def _ld_entity(ent, full=False):
    data = {"@type": _LD_TYPES.get(ent.kind, "Thing"), "name": ent.name}
    if full:
        if ent.aliases:
            data["alternateName"] = list(ent.aliases)
        if ent.description:
            data["description"] = ent.description
        if ent.links:
            data["sameAs"] = [link.url for link in ent.links]
        if ent.kind == "person" and ent.roles:
            data["jobTitle"] = ent.roles[0]
    return data


def _ld_article(article):
    data = {"@type": "NewsArticle", "headline": article.title}
    if article.published:
        data["datePublished"] = article.published
    if article.publisher:
        data["publisher"] = {"@type": "Organization", "name": article.publisher}
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    if article.url:
        data["url"] = article.url
    if article.license:
        data["license"] = article.license
    return data


def _ld_quote(fact, with_article=True):
    data = {"@type": "Quotation", "text": fact.text}
    if fact.speaker is not None and fact.speaker.kind in ("person", "organization"):
        speaker = _ld_entity(fact.speaker)
        data["spokenByCharacter"] = speaker
        data["creator"] = speaker
    if with_article:
        data["isPartOf"] = _ld_article(fact.article)
    return data


def entity_ld(ent):
    """schema.org data for an entity page: the Person/Organization/Place and the quotes it said."""
    if ent.kind not in _LD_TYPES:
        return None
    graph = [_ld_entity(ent, full=True)] + [_ld_quote(f) for f in ent.quotes if not f.withheld]
    return {"@context": "https://schema.org", "@graph": graph}


def article_ld(article):
    """schema.org data for an article page: the NewsArticle and the quotes it reports."""
    graph = [_ld_article(article)] + [_ld_quote(f, with_article=False) for f in article.facts
                                      if f.kind == "quote" and not f.withheld]
    return {"@context": "https://schema.org", "@graph": graph}


# ---------------------------------------------------------------------------
# machine-readable output

EXPORT_FORMATS = ("json", "csv", "jsonl")


def export_text(site, fmt):
    """All facts of ``site`` as ``json`` (every record), ``csv`` or ``jsonl`` (a row a fact).

    What the site publishes: articles whose license is not open keep only
    their granted excerpts (see :func:`published_record`).
    """
    if fmt == "json":
        records = [published_record(r, site) for r in site.records]
        return json.dumps({"schema": 1, "records": records}, ensure_ascii=False, indent=1, default=str) + "\n"
    if fmt == "csv":
        return facts_csv(site)
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in fact_rows(site))
    raise BuildError(f"unknown export format {fmt!r} (use one of: {', '.join(EXPORT_FORMATS)})")


def exports(site):
    """The machine-readable files of the site: ``facts.json``, ``facts.csv`` and ``facts.jsonl``."""
    return {f"facts.{fmt}": export_text(site, fmt) for fmt in EXPORT_FORMATS}


def published_record(record, site):
    """``record`` as plain data, as the site may publish it.

    For an article whose license is not open, rejected facts are left out
    (their sentences were never granted), a fact without a granted excerpt
    has ``evidence.sentence`` null (its offsets stay), and a fact whose words
    are withheld has the site's description as ``text`` and ``withheld: true``.
    """
    data = record_to_dict(record)
    closed = site.closed.get(record.article.slug)
    if closed is None:
        return data
    views = {f.id: f for f in site.facts if f.article.slug == record.article.slug}
    facts = []
    for fact in data["facts"]:
        view = views.get(fact["id"])
        if view is None:  # rejected
            continue
        if view.withheld:
            fact["text"], fact["withheld"] = view.text, True
        if fact.get("evidence") and view.sentence is None:
            fact["evidence"] = {**fact["evidence"], "sentence": None}
        facts.append(fact)
    data["facts"] = facts
    return data


CSV_COLUMNS = ("article", "published", "id", "kind", "status", "text", "speaker", "about", "topics", "date",
               "number", "qualifier", "unit", "counts", "evidence", "start", "end")


def fact_rows(site):
    """One dict a fact of ``site`` (rejected ones left out), keys :data:`CSV_COLUMNS`, lists and numbers kept."""
    for record in site.records:
        for fact in published_record(record, site)["facts"]:
            if fact.get("status") == "rejected":
                continue
            ev = fact.get("evidence") or {}
            yield dict(zip(CSV_COLUMNS, (
                record.article.slug, record.article.published, fact["id"], fact["kind"], fact.get("status"),
                fact["text"], fact.get("speaker"), list(fact.get("about") or []), list(fact.get("topics") or []),
                fact.get("date"), fact.get("number"), fact.get("qualifier"), fact.get("unit"), fact.get("counts"),
                ev.get("sentence"), ev.get("start"), ev.get("end"))))


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return value


def facts_csv(site):
    """All facts of ``site`` as CSV text, one row a fact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([_csv_cell(v) for v in row.values()] for row in fact_rows(site))
    return buffer.getvalue()


#: the list of files the last render made, kept in the output folder: only those are ever removed
MANIFEST = ".factsheet-pages"


def render_site(site, output_dir, project_templates=None, title="Fact sheet", search="lunr", prune_all=False):
    """Write every page of ``site`` into ``output_dir``; return a :class:`RenderResult`.

    Pages an earlier render made and this one does not (a deleted article's)
    are removed; they are listed in ``output_dir/.factsheet-pages``.  No other
    file is ever removed, so a mistaken ``--output`` loses nothing.

    :param prune_all: remove every other file too (the project's own
        ``build/pages``, which only factsheet writes)
    """
    output_dir = Path(output_dir)
    env = make_environment(project_templates)
    result = RenderResult()
    made = set()

    def write(rel, text):
        parts = PurePosixPath(rel).parts
        if PurePosixPath(rel).is_absolute() or ".." in parts or not parts:
            raise BuildError(f"refusing to write {rel!r}: pages are written inside {output_dir}")
        made.add(rel)
        (result.written if write_if_changed(output_dir / rel, text, durable=False) else result.unchanged).append(rel)

    for path, template, context in page_contexts(site, title, search):
        write(path, _render(env, template, **context))
    for name, text in exports(site).items():
        write(name, text)
    for asset in ASSETS:
        for folder in template_dirs(project_templates):
            source = folder / "assets" / asset
            if source.is_file():
                text = source.read_text(encoding="utf-8")
                if asset.endswith(".js"):
                    # the only setting the browser needs: which search the site has
                    text = f"window.factsheet = {json.dumps({'search': search})};\n" + text
                write(f"assets/{asset}", text)
                break
    # pages from a previous render that are no longer made
    manifest = output_dir / MANIFEST
    try:
        before = set(manifest.read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        before = set()
    if prune_all and output_dir.is_dir():
        before |= {f.relative_to(output_dir).as_posix() for f in output_dir.rglob("*") if f.is_file()} - {MANIFEST}
    for rel in sorted(before - made):
        file = output_dir / rel
        if ".." not in PurePosixPath(rel).parts and file.is_file() and not file.is_symlink():
            file.unlink()
            result.removed.append(rel)
    write_if_changed(manifest, "".join(f"{rel}\n" for rel in sorted(made)))
    return result


# ---------------------------------------------------------------------------
# the template reference (docs/templates.md is generated from this)

#: every page template, what it makes, and each variable its context holds
TEMPLATES = {
    "home.md.j2": ("The home page (`index.md`).", {
        "title": "the site title (`title` in factsheet.yml, else `site_name` of mkdocs.yml)",
        "articles": "the ten latest `ArticleView`s, newest first",
        "people": "the ten most-mentioned people (`EntityView`s)",
        "organizations": "the ten most-mentioned organizations",
        "places": "the ten most-mentioned places",
        "topics": "up to twelve `TopicView`s, most facts first",
        "article_count": "how many articles the site has",
        "entity_count": "how many entities it shows (hidden ones left out)",
        "counts": "facts by kind: `counts.quote`, `counts.figure`, `counts.event`, `counts.statement`",
        "sections": "`(heading, section, count)` for each entity section, e.g. `(\"People\", \"people\", 74)`",
        "root": "the way from this page to the site root, to prefix links: `{{ root }}{{ entity.path|url }}`",
    }),
    "section.md.j2": ("An entity section's index (`people/index.md`, `organizations/`, `places/`, `other/`).", {
        "title": "the section heading (\"People\")",
        "section": "the section's folder name (\"people\")",
        "entities": "its `EntityView`s sorted by name; the page's table sorts by any column in the browser",
        "root": "as above",
    }),
    "entity.md.j2": ("A person, organization, place or other entity (`people/ID.md` ...).", {
        "entity": "the `EntityView`",
        "events": "the events it said or is about, as `(date, facts)` pairs, newest first",
        "ld": "schema.org data (`Person`, `Organization` or `Place` and the `Quotation`s it said), "
              "printed with `{{ ld|json_ld }}`; None for other entities",
        "root": "as above",
    }),
    "topics.md.j2": ("The index of themes (`topics/index.md`).", {
        "title": "the heading", "topics": "`TopicView`s, most facts first", "root": "as above"}),
    "topic.md.j2": ("One theme (`topics/SLUG.md`).", {
        "topic": "the `TopicView`", "groups": "its facts as `(heading, facts)` by kind (Quotes, Figures, Events, "
                                              "Statements), empty kinds left out", "root": "as above"}),
    "articles.md.j2": ("The index of articles (`articles/index.md`).", {
        "title": "the heading", "articles": "every `ArticleView`, newest first", "root": "as above"}),
    "article.md.j2": ("One article (`articles/SLUG.md`), with its evidence marked.", {
        "article": "the `ArticleView`; `article.paragraphs` (full text, evidence marked) and `article.credit` "
                   "only when its license is open, else only the excerpts its facts carry",
        "groups": "its facts as `(heading, facts)` by kind",
        "ld": "schema.org data: the `NewsArticle` and its `Quotation`s",
        "root": "as above",
    }),
    "quotes.md.j2": ("All quotes, grouped by speaker (`quotes.md`).", {
        "title": "the heading", "speakers": "`(EntityView or None, quotes)` pairs, most quoted first, "
                                            "unattributed last",
        "total": "how many quotes", "root": "as above"}),
    "figures.md.j2": ("All figures as one sortable table (`figures.md`).", {
        "title": "the heading", "figures": "figure `FactView`s, newest article first", "root": "as above"}),
    "timeline.md.j2": ("Dated events (`timeline.md`).", {
        "title": "the heading", "months": "`(month label, days)` newest first; `days` is `(date, events)` pairs",
        "total": "how many dated events", "root": "as above"}),
    "credits.md.j2": ("Sources and licenses (`credits.md`).", {
        "title": "the heading", "articles": "every `ArticleView`, newest first",
        "licenses": "a `LicenseView` per license (name, deed, article count, open or not): open ones first, "
                    "unknown last",
        "excerpt_limit": "the most of a closed article the site quotes (`excerpt_share` of factsheet.yml), "
                         "e.g. \"25%\"",
        "root": "as above"}),
    "search.md.j2": ("The search page, made only with `search: pagefind` (`search.md`).", {
        "title": "the heading", "root": "as above"}),
}

#: the partials the page templates include; each sees its includer's variables
PARTIALS = {
    "_front.md.j2": "front matter shared by the pages (hides Material's left sidebar); an optional "
                    "`page_title` set before the include becomes the escaped `<title>`",
    "_fact.md.j2": "one fact as a list item; needs `fact`, `root`",
    "_text.md.j2": "a fact's text: a quote in quotation marks, a fact whose words are withheld (`fact.withheld`) "
                   "as factsheet's description in italics; needs `fact`",
    "_quote.md.j2": "one quote as a block quote with its attribution; needs `fact`, `root`",
    "_trail.md.j2": "after a fact: evidence link, article, date and status; needs `fact`, `root`",
    "_status.md.j2": "a fact's status badge (\"✔ reviewed\" or \"draft\"); needs `fact`",
}

#: what templates can read on each view object
VIEWS = {
    "ArticleView": {
        "slug": "the article's id, also its page name", "title": "its headline", "source": "the input file",
        "published": "publication date (YYYY-MM-DD) or None", "publisher": "or None", "author": "or None",
        "url": "the original's address (http(s) only) or None", "license": "license name or None",
        "license_url": "the license's deed for Creative Commons licenses, else None",
        "copyright": "copyright line or None", "open": "True when the license lets the full text be shown",
        "credit": "the `CreditView` its license asks for (open licenses only), else None",
        "excerpt_share": "closed articles: the share (0 to 1) of its text the site quotes; None when open",
        "excerpt_percent": "the same as \"22%\"", "excerpt_limit": "closed articles: the most it may quote "
                                                                   "(`excerpt_share` of factsheet.yml)",
        "excerpt_limit_percent": "the same as \"25%\"",
        "withheld": "how many of its facts show a description instead of its words",
        "path": "its page (`articles/SLUG.md`)", "text": "the full text (open licenses only) or None",
        "source_paragraphs": "`(start, end)` of each paragraph in `text`",
        "paragraphs": "the paragraphs as safe HTML with the evidence marked (open licenses only)",
        "facts": "its `FactView`s, by kind then position", "entities": "the `EntityView`s it names",
        "sha256": "hash of the input file",
    },
    "EntityView": {
        "id": "stable id, also its page name", "name": "display name", "kind": "person, organization, place or other",
        "kind_title": "\"Person\", \"Organization\"...", "path": "its page (`people/ID.md`...)",
        "section": "its section folder", "aliases": "other names", "roles": "titles and roles found in articles",
        "description": "from content/entities.yaml, or None", "links": "`LinkView`s (`url`, `label`) from "
                                                                         "content/entities.yaml, http(s) only",
        "articles": "`ArticleView`s that name it, newest first", "mentions": "how many articles name it",
        "quotes": "quotes it said", "quotes_about": "quotes by others about it",
        "facts": "figures, events and statements it said or is about", "figures": "the figures among `facts`",
        "events": "the events among `facts`", "statements": "the statements among `facts`",
        "fact_count": "quotes said plus every fact about it",
        "related": "`RelatedView`s (`entity`, `shared`): named in the same articles, most shared first",
        "hidden": "True when content/entities.yaml hides it (never shown)",
    },
    "TopicView": {
        "slug": "the theme's id", "name": "its name", "path": "its page (`topics/SLUG.md`)",
        "facts": "its `FactView`s", "articles": "the articles they come from",
    },
    "FactView": {
        "id": "stable id", "kind": "quote, figure, event or statement", "text": "the fact as written",
        "status": "draft or reviewed (rejected facts never reach a page)", "reviewed": "True when reviewed",
        "status_label": "\"✔ reviewed\" or \"draft\"", "origin": "extracted or manual",
        "article": "its `ArticleView`", "speaker": "the `EntityView` who said it, or None",
        "about": "`EntityView`s it is about", "topics": "its `TopicView`s",
        "date": "the event's date (YYYY, YYYY-MM or YYYY-MM-DD) or None", "precision": "day, month or year",
        "number": "a figure's value or None", "number_text": "the value with thousands separators",
        "qualifier": "about, over...", "unit": "unit or None", "counts": "what a figure counts",
        "verb": "the reporting verb (\"said\")", "channel": "where it was said (\"in a statement\")",
        "sentence": "the evidence sentence (None when the article's license allows excerpts only and this fact "
                    "got none)", "start": "its start offset in the article",
        "end": "its end offset", "anchor": "this fact's id on its article page (`fact-ID`)",
        "evidence_anchor": "the evidence's id on the article page (`ev-ID`)",
        "evidence_link": "the article page and evidence anchor (`articles/SLUG.md#ev-ID`)",
        "withheld": "True when `text` is factsheet's description, as the article's license allows excerpts only "
                    "and this fact got none (`sentence` is then None too)",
        "paragraph": "the paragraph of the original its evidence is in (1 is the first after the title), or None",
    },
    "CreditView": {
        "source": "how the source is credited: `credits` of factsheet.yml (\"From Wikinews, the free news "
                  "source\"), else \"From PUBLISHER\", else None",
        "author": "or None", "title": "the article's title", "url": "the original (http(s) only) or None",
        "license": "license name", "license_url": "its deed for Creative Commons licenses, else None",
        "changes": "what the site changed (\"shown as plain text without the original's formatting...\")",
    },
    "LicenseView": {
        "name": "license name (\"unknown\" when none)", "url": "its deed, or None",
        "count": "how many articles have it", "open": "True when its articles are shown in full",
    },
}

#: the filters templates can use
FILTERS = {
    "md": "escape text for Markdown and HTML (what every `{{ value }}` gets anyway)",
    "html": "escape text for raw HTML: element content or a quoted attribute",
    "url": "a site-internal link target (slugs only); anything else stops the build",
    "json_ld": "a `<script type=\"application/ld+json\">` block nothing can break out of",
    "number": "1234567 -> 1,234,567",
    "date": "2020-03-11 -> 11 March 2020; 2020-03 -> March 2020",
    "yaml": "a quoted, HTML-escaped string for front matter",
}


def templates_reference():
    """The text of ``docs/templates.md``: every template, its variables, the views and filters."""
    out = ["# Page templates", "",
           "<!-- generated by factsheet.render.templates_reference(); tests/test_site.py keeps it in sync -->", "",
           "factsheet renders each page of the site from a Jinja template. To change one, copy it from",
           "factsheet's `templates/` folder into your project's `templates/` folder and edit it: a",
           "template there wins over the default of the same name, file by file (so do",
           "`templates/assets/factsheet.css` and `factsheet.js`). Delete it to go back to the default.", "",
           "Every value a template prints is escaped for Markdown and HTML, because article text is",
           "untrusted; only values marked safe by factsheet (links made with `|url`, `|html`, `|json_ld`) are",
           "printed as they are. Templates get their data sorted and grouped already: they only lay it out.",
           "Links are written to the Markdown page (`{{ root }}{{ entity.path|url }}`) and MkDocs turns",
           "them into the right URL, also under a sub-path.", "",
           "Facts listed on a page other than their article's (indexes, entity and topic pages, the",
           "fact lists under an article's full text) sit in a `<div class=\"fs-listing\" markdown>`:",
           "`search: pagefind` leaves those out of its index, so each fact is found on its article",
           "page (and a quote on its speaker's page) and a large site's index stays small. Keep the",
           "class on such listings in your own templates.", "", "## Pages", ""]
    for name, (summary, variables) in TEMPLATES.items():
        out += [f"### `{name}`", "", summary, "", "| variable | what it holds |", "|---|---|"]
        out += [f"| `{var}` | {text.replace('|', '&#124;')} |" for var, text in variables.items()]
        out.append("")
    out += ["## Partials", "", "| template | what it prints |", "|---|---|"]
    out += [f"| `{name}` | {text} |" for name, text in PARTIALS.items()]
    out += ["", "## Views", "", "The objects in the variables above. Every list is already sorted.", ""]
    for view, fields in VIEWS.items():
        out += [f"### `{view}`", "", "| attribute | what it holds |", "|---|---|"]
        out += [f"| `{attr}` | {text} |" for attr, text in fields.items()]
        out.append("")
    out += ["## Filters", "", "| filter | what it does |", "|---|---|"]
    out += [f"| `{name}` | {text} |" for name, text in FILTERS.items()]
    return "\n".join(out) + "\n"
