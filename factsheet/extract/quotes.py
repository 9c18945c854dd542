"""Direct quotes and their speakers; reported statements.

``find_quote_spans`` pairs quotation marks paragraph by paragraph, so one
unbalanced mark loses at most one quote, never the article's others:

- curly, straight, guillemet and mismatched marks (“…" or "…”) all pair;
- a paragraph that ends inside a quote continues it when the next paragraph
  opens with a mark (the news convention for multi-paragraph quotes);
- single marks ('…' / ‘…’) count only in paragraphs with no double marks, so
  apostrophes and nested quotes are never mistaken for quotes.

``attribute`` finds who said each quote, in this order:

1. ``Name: "…"``;
2. a reporting verb (``rules/speech.yaml``) in the quote's sentence, outside
   the marks, and its subject ("… ,” Haq said", "said Haq", "Haq told
   reporters: “…”"), or "according to Name";
3. a quote with no reporting verb of its own takes the speaker of the
   neighbouring quote in its paragraph, or of the sentence that introduced it.

A subject that is a pronoun resolves to the last person named before it; a
subject that names no one ("a witness said") leaves the quote unattributed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import rules

_DOUBLE = "“”\"«»„"
_OPENERS = "“«„"
_CLOSERS = "”»"
_SINGLE_OPEN = "‘'"
_SINGLE_CLOSE = "’'"
_SPOKESBODIES = {"office", "spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative", "lawyer",
                 "attorney", "aide", "team", "campaign", "press office", "ministry", "government", "administration"}
_PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "i": "person", "we": None,
             "they": None, "it": "organization"}


@dataclass
class QuoteSpan:
    """One quotation: the offsets of the marks and of each piece of text inside them."""

    open: int
    close: int
    pieces: list[tuple[int, int]] = field(default_factory=list)

    def text(self, article_text):
        return " ".join(article_text[s:e].strip() for s, e in self.pieces).strip()

    @property
    def start(self):
        return self.open

    @property
    def end(self):
        return self.close + 1


def _role(text, i, mark):
    """'open', 'close' or 'either' for a quotation mark at ``text[i]``."""
    if mark in _OPENERS:
        return "open"
    if mark in _CLOSERS:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-/" or i + 1 == len(text)):
        return "close"
    return "either"


def find_quote_spans(text, paragraphs):
    """All quotations in the body paragraphs, as :class:`QuoteSpan` objects in text order."""
    spans = []
    pending = None  # a quote left open at the end of the previous paragraph
    for pstart, pend in paragraphs:
        para = text[pstart:pend]
        has_double = any(c in _DOUBLE for c in para)
        marks = [(i, c) for i, c in enumerate(para) if c in _DOUBLE] if has_double else _single_marks(para)
        if pending is not None:
            first = para.lstrip()
            if marks and first and first[0] in _DOUBLE + _SINGLE_OPEN and marks[0][0] == len(para) - len(first):
                # continued quote: its text resumes after this paragraph's opening mark
                opened_at = marks[0][0]
                marks = marks[1:]
                start = pstart + opened_at + 1
            else:
                pending = None
                start = None
        else:
            start = None
        for i, mark in marks:
            if has_double:
                # a straight mark opens when outside a quote and closes inside one,
                # whatever the spacing around it ("said,\" [Warhol] liked…")
                role = _role(para, i, mark) if mark != '"' else ("close" if start is not None else "open")
            else:
                role = "open" if mark in "‘'" and _single_opens(para, i) else "close"
            pos = pstart + i
            inside = start is not None
            if not inside and role in ("open", "either"):
                start = pos + 1
                pending = QuoteSpan(pos, -1)
            elif inside and role in ("close", "either"):
                quote = pending if pending is not None else QuoteSpan(start - 1, -1)
                quote.pieces.append((start, pos))
                quote.close = pos
                spans.append(quote)
                start, pending = None, None
            elif inside and role == "open":
                # a second opening mark: the earlier quote was never closed; drop it
                start = pos + 1
                pending = QuoteSpan(pos, -1)
        if start is not None and pending is not None:
            pending.pieces.append((start, pend))
        else:
            pending = None
    return [q for q in spans if q.pieces]


def _single_marks(para):
    """Single quotation marks that can open or close a quote (not apostrophes)."""
    out = []
    for i, c in enumerate(para):
        if c not in "‘’'":
            continue
        before = para[i - 1] if i else " "
        after = para[i + 1] if i + 1 < len(para) else " "
        if before.isalnum() and after.isalnum():
            continue  # don't, it's
        if c in "‘'" and (before.isspace() or before in "([—") and after.isalnum():
            out.append((i, c))
        elif c in "’'" and not before.isspace() and (after.isspace() or after in ".,;:!?)—"):
            if before.lower() == "s" and after.isspace() and not _open_before(para, i):
                continue  # plural possessive: the players' union
            out.append((i, c))
    return out


def _open_before(para, i):
    return any(para[k] in "‘'" and (k == 0 or para[k - 1].isspace()) for k in range(max(0, i - 400), i))


def _single_opens(para, i):
    before = para[i - 1] if i else " "
    return before.isspace() or before in "([—" or i == 0


# ---------------------------------------------------------------------------
# which quotations are quotes

def is_quotation(text, article_text, quote):
    """False for scare quotes, titles and terms: a quote has at least three words of speech."""
    words = re.findall(r"[\w’'-]+", text)
    if len(words) < 3:
        return False
    letters = [w for w in words if w[0].isalpha()]
    # Title Case without sentence punctuation is a title of a work or a name
    capitalised = sum(1 for w in letters if w[0].isupper())
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "by", "with", "vs", "from"}
    content = [w for w in letters if w.lower() not in small]
    if content and capitalised == len(content) and not re.search(r"[.!?,]$", text.strip()) and len(words) <= 10:
        return False
    # "Anna Franowska of “Have no fear”", "a film titled “…”": a short capitalised name after
    # "of" or a word of naming
    before = article_text[max(0, quote.open - 12):quote.open].lower().split()
    if before and before[-1] in _NAMING_WORDS and len(words) <= 5 and text[:1].isupper() \
            and not re.search(r"[.!?,]$", text.strip()):
        return False
    return True


_NAMING_WORDS = {"of", "called", "named", "titled", "entitled", "dubbed", "nicknamed"}


# ---------------------------------------------------------------------------
# attribution

@dataclass
class Attribution:
    """Who said a quote and how: the result of :func:`attribute`."""

    speaker: object = None  # entities.Cluster
    verb: str | None = None
    channel: str | None = None
    how: str = ""  # which rule found it (for debugging and tests)
    #: True when a reporting frame was found but it names no one we know
    unnamed: bool = False


class _Context:
    """What every attribution step needs, loaded once per article."""

    def __init__(self, quotes, analysis, index):
        self.quotes = quotes
        self.analysis = analysis
        self.index = index
        self.verbs = rules.word_set("speech", "verbs")
        self.weak = rules.word_set("speech", "weak_verbs")
        self.channels = [c.lower() for c in rules.load("speech")["channels"]]
        self.documents = rules.word_set("speech", "statement_nouns")
        self.addressed = rules.word_set("speech", "addressee_verbs")


def attribute(quotes, analysis, index):
    """An :class:`Attribution` for each quote (same order)."""
    ctx = _Context(quotes, analysis, index)
    results = [_attribute_one(q, ctx) for q in quotes]
    # a quote with no frame of its own takes its neighbour's speaker
    for k, res in enumerate(results):
        if res.speaker is not None or res.unnamed:
            continue
        neighbour = _neighbour_speaker(k, results, ctx)
        if neighbour is not None:
            results[k] = neighbour
    return results


def _frame(q, ctx):
    """The quote's sentences, and their tokens outside every quotation.

    When the parser started a sentence at the quote's opening mark although
    the sentence before it does not end ("… said he was humbled and “…”"),
    that sentence is part of the frame too.
    """
    analysis = ctx.analysis
    first = analysis.sentence_at(q.open)
    last = analysis.sentence_at(q.close)
    if first is None or last is None:
        return [], None, None
    index = analysis.sentences.index(first)
    while index > 0 and analysis.text[first.start:q.open].strip() == "":
        previous = analysis.sentences[index - 1]
        if previous.paragraph != first.paragraph or previous.span.text.rstrip()[-1:] in ".!?":
            break
        first, index = previous, index - 1
    # "“… in two days!” Macron told the world": the parser ends the sentence at the quote's own
    # "!" or "?"; a reporting clause right after the mark (with no quotation of its own) belongs to it
    later = analysis.sentences.index(last) + 1
    if later < len(analysis.sentences) and analysis.text[q.close - 1:q.close] in ("!", "?") \
            and analysis.sentences[later].paragraph == last.paragraph \
            and analysis.text[q.close + 1:analysis.sentences[later].start].strip() == "" \
            and not any(analysis.sentences[later].start <= x.open < analysis.sentences[later].end for x in ctx.quotes) \
            and any(t.lemma_.lower() in ctx.verbs and t.pos_ == "VERB" for t in list(analysis.sentences[later].span)[:6]):
        last = analysis.sentences[later]
    lo, hi = first.start, last.end
    inside = [(x.open, x.close + 1) for x in ctx.quotes if x.open < hi and x.close + 1 > lo]
    out = []
    for sent in analysis.sentences:
        if sent.end <= lo or sent.start >= hi:
            continue
        for tok in sent.span:
            pos = sent.offset + tok.idx
            if any(a <= pos < b for a, b in inside):
                continue
            out.append((pos, tok, sent))
    return out, first, last


def _attribute_one(q, ctx):
    frame, first, last = _frame(q, ctx)
    if first is None:
        return Attribution()
    text = ctx.analysis.text
    before = text[first.start:q.open].rstrip()
    after = text[q.close + 1:last.end].strip()
    # 1. "Name: “…”" and "Tanya Chan spoke to the press: “…”"
    if before.endswith(":") and not _speech_verb_after(frame, q, ctx):
        head_end = first.start + len(before) - 1
        mention = ctx.index.last_before(head_end + 1, floor=first.start)
        named = None
        if mention is not None and text[mention.end:head_end].strip() in ("", "'s", "’s"):
            named = Attribution(mention.cluster, None, _channel(frame, ctx), "colon")
            # the name is an object ("told GB News: “…”", "responded via Twitter: “…”"): the
            # clause's subject speaks, when there is one; else the name ("A statement by the ministry:")
            object_of = re.search(r"\b(?:via|on|through|to|in|at|from|with|by|for|of|about|against|into)\W*$",
                                  text[max(first.start, mention.start - 12):mention.start], re.I)
            if not object_of and not _is_object(mention, frame):
                return named
        # the clause before the colon: its root, or (when the parser rooted the sentence inside
        # the quote) its first verb with a subject
        clause = [(pos, tok, sent) for pos, tok, sent in frame if pos < q.open and tok.pos_ in ("VERB", "AUX")]
        clause.sort(key=lambda item: (item[1].dep_ != "ROOT", item[0]))
        for pos, tok, sent in clause:
            subject = _subject(tok)
            if subject is not None:
                cluster, _ = _resolve(subject, sent, ctx, q)
                if cluster is not None:
                    return Attribution(cluster, _verb_phrase(tok), _channel(frame, ctx), "colon")
                break
        if named is not None:
            return named
    # 2. a reporting verb in the frame, nearest first; "“…,” X said" looks after the quote first
    # "“…,” X said": the verb after the quote; "X told MSNBC Cummings “was a great man,”": the verb before
    opens_clause = before == "" or before[-1:] in (",", ":", ";", "—", "–", ".")
    closes_clause = opens_clause and (text[q.close - 1:q.close] in (",", "?", "!") or after[:1] in (",",))
    # "Bercow commented on the matter — which the BBC noted as unusual — “…”": a verb in an aside
    # between dashes reports on the frame, it introduces no quote (tried only after the others)
    asides = [(first.start + a.start(), first.start + a.end())
              for a in re.finditer(r"\s[—–][^—–]+[—–]\s", text[first.start:q.open])]
    candidates = []
    for pos, tok, sent in frame:
        lemma = tok.lemma_.lower()
        # (also a verb the tagger took for a noun: "The Department of Agriculture notes, “…”")
        is_verb = lemma in ctx.verbs and (tok.pos_ in ("VERB", "AUX") or (
            tok.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in tok.children)))
        in_words_of = tok.lower_ == "words" and _nbor_text(tok, 1) == "of" and _nbor_text(tok, -1) == "the"
        if not (is_verb or in_words_of or (tok.lower_ == "according" and _nbor_text(tok, 1) == "to")):
            continue
        if lemma in ctx.weak and not _speech_like(tok) and not _document_subject(tok, ctx):
            continue
        distance = q.open - pos if pos < q.open else pos - q.close
        side = (0 if (pos > q.close) == closes_clause else 1) + (2 if any(a <= pos < b for a, b in asides) else 0)
        candidates.append((side, max(distance, 0), pos, tok, sent))
    candidates.sort(key=lambda c: c[:3])
    unnamed = None
    for _side, _distance, pos, tok, sent in candidates:
        if unnamed is not None and tok not in unnamed.ancestors:
            continue  # after an unnamed subject, only a verb governing that one may still name the speaker
        # no word inside a quotation names a speaker: not this one's, nor another's in the sentence
        subject = _subject(tok, inside=lambda t, sent=sent: any(
            o.open <= sent.offset + t.idx <= o.close for o in (q, *ctx.quotes)))
        if subject is None:
            # the parser lost the subject ("…,” Caloundra coach Geoff Ingram said"): a name
            # right before or right after the verb is the speaker; not after a verb of telling
            # ("told Reuters “…”" names who heard it), where the nearest person before the verb
            # is ("Anna Franowska of “Have no fear”, a charity, told Reuters “…”")
            if tok.lemma_.lower() in ctx.addressed:
                speaker = _person_before(tok, sent, ctx)
                if speaker is not None:
                    return Attribution(speaker, _verb_phrase(tok), _channel(frame, ctx), "adjacent")
            after_verb = () if tok.lemma_.lower() in ctx.addressed else _after_title(tok)
            # (a person before a body: "Remarked Center for Biological Diversity scientist Tierra Curry")
            for kinds in (("person",), ("person", "organization")):
                for k in (tok.i - 1, *after_verb):
                    if 0 <= k < len(tok.doc) and not (q.open <= sent.offset + tok.doc[k].idx <= q.close):
                        m = ctx.index.mention_at(sent.offset + tok.doc[k].idx)
                        after = ctx.analysis.text[m.end:m.end + 2] if m is not None else ""
                        if m is not None and m.cluster.kind in kinds and after not in ("'s", "’s"):
                            return Attribution(m.cluster, _verb_phrase(tok), _channel(frame, ctx), "adjacent")
            continue
        cluster, named = _resolve(subject, sent, ctx, q)
        if cluster is None and subject.i > tok.i:
            # "“…” said study co-author and Royal Society University Research Fellow Martin How": after the
            # verb the parser took the title for the subject; the person named at its end speaks
            for k in range(subject.i + 1, min(sent.span.end, subject.i + 14)):
                if tok.doc[k].is_punct and tok.doc[k].text != "-":
                    break
                m = ctx.index.mention_at(sent.offset + tok.doc[k].idx)
                if m is not None and m.cluster.kind == "person":
                    cluster, named = m.cluster, True
                    break
        if cluster is not None:
            return Attribution(cluster, _verb_phrase(tok), _channel(frame, ctx), "verb")
        if named is False and unnamed is None:
            unnamed = tok  # "her reasoning saying, “…”": the governing "The governor tweeted" may name her
    if unnamed is not None:
        return Attribution(None, _verb_phrase(unnamed), None, "unnamed", unnamed=True)
    # "Lisa Mancini's passion “stemmed through my love for Halloween”": words in the first person
    # are those of the person the sentence is about
    if _FIRST_PERSON.search(q.text(text)):
        for pos, tok, sent in frame:
            if tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT" and not (q.open <= pos <= q.close):
                cluster, _ = _resolve(tok, sent, ctx, q)
                if cluster is not None and cluster.kind == "person":
                    return Attribution(cluster, None, _channel(frame, ctx), "first person")
                break
    # "Trump, also on Twitter, defended his decision, “…”": a clause then the quote; also when
    # the parser lost the participle that introduces it ("Trump took to social media, posting …, “…”")
    if before[-1:] in (",", ":"):
        for pos, tok, sent in frame:
            if pos < q.open and tok.dep_ == "ROOT" and tok.pos_ in ("VERB", "AUX"):
                subject = _subject(tok)
                if subject is not None:
                    cluster, _ = _resolve(subject, sent, ctx, q)
                    if cluster is not None:
                        return Attribution(cluster, _verb_phrase(tok), _channel(frame, ctx), "clause")
    return Attribution()


def _person_before(verb, sent, ctx):
    """The person named nearest before ``verb`` in its clause, outside every quotation."""
    for tok in reversed(verb.doc[:verb.i]):
        pos = sent.offset + tok.idx
        if any(o.open <= pos <= o.close for o in ctx.quotes):
            return None  # a quotation between: the name belongs to another clause
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("ROOT", "conj", "ccomp", "advcl", "relcl", "xcomp"):
            return None  # another clause's verb: its names are not this one's subject
        m = ctx.index.mention_at(pos)
        if m is not None and m.cluster.kind == "person" \
                and ctx.analysis.text[m.end:m.end + 2] not in ("'s", "’s"):
            return m.cluster
    return None


def _after_title(verb, longest=10):
    """Token positions after ``verb`` up to the end of a title ("tweeted Mayor of London Sadiq Khan",
    "Remarked Center for Biological Diversity scientist Tierra Curry"), a person's name first."""
    out = []
    heads = rules.word_set("roles", "heads")
    for k in range(verb.i + 1, min(len(verb.doc), verb.i + 1 + longest)):
        tok = verb.doc[k]
        out.append(k)
        if not (tok.text[:1].isupper() or tok.lower_ in ("of", "the", "for", "and") or tok.lower_ in heads) \
                or tok.is_punct:
            break
    # the name right after the title words is the speaker's, before any body named inside the title
    return sorted(out, key=lambda k: not verb.doc[k].ent_type_ == "PERSON")


