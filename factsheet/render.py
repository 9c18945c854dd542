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

import csv
import html
import io
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from .errors import BuildError, RecordError
from .paths import write_if_changed
from .records import Problem, load_record, read_text_file, record_to_dict

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
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


# ---------------------------------------------------------------------------
# licenses

def license_family(name):
    """"CC BY 2.5" -> "cc by": the license without its version, normalised."""
    text = re.sub(r"[\s_]+", " ", str(name or "")).strip().lower()
    text = re.sub(r"\s*(\d+(\.\d+)*)\s*(generic|international|unported)?$", "", text)
    return text.replace("creative commons attribution", "cc by").replace("-", " ").replace("  ", " ").strip()


_CC = re.compile(r"^(?:cc|creative commons)[\s-]+(by(?:[\s-]+(?:sa|nd|nc))*)[\s-]*(\d+(?:\.\d+)?)?", re.I)


def license_url(name):
    """The deed of a Creative Commons license named like "CC BY 2.5" or "CC BY-SA 4.0", else None."""
    text = str(name or "").strip()
    if re.match(r"^cc0\b", text, re.I):
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    match = _CC.match(text.replace("Attribution", "BY").replace("attribution", "by"))
    if not match:
        return None
    kind = "-".join(match.group(1).lower().replace("-", " ").split())
    return f"https://creativecommons.org/licenses/{kind}/{match.group(2) or '4.0'}/"


def is_open_license(name, open_licenses):
    """True when the license lets the full text be republished."""
    family = license_family(name)
    return bool(family) and family in {license_family(o) for o in open_licenses}


def closed_passages(loaded, open_licenses, min_chars=60):
    """Text the site must never publish: each stretch of a non-open article between its evidence sentences.

    :param loaded: ``(record, article)`` pairs from :func:`load_records`
    :returns: ``{(slug, license): [passage, ...]}``, whitespace collapsed, each at least ``min_chars`` long
    """
    out = {}
    for record, source in loaded:
        if source is None or is_open_license(record.article.license, open_licenses):
            continue
        text = source.text
        spans = sorted((f.evidence.start, f.evidence.end) for f in record.facts
                       if f.evidence is not None and f.status != "rejected")
        passages = []
        for pstart, pend in source.paragraphs or [(0, len(text))]:
            pos = pstart
            for start, end in spans + [(pend, pend)]:
                if end <= pstart or start > pend:
                    continue
                chunk = " ".join(text[pos:max(pos, min(start, pend))].split())
                if len(chunk) >= min_chars:
                    passages.append(chunk)
                pos = max(pos, min(end, pend))
        if passages:
            out[(record.article.slug, record.article.license or "license unknown")] = passages
    return out


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

    @property
    def license_url(self):
        """The license's deed for Creative Commons licenses, else None."""
        return license_url(self.license)


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

    def section(self, name):
        return sorted((e for e in self.entities.values() if e.section == name and not e.hidden),
                      key=lambda e: e.name.casefold())


def load_records(facts_dir, project_root, registry=None):
    """Load and validate every fact file; raise :class:`RecordError` listing all problems.

    Returns ``(loaded, warnings)`` where each item of ``loaded`` is
    ``(record, article)``, the article being None when its source file is gone.
    """
    facts_dir = Path(facts_dir)
    problems, loaded = [], []
    known = registry.ids if registry is not None else set()
    for path in sorted(facts_dir.glob("*.yaml")):
        try:
            article = read_source(path, project_root)
            text = article.text if article is not None else None
            record, warnings = load_record(path, article_text=text, known_entities=known)
        except RecordError as exc:
            problems.extend(exc.problems or [Problem(str(path), 1, 1, str(exc))])
            continue
        problems.extend(warnings)
        loaded.append((record, article))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        files = sorted({p.path for p in errors})
        raise RecordError(f"{len(errors)} error(s) in {', '.join(files)}; run `factsheet check` for the list",
                          problems)
    return loaded, [p for p in problems if p.severity != "error"]


