"""Extraction: one :class:`~factsheet.articles.Article` in, one :class:`~factsheet.records.FactRecord` out.

Each kind of fact has its own module (entities, roles, quotes, figures,
dates, topics); this module runs them in order and assembles the record:

1. spaCy analyses the body paragraphs (:mod:`.nlp`);
2. entities are found and grouped, then roles attached;
3. quotations are paired and attributed; only quotes with a named speaker
   become facts;
4. figures, dated events and reported statements follow;
5. every fact gets its evidence sentence, the entities it mentions and its
   themes, and an id that stays the same when the same fact is extracted again;
6. an entity no fact mentions gets one statement fact, its first sentence,
   so every entity can be traced to the text.
"""

from __future__ import annotations

from ..paths import short_hash
from ..records import ArticleInfo, Evidence, Fact, FactRecord
from .dates import find_dates, parse_iso
from .entities import find_entities
from .figures import find_figures
from .nlp import analyse, load_pipeline
from .quotes import attribute, find_quote_spans, find_statements, is_quotation
from .roles import assign_roles
from .topics import TopicMatcher

__all__ = ["extract", "load_pipeline", "article_info"]


def article_info(article):
    """The ``article:`` block of a record from an :class:`~factsheet.articles.Article`."""
    meta = article.meta
    return ArticleInfo(slug=article.slug, title=article.title, source=article.source, sha256=article.sha256,
                       publisher=meta.get("publisher"), published=meta.get("published"),
                       copyright=meta.get("copyright"), license=meta.get("license"), url=meta.get("url"),
                       author=meta.get("author"), dateline=meta.get("dateline"))


def extract(article, nlp=None, themes=None, registry=None):
    """Extract the facts of one article.

    :param article: an :class:`~factsheet.articles.Article`
    :param nlp: a loaded spaCy pipeline (loaded on first use when None)
    :param themes: theme -> words mapping overriding ``rules/topics.yaml``
    :param registry: a :class:`~factsheet.registry.Registry` whose merges and
        corrections apply to the entities found
    """
    title = _title_span(article)
    paragraphs = ([title] if title else []) + list(article.paragraphs)
    analysis = analyse(article.text, paragraphs, nlp=nlp)
    # the headline names people, roles and figures ("Guitarist Eddie Van Halen dies aged 65")
    # but holds no quotes, and its dates are the body's
    body_sentences = [s for s in analysis.sentences if not (title and s.start < title[1])]
    index = find_entities(analysis)
    assign_roles(index)
    if registry is not None:
        registry.apply_to_index(index)
    published = parse_iso(article.meta.get("published"))
    matcher = TopicMatcher(themes)
    builder = _FactBuilder(analysis, index, matcher)

    spans = [q for q in find_quote_spans(article.text, article.paragraphs) if is_quotation(q.text(article.text), article.text, q)]
    for quote, who in zip(spans, attribute(spans, analysis, index)):
        if who.speaker is None:
            continue
        builder.add("quote", quote.text(article.text), quote.open, quote.close + 1,
                    speaker=who.speaker.id, verb=who.verb, channel=who.channel)
    for fig in find_figures(analysis):
        builder.add("figure", fig.text, fig.start, fig.end, number=fig.number, qualifier=fig.qualifier,
                    unit=fig.unit, counts=fig.counts)
    seen_events = set()
    for sent, ent, resolved in find_dates(analysis, published, spans, body_sentences):
        if resolved.precision == "year" or (sent.start, resolved.iso) in seen_events:
            continue
        seen_events.add((sent.start, resolved.iso))
        builder.add("event", article.text[sent.start:sent.end], sent.start, sent.end,
                    date=resolved.iso, precision=resolved.precision)
    for sent, cluster, verb in find_statements(analysis, index, spans, body_sentences):
        if (sent.start, sent.end) in builder.event_spans:
            # the dated event already shows this sentence; give it its speaker instead of a twin fact
            event = builder.event_spans[(sent.start, sent.end)]
            event.speaker, event.verb = cluster.id, verb
            event.about = [a for a in event.about if a != cluster.id]
            continue
        builder.add("statement", article.text[sent.start:sent.end], sent.start, sent.end,
                    speaker=cluster.id, verb=verb)
    builder.cover_entities()
    return FactRecord(article=article_info(article), entities=index.entities(), facts=builder.facts)


def _title_span(article):
    """Offsets of the headline in the article text, when the text holds it before the body."""
    if not article.title or not article.paragraphs:
        return None
    body_start = article.paragraphs[0][0]
    found = article.text.rfind(article.title.strip(), 0, body_start)
    if found < 0:
        return None
    return (found, found + len(article.title.strip()))


class _FactBuilder:
    """Assembles facts with evidence, mentions, themes and stable ids."""

    def __init__(self, analysis, index, matcher):
        self.analysis = analysis
        self.index = index
        self.matcher = matcher
        self.facts = []
        self.ids = set()
        #: (start, end) of each event's sentence -> the event fact
        self.event_spans = {}

    def evidence(self, start, end):
        """The whole sentences covering ``[start, end)``."""
        first = self.analysis.sentence_at(start)
        last = self.analysis.sentence_at(max(start, end - 1))
        lo = first.start if first else start
        hi = max(last.end if last else end, end)
        return Evidence(self.analysis.text[lo:hi], lo, hi), first, last

    def add(self, kind, text, start, end, speaker=None, **fields):
        evidence, first, last = self.evidence(start, end)
        about = [i for i in self.index.ids_between(evidence.start, evidence.end) if i != speaker]
        tokens = [tok for sent in self.analysis.sentences if evidence.start <= sent.start < evidence.end
                  for tok in sent.span]
        topics = self.matcher.topics(tokens, evidence.sentence)
        base = f"{kind}-{short_hash(kind, ' '.join(text.split()), fields.get('number'), fields.get('date'))}"
        fact_id, n = base, 2
        while fact_id in self.ids:
            fact_id = f"{base}-{n}"
            n += 1
        self.ids.add(fact_id)
        fact = Fact(id=fact_id, kind=kind, text=" ".join(text.split()), speaker=speaker, about=about,
                    topics=topics, evidence=evidence, **fields)
        self.facts.append(fact)
        if kind == "event":
            self.event_spans.setdefault((start, end), fact)

    def cover_entities(self):
        """Give each entity no fact mentions a statement: the first sentence naming it."""
        covered = {f.speaker for f in self.facts} | {a for f in self.facts for a in f.about}
        for cluster in self.index.clusters:
            if cluster.id in covered or not cluster.mentions:
                continue
            first = cluster.mentions[0]
            sent = self.analysis.sentence_at(first.start)
            if sent is None:
                continue
            self.add("statement", self.analysis.text[sent.start:sent.end], sent.start, sent.end)
            covered |= set(self.facts[-1].about)