_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|my|me|mine|myself)\b")


def _is_object(mention, frame):
    """True when the parser makes the name an object ("told GB News: “…”", "called it Rocky Linux: “…”")."""
    for pos, tok, _sent in frame:
        if mention.start <= pos < mention.end:
            head_pos = pos + (tok.head.idx - tok.idx)
            if not (mention.start <= head_pos < mention.end):  # the name's own head word
                while tok.dep_ == "conj" and tok.head is not tok:  # "between his agency and SpaceX:"
                    tok = tok.head
                return tok.dep_ in ("dobj", "pobj", "dative", "oprd", "attr")
    return False


def _speech_verb_after(frame, q, ctx):
    return any(tok.lemma_.lower() in ctx.verbs and tok.pos_ == "VERB" and pos > q.close for pos, tok, _ in frame)


def _nbor_text(tok, k):
    try:
        return tok.nbor(k).lower_
    except IndexError:
        return ""


def _speech_like(tok):
    # "called it …", "thinks that …": count only with an object or complement clause
    return any(child.dep_ in ("ccomp", "dobj", "oprd", "xcomp") for child in tok.children)


def _document_subject(verb, ctx):
    """True when a document is what speaks ("reads Judge Miller's statement", "Part of the ruling reads")."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            noun = _part_of(child)
            return noun.lemma_.lower() in ctx.documents
    return False


def _part_of(noun):
    """"Part of the judge's statement" -> statement."""
    if noun.lemma_.lower() in _PART_WORDS:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                return next((g for g in child.children if g.dep_ == "pobj"), noun)
    return noun


_PART_WORDS = {"part", "portion", "excerpt", "section", "passage", "parts", "rest", "text"}


def _subject(verb, inside=None):
    """The token naming who speaks for a reporting verb (or "according to X").

    :param inside: a test for tokens within the quotation, which never name its speaker
        ("“… Not ours”, said Jorgensen": the parser may take "ours" for a subject)
    """
    if verb.lower_ == "words":
        for child in verb.children:
            if child.lower_ == "of":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        return None
    if verb.lower_ == "according":
        for to in [c for c in verb.children if c.lower_ == "to"] + ([verb.nbor(1)] if verb.i + 1 < len(verb.doc) else []):
            for grand in to.children:
                if grand.dep_ == "pobj":
                    return grand
        return None
    # "was described by the CBCP as “…”": a passive verb's agent speaks
    for child in verb.children:
        if child.dep_ == "agent":
            agent = next((g for g in child.children if g.dep_ == "pobj"), None)
            if agent is not None and not (inside and inside(agent)):
                return agent
    current = verb
    for _ in range(4):
        # of two subjects the parser gave ("Niger's president Mahamadou Issoufou said"), the name
        # (a verb inside the quotation is the quoted speaker's: "said the use of currencies “costs
        # Africa $5 billion,” further saying …" climbs from "costs" to "said")
        quoted = current is not verb and inside is not None and inside(current) and current.dep_ == "ccomp"
        # "Politico quoted Tim Manning as saying “…”": the one quoted speaks, not the quoter
        if current is not verb and current.lemma_.lower() in ("quote", "cite"):
            quoted_one = next((c for c in current.children if c.dep_ == "dobj" and c.pos_ == "PROPN"), None)
            if quoted_one is not None:
                return quoted_one
        subjects = [child for child in current.children if child.dep_ == "nsubj" and not (inside and inside(child))]
        if subjects and not quoted:
            return next((child for child in subjects if child.pos_ == "PROPN"), subjects[0])
        # "…, saying …" or "and added …": the subject is the governing verb's
        if (current.dep_ in ("advcl", "xcomp", "conj", "pcomp", "relcl") or (quoted and current.dep_ == "ccomp")) \
                and current.head is not current:
            current = current.head
            # ("quoted Tim Manning as saying": through the preposition to its verb)
            if current.pos_ == "ADP" and current.dep_ == "prep" and current.head.pos_ == "VERB":
                current = current.head
            continue
        # "Trump delivered a speech declaring …": the one who delivers the statement
        if current.dep_ == "acl" and current.head.lemma_.lower() in rules.word_set("speech", "statement_nouns") \
                and current.head.dep_ in ("dobj", "pobj") and current.head.head.pos_ == "VERB":
            current = current.head.head
            continue
        break
    # the parser sometimes hangs an inverted subject ("said Haq") as dobj/attr; the object of
    # "told" is who heard it
    if verb.lemma_.lower() in rules.word_set("speech", "addressee_verbs"):
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "npadvmod", "nsubjpass") and child.pos_ == "PROPN" and child.i > verb.i:
            return child
    # ("…,” said a protester using the pseudonym Katya": a common noun too, right after the quote)
    if verb.i > 0 and verb.nbor(-1).text in ('"', "”", "’", "'"):
        for child in verb.children:
            if child.dep_ in ("dobj", "attr") and child.pos_ == "NOUN" and child.i > verb.i and not (inside and inside(child)):
                return child
    return None


def _resolve(subject, sent, ctx, q, depth=0):
    """(cluster, named): the entity a subject token names; named=False for "a witness"."""
    index = ctx.index
    mention = _mention_of(subject, sent, index)
    if mention is not None:
        # "African Export–Import Bank president Okey Oramah said": the parser made the body the
        # subject and the person its apposition; the person speaks
        if mention.cluster.kind != "person":
            # ("the Institute of Allergy's director, Dr. Anthony Fauci, said": the parser joined the
            # title to the body as a conjunct; the person in apposition to the title speaks)
            titles = [c for c in subject.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
            for child in [*subject.children, *(g for t in titles for g in t.children)]:
                if child.dep_ == "appos":
                    m = _mention_of(child, sent, index)
                    if m is not None and m.cluster.kind == "person":
                        return m.cluster, True
            # "Jo Anne Val Tilburg of the University of California, Los Angeles disagreed": the parser made
            # the person's body the subject; the person it is "of" speaks
            person = index.last_before(mention.start, floor=max(0, mention.start - 120))
            if person is not None and person.cluster.kind == "person" \
                    and re.fullmatch(r"\s+of(?:\s+the)?\s+", ctx.analysis.text[person.end:mention.start]):
                return person.cluster, True
        return mention.cluster, True
    # "a State Department spokesperson, Morgan Ortagus," / "Dunn's mother, Charlotte Charles,"
    # / "a university student named Wong"
    for child in subject.children:
        if child.dep_ == "acl" and child.lower_ in ("named", "called"):
            child = next((g for g in child.children if g.dep_ in ("oprd", "dobj", "attr")), child)
            if child.dep_ != "acl":
                m = _mention_of(child, sent, index)
                if m is not None:
                    return m.cluster, True
        # "a protester using the pseudonym Katya"
        if child.dep_ == "acl" and child.lemma_.lower() in ("use", "go", "give", "identify"):
            for g in child.subtree:
                m = index.mention_at(sent.offset + g.idx)
                if m is not None and m.cluster.kind == "person":
                    return m.cluster, True
        if child.dep_ == "appos":
            m = _mention_of(child, sent, index)
            if m is not None:
                return m.cluster, True
    word = subject.lower_
    pos = sent.offset + subject.idx
    if word in _PRONOUNS:
        kind = _PRONOUNS[word]
        if kind == "person":
            cluster = _antecedent(word, pos, ctx, q)
            return cluster, None
        if kind is None or kind == "organization":
            # the body last named, not a medium it spoke through ("confirming on Twitter they were")
            bodies = [m for m in index.mentions_between(max(0, pos - 600), pos) if m.cluster.kind == "organization"
                      and not re.search(r"\b(?:on|via|through)\s+$", ctx.analysis.text[max(0, m.start - 9):m.start])]
            return (bodies[-1].cluster if bodies else None), None
    # "Part of the judge's statement reads": the document speaks
    if _part_of(subject) is not subject and depth < 2:
        return _resolve(_part_of(subject), sent, ctx, q, depth + 1)
    # "which"/"that" stand for the noun they attach to ("a statement which read …")
    if word in ("which", "that", "who") and subject.head.dep_ == "relcl" and depth < 2:
        noun = subject.head.head
        return _resolve(noun, sent, ctx, q, depth + 1)
    # a document speaks for its author: "Facebook released a statement which read",
    # "the decree signed by the Pope read", "the company's statement said"
    if subject.lemma_.lower() in ctx.documents and depth < 2:
        author = _author(subject, sent, ctx, q, depth)
        if author is not None:
            return author, True
    # "Erdogan's office", "the company's spokesman": the possessor speaks
    if subject.lemma_.lower() in _SPOKESBODIES | {"official"}:
        # "Erdogan's office", "the Biden campaign", "the government of Japan"; and for a body only,
        # "an official from TfL", "a spokesperson for Amnesty International" (a lawyer for a person
        # is not that person)
        for child in subject.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "from", "at"):
                targets = [g for g in child.children if g.dep_ == "pobj"]
            else:
                targets = [child] if child.dep_ in ("poss", "compound") else []
            for target in targets:
                m = _mention_of(target, sent, index)
                if m is not None and (child.lower_ == "of" or child.dep_ != "prep" or m.cluster.kind == "organization"):
                    return m.cluster, True
    # "Princess Ubolratana pointed out": one word of exactly one person's full name
    if subject.pos_ == "PROPN" and subject.is_title and len(subject.text) > 2:
        holders = {c.id: c for c in index.clusters if c.kind == "person"
                   and subject.text in {w for m in c.mentions for w in m.text.split()}}
        if len(holders) == 1:
            return next(iter(holders.values())), True
    # "the ministry said", "the company said": the body last named whose name has that word
    # (any body for "the company" or "the firm")
    if subject.pos_ == "NOUN" and any(c.lower_ == "the" for c in subject.children if c.dep_ == "det"):
        body = _named_body(subject, pos, index)
        if body is not None:
            return body, True
    if subject.pos_ in ("NOUN", "PROPN") or word in ("police", "officials", "authorities"):
        cluster = _by_role(subject, index)
        if cluster is not None:
            return cluster, True
        if subject.pos_ == "NOUN":
            return None, False
    return None, None


def _mention_of(token, sent, index):
    """The entity mention a subject token stands for.

    The token itself, else the names inside its noun phrase ("Conservative
    Party leader and Prime Minister Boris Johnson"): a person wins over an
    organization, the name nearest the head wins, and a possessor ("Dunn's
    mother") or a prepositional object never counts.
    """
    mention = index.mention_at(sent.offset + token.idx)
    if mention is not None:
        return mention
    if token.lower_ in _MEDIUM_NOUNS:
        return None  # "an official government Twitter account": the account's owner, not Twitter, speaks
    found = []
    stack = [(child, 1) for child in token.children if child.dep_ in ("compound", "flat", "appos", "conj", "nmod")
             and child.lower_ not in _MEDIUM_NOUNS]
    while stack:
        tok, depth = stack.pop()
        m = index.mention_at(sent.offset + tok.idx)
        if m is not None:
            found.append((m.cluster.kind != "person", depth, -tok.i, m))
        stack.extend((child, depth + 1) for child in tok.children
                     if child.dep_ in ("compound", "flat", "appos", "conj", "nmod") and depth < 3
                     and tok.lower_ not in _MEDIUM_NOUNS)
    if found:
        found.sort(key=lambda f: f[:3])
        if found[0][0] is False or not _is_title_word(token):
            return found[0][3]
    # "Former US Ambassador to the United Nations Nikki Haley wrote": a title names the person after it
    if _is_title_word(token):
        people = [index.mention_at(sent.offset + t.idx) for t in token.subtree]
        people = [m for m in people if m is not None and m.cluster.kind == "person"]
        if people:
            return people[-1]
    return found[0][3] if found else None


def _is_title_word(token):
    return token.pos_ in ("NOUN", "PROPN") and (token.lemma_.lower() in rules.word_set("roles", "heads")
                                                 or token.lower_ in rules.word_set("roles", "heads"))


#: verbs whose agent handled a document without writing it
_NOT_AUTHORING = {"see", "obtain", "read", "review", "receive", "leak", "cite", "quote", "report", "acquire"}


def _author(noun, sent, ctx, q, depth):
    """Who wrote a statement, decree or report named by ``noun``."""
    for child in noun.children:
        if child.dep_ == "poss":
            m = _mention_of(child, sent, ctx.index)
            if m is not None:
                return m.cluster
            # "the judge's statement": the one holder of that role
            if child.pos_ == "NOUN" and depth < 2:
                cluster, _ = _resolve(child, sent, ctx, q, depth + 1)
                if cluster is not None:
                    return cluster
        # "a tweet on Monday by US Secretary of State Mike Pompeo", "a statement by the ministry", "a statement
        # from the ministry", "the opinion of the Court"
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    cluster, _ = _resolve(obj, sent, ctx, q, depth + 1)
                    if cluster is not None:
                        return cluster
        # "signed by the Pope", "issued by the ministry" (not who saw or obtained it: "a leaked letter seen by
        # Sky News")
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() not in _NOT_AUTHORING:
            for grand in child.children:
                if grand.dep_ == "agent":
                    for obj in grand.children:
                        if obj.dep_ == "pobj":
                            cluster, _ = _resolve(obj, sent, ctx, q, depth + 1)
                            if cluster is not None:
                                return cluster
        if child.dep_ in ("compound", "amod"):
            m = _mention_of(child, sent, ctx.index)
            if m is not None:
                return m.cluster
    # "Facebook released a statement": the subject of the verb the noun is the object of
    head = noun.head
    if noun.dep_ in ("dobj", "pobj") and head.pos_ in ("VERB", "ADP"):
        verb = head if head.pos_ == "VERB" else head.head
        subject = _subject(verb) if verb.pos_ == "VERB" else None
        if subject is not None and subject is not noun:
            cluster, _ = _resolve(subject, sent, ctx, q, depth + 1)
            return cluster
    return None


def _antecedent(pronoun, pos, ctx, q, depth=0):
    """The person "he" or "she" most likely means: the subject of a recent sentence, else the last person named.

    An earlier sentence whose subject is the same pronoun ("She explained, …") passes on whom that one meant.
    """
    analysis, index = ctx.analysis, ctx.index
    here = analysis.sentence_at(pos)
    sentences = analysis.sentences
    k = sentences.index(here) if here in sentences else -1
    quoted = [(x.open, x.close) for x in ctx.quotes]

    def in_quote(at):  # a name inside any quotation is not who "she" is
        return any(a <= at <= b for a, b in quoted)

    # the last person who is a subject before the pronoun: in this sentence, then the previous ones
    for sent in [here] + [sentences[j] for j in range(k - 1, max(-1, k - 4), -1)]:
        if sent is None:
            continue
        subjects = []
        for tok in sent.span:
            tpos = sent.offset + tok.idx
            if tok.dep_ in ("nsubj", "nsubjpass") and tpos < pos and not in_quote(tpos):
                main = not any(a.dep_ in ("relcl", "acl") for a in [tok.head, *tok.head.ancestors])
                if sent is not here and depth < 3 and tok.lower_ == pronoun and pronoun in ("he", "she"):
                    earlier = _antecedent(pronoun, tpos, ctx, q, depth + 1)
                    if earlier is not None:
                        subjects.append((True, main, earlier))
                    continue
                m = _mention_of(tok, sent, index)
                if m is not None and m.cluster.kind == "person":
                    reported = tok.head.lemma_.lower() not in ctx.verbs and any(
                        a.dep_ == "ccomp" for a in [tok.head, *tok.head.ancestors])
                    subjects.append((not reported, main, m.cluster))
        if subjects:
            # in an earlier sentence, not a subject inside reported speech ("Hutchinson questioned the
            # findings, saying Caudipteryx might …" — "he" is Hutchinson) nor one of a relative clause
            # ("Mugabe agreed to power-sharing in which Tsvangirai became prime minister"); in this
            # one, the nearest
            own = [(main, c) for is_own, main, c in subjects if is_own]  # (main: in no relative clause)
            if sent is not here and own:
                return ([c for main, c in own if main] or [c for _, c in own])[-1]
            return subjects[-1][2]
        if sent is not here and any(m.cluster.kind == "person" and not in_quote(m.start)
                                    for m in index.mentions_between(sent.start, sent.end)):
            break
    prev = None
    for m in index.mentions:
        if m.end <= pos and m.start >= max(0, pos - 1500) and m.cluster.kind == "person" and not in_quote(m.start):
            prev = m
    return prev.cluster if prev else None


_MEDIUM_NOUNS = {"account", "accounts", "page", "feed", "channel", "handle", "profile"}
_ANY_BODY = {"company", "firm", "organisation", "organization", "group", "corporation", "business", "airline"}


def _named_body(noun, pos, index):
    """The organization a definite noun ("the ministry", "the company") refers back to, or None."""
    word = noun.lemma_.lower()
    for m in reversed(index.mentions_between(max(0, pos - 1500), pos)):
        if m.cluster.kind != "organization":
            continue
        words = {w.lower() for form in [m.cluster.name, *m.cluster.aliases] for w in form.split()}
        if word in words or (word in _ANY_BODY and not words & {"ministry", "department", "court", "police"}):
            return m.cluster
    return None


def _by_role(subject, index):
    """"the spokesman said" -> the one person whose role names that word."""
    word = subject.lemma_.lower()
    matches = [c for c in index.clusters if c.kind == "person" and any(word in r.lower().split() for r in c.roles)]
    return matches[0] if len(matches) == 1 else None


def _verb_phrase(tok):
    if tok.lower_ == "according":
        return "according to"
    words = [tok.text]
    for child in tok.children:
        if child.dep_ in ("dobj", "dative") and child.lower_ in ("reporters", "journalists", "press", "media", "audience"):
            words.append(child.text)
        if child.dep_ == "prt":
            words.append(child.text)
    return " ".join(words)


def _channel(frame, ctx):
    frame_text = " ".join(tok.lower_ for _, tok, _ in frame)
    for channel in ctx.channels:
        if channel in frame_text:
            return channel
    return None


def _neighbour_speaker(k, results, ctx):
    quotes, analysis = ctx.quotes, ctx.analysis
    q = quotes[k]
    para = _paragraph_of(analysis, q.open)
    # the previous quote in the same paragraph, then the next
    for j in list(range(k - 1, -1, -1)) + list(range(k + 1, len(quotes))):
        other = quotes[j]
        if _paragraph_of(analysis, other.open) != para:
            continue
        # ("X revealed a reboot. “…” … Emma Caufield talked of a pilot. “…,” she recalls": a later
        # quote is not this one's neighbour when a person is named in a sentence between the two)
        if j > k and results[j].speaker is not None:
            other_sentence = analysis.sentence_at(other.open)
            if any(m.cluster.kind == "person" for m in ctx.index.mentions_between(q.close, other_sentence.start)):
                break
        if results[j].speaker is not None:
            return Attribution(results[j].speaker, results[j].verb, results[j].channel, "neighbour")
        if results[j].unnamed:
            return None
    pstart = analysis.paragraphs[para][0]
    opens_paragraph = analysis.text[pstart:q.open].strip() == ""
    if para > 0 and opens_paragraph:
        # a paragraph that opens with the quote continues the previous paragraph's speaker
        for j in range(k - 1, -1, -1):
            other = quotes[j]
            if _paragraph_of(analysis, other.open) == para - 1:
                if results[j].speaker is not None and _ends_paragraph(analysis, other, para - 1):
                    return Attribution(results[j].speaker, results[j].verb, results[j].channel, "continued")
                break
        # introduced by the previous paragraph: "He added:"
        prev_para = analysis.paragraphs[para - 1]
        tail = analysis.text[prev_para[0]:prev_para[1]].rstrip()
        if tail.endswith(":"):
            sent = analysis.sentence_at(prev_para[1] - 1)
            for tok in sent.span:
                if tok.dep_ == "ROOT" or (tok.lemma_.lower() in ctx.verbs and tok.pos_ == "VERB"):
                    subject = _subject(tok)
                    if subject is not None:
                        cluster, _ = _resolve(subject, sent, ctx, q)
                        if cluster is not None:
                            return Attribution(cluster, _verb_phrase(tok), None, "introduced")
    # a quote standing alone after a sentence about someone ("Why did she go? “It's Warhol.”")
    first = analysis.sentence_at(q.open)
    if first is not None and analysis.text[first.start:q.open].strip() == "":
        index_ = analysis.sentences.index(first)
        if index_ > 0:
            previous = analysis.sentences[index_ - 1]
            if previous.paragraph == first.paragraph:
                # "As Heald told The Huffington Post, ozone has dropped. “…”": the one who reports
                for tok in previous.span:
                    if tok.lemma_.lower() in ctx.verbs and tok.pos_ == "VERB" and tok.lemma_.lower() not in ctx.weak:
                        subject = _subject(tok)
                        cluster, _ = _resolve(subject, previous, ctx, q) if subject is not None else (None, None)
                        if cluster is not None and cluster.kind in ("person", "organization"):
                            return Attribution(cluster, _verb_phrase(tok), None, "context")
                for tok in previous.span:
                    if tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT":
                        cluster, _ = _resolve(tok, previous, ctx, q)
                        if cluster is not None and cluster.kind == "person":
                            return Attribution(cluster, None, None, "context")
    return None


def _ends_paragraph(analysis, quote, para):
    """True when the quote's sentence is the paragraph's last."""
    pend = analysis.paragraphs[para][1]
    last = analysis.sentence_at(pend - 1)
    return last is not None and last.start <= quote.close < last.end or quote.close >= pend - 3


def _paragraph_of(analysis, offset):
    for i, (s, e) in enumerate(analysis.paragraphs):
        if s <= offset < e:
            return i
    return -1


# ---------------------------------------------------------------------------
# statements: reported speech without quotation marks

def find_statements(analysis, index, quotes, sentences=None):
    """Sentences that report what a named entity said, without quoting it.

    Returns ``(sentence, cluster, verb)`` triples.
    """
    verbs = rules.word_set("speech", "verbs")
    weak = rules.word_set("speech", "weak_verbs")
    out = []
    for sent in analysis.sentences if sentences is None else sentences:
        if any(sent.start <= q.open < sent.end or sent.start < q.close < sent.end for q in quotes):
            continue
        for tok in sent.span:
            if tok.lemma_.lower() not in verbs or tok.lemma_.lower() in weak or tok.pos_ != "VERB":
                continue
            if not any(child.dep_ == "ccomp" for child in tok.children):
                continue
            subject = _subject(tok)
            if subject is None:
                continue
            mention = _mention_of(subject, sent, index)
            if mention is None:
                continue
            out.append((sent, mention.cluster, _verb_phrase(tok)))
            break
    return out