def read_source(fact_path, project_root):
    """The article a fact file was extracted from (its offsets index its text), or None."""
    import yaml

    try:
        data = yaml.load(read_text_file(fact_path), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        source = (data.get("article") or {}).get("source")
    except Exception:  # validation reports unreadable files properly
        return None
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


def build_site_data(loaded, registry=None, open_licenses=(), themes=None):
    """Merge records into one :class:`SiteData` (entities by id across articles)."""
    from .extract.topics import TopicMatcher

    topic_names = TopicMatcher(themes).names
    entities, topics, facts, articles = {}, {}, [], []
    records = []
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
        if open_ and source is not None:
            article.text, article.source_paragraphs = source.text, source.paragraphs
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
            if article not in view.articles:
                view.articles.append(article)
            article.entities.append(view)
        for fact in record.facts:
            if fact.status == "rejected":
                continue
            ev = fact.evidence
            view = FactView(id=fact.id, kind=fact.kind, text=fact.text, status=fact.status, origin=fact.origin,
                            article=article, speaker=None, about=[], topics=[], date=fact.date,
                            precision=fact.precision, number=fact.number, qualifier=fact.qualifier, unit=fact.unit,
                            counts=fact.counts, verb=fact.verb, channel=fact.channel,
                            sentence=ev.sentence if ev else None, start=ev.start if ev else None,
                            end=ev.end if ev else None)
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
            if view.article not in topic.articles:
                topic.articles.append(view.article)
        if view.speaker is not None:
            if view.kind == "quote":
                view.speaker.quotes.append(view)
            else:
                view.speaker.facts.append(view)
        for ent in view.about:
            if ent is view.speaker:
                continue
            target = ent.quotes_about if view.kind == "quote" else ent.facts
            if view not in target:
                target.append(view)
    # related entities: co-mentioned in the most articles
    by_article = {a.slug: {e.id for e in a.entities} for a in articles}
    for view in entities.values():
        counts = Counter()
        for article in view.articles:
            counts.update(by_article[article.slug] - {view.id})
        view.related = [RelatedView(entity=entities[i], shared=n)
                        for i, n in sorted(counts.items(), key=lambda kv: (-kv[1], entities[kv[0]].name.casefold()))
                        if not entities[i].hidden][:RELATED_LIMIT]
    _sort(articles, entities, topics, facts)
    for article in articles:
        article.entities = sorted({e.id: e for e in article.entities if not e.hidden}.values(),
                                  key=lambda e: (e.section, e.name.casefold()))
        if article.open and article.text is not None:
            article.paragraphs = _paragraphs_with_marks(article)
    return SiteData(articles=articles, entities=entities, topics=topics, facts=facts, records=records)


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
    licenses = Counter(a.license or "unknown" for a in site.articles)
    pages.append(("credits.md", "credits.md.j2", dict(root=TOP, title="Credits", articles=site.articles,
                                                       licenses=sorted(licenses.items()))))
    if search == "pagefind":
        pages.append(("search.md", "search.md.j2", dict(root=TOP, title="Search")))
    return pages


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
    graph = [_ld_entity(ent, full=True)] + [_ld_quote(f) for f in ent.quotes]
    return {"@context": "https://schema.org", "@graph": graph}


def article_ld(article):
    """schema.org data for an article page: the NewsArticle and the quotes it reports."""
    graph = [_ld_article(article)] + [_ld_quote(f, with_article=False) for f in article.facts if f.kind == "quote"]
    return {"@context": "https://schema.org", "@graph": graph}


# ---------------------------------------------------------------------------
# machine-readable output

EXPORT_FORMATS = ("json", "csv", "jsonl")


def export_text(site, fmt):
    """All facts of ``site`` as ``json`` (every record), ``csv`` or ``jsonl`` (a row a fact)."""
    if fmt == "json":
        records = [record_to_dict(r) for r in site.records]
        return json.dumps({"schema": 1, "records": records}, ensure_ascii=False, indent=1, default=str) + "\n"
    if fmt == "csv":
        return facts_csv(site.records)
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in fact_rows(site.records))
    raise BuildError(f"unknown export format {fmt!r} (use one of: {', '.join(EXPORT_FORMATS)})")


def exports(site):
    """The machine-readable files of the site: ``facts.json``, ``facts.csv`` and ``facts.jsonl``."""
    return {f"facts.{fmt}": export_text(site, fmt) for fmt in EXPORT_FORMATS}


CSV_COLUMNS = ("article", "published", "id", "kind", "status", "text", "speaker", "about", "topics", "date",
               "number", "qualifier", "unit", "counts", "evidence", "start", "end")


def fact_rows(records):
    """One dict a fact (rejected ones left out), keys :data:`CSV_COLUMNS`, lists and numbers kept."""
    for record in records:
        for fact in record.facts:
            if fact.status == "rejected":
                continue
            ev = fact.evidence
            yield dict(zip(CSV_COLUMNS, (
                record.article.slug, record.article.published, fact.id, fact.kind, fact.status, fact.text,
                fact.speaker, list(fact.about), list(fact.topics), fact.date, fact.number, fact.qualifier,
                fact.unit, fact.counts, ev.sentence if ev else None, ev.start if ev else None,
                ev.end if ev else None)))


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return value


def facts_csv(records):
    """All facts of ``records`` as CSV text, one row a fact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([_csv_cell(v) for v in row.values()] for row in fact_rows(records))
    return buffer.getvalue()


def render_site(site, output_dir, project_templates=None, title="Fact sheet", search="lunr"):
    """Write every page of ``site`` into ``output_dir``; return a :class:`RenderResult`."""
    output_dir = Path(output_dir)
    env = make_environment(project_templates)
    result = RenderResult()
    made = set()
    for path, template, context in page_contexts(site, title, search):
        text = _render(env, template, **context)
        made.add(path)
        (result.written if write_if_changed(output_dir / path, text) else result.unchanged).append(path)
    for name, text in exports(site).items():
        made.add(name)
        (result.written if write_if_changed(output_dir / name, text) else result.unchanged).append(name)
    for asset in ASSETS:
        for folder in template_dirs(project_templates):
            source = folder / "assets" / asset
            if source.is_file():
                target = f"assets/{asset}"
                made.add(target)
                text = source.read_text(encoding="utf-8")
                if asset.endswith(".js"):
                    # the only setting the browser needs: which search the site has
                    text = f"window.factsheet = {json.dumps({'search': search})};\n" + text
                changed = write_if_changed(output_dir / target, text)
                (result.written if changed else result.unchanged).append(target)
                break
    # pages from a previous render that are no longer made
    if output_dir.is_dir():
        for file in sorted(output_dir.rglob("*")):
            rel = file.relative_to(output_dir).as_posix()
            if file.is_file() and rel not in made:
                file.unlink()
                result.removed.append(rel)
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
        "article": "the `ArticleView`; `article.paragraphs` (full text, evidence marked) only when its "
                   "license is open",
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
        "licenses": "`(license name, article count)` pairs", "root": "as above"}),
    "search.md.j2": ("The search page, made only with `search: pagefind` (`search.md`).", {
        "title": "the heading", "root": "as above"}),
}

#: the partials the page templates include; each sees its includer's variables
PARTIALS = {
    "_front.md.j2": "front matter shared by the pages (hides Material's left sidebar); an optional "
                    "`page_title` set before the include becomes the escaped `<title>`",
    "_fact.md.j2": "one fact as a list item; needs `fact`, `root`",
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
        "sentence": "the evidence sentence", "start": "its start offset in the article",
        "end": "its end offset", "anchor": "this fact's id on its article page (`fact-ID`)",
        "evidence_anchor": "the evidence's id on the article page (`ev-ID`)",
        "evidence_link": "the article page and evidence anchor (`articles/SLUG.md#ev-ID`)",
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
           "them into the right URL, also under a sub-path.", "", "## Pages", ""]
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
