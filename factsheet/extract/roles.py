"""Roles: the titles, positions and descriptions an article gives a person.

Four news conventions carry nearly all of them, tried in this order:

- a title before the name: "U.N. Deputy-Spokesman Farhan Haq", "Former Vice
  President of the United States Joe Biden", "motorcyclist Harry Dunn";
- an apposition after the name: "Akilisi Pohiva, the prime minister of
  Tonga," / "Ahmed Mohamed, a 14-year-old boy from Irving," (prepositions other
  than "of"/"for" end the role: where someone is from is not their role);
- an apposition before it: "Tonga's prime minister, Akilisi Pohiva," /
  "Dunn's mother, Charlotte Charles,";
- a plural title before a list of names: "photographers Nat Finkelstein,
  Christopher Makos and Felice Quinto" gives each "photographer".

A title before a name must hold a word from ``rules/roles.yaml`` heads or be
a common noun the parser attaches to the name; an apposition must be a noun
phrase headed by a common noun.  Of nested roles ("President", "Russian
President") the fullest is kept.
"""

from __future__ import annotations

import re

from . import rules
from .nlp import doc_text

_END_APPOSITION = {",", ".", ";", ":", ")", "(", "—", "–", "who", "which", "that", "said", "says", "but", "when",
                   "where", "while", "after", "before", "because", "as", '"', "“", "”", "from", "in", "on", "at",
                   "with", "since", "until", "during", "into", "to", "by", "about", "has", "had", "is", "was"}
_SEAT_TITLES = {"senator", "representative", "congressman", "congresswoman", "delegate", "mp", "member", "deputy"}
_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee", "man", "woman", "ess", "eer", "ary", "ive", "ic")
_DETERMINERS = ("the", "a", "an", "its", "his", "her", "their", "also", "now", "then", "another")
_MAX_WORDS = 12


def assign_roles(index):
    """Fill ``cluster.roles`` for every person cluster of an :class:`EntityIndex`."""
    heads = rules.word_set("roles", "heads")
    modifiers = rules.word_set("roles", "modifiers")
    found = {}
    for m in index.mentions:
        if m.cluster.kind != "person" or m.sentence is None:
            continue
        span = m.sentence.span
        doc = span.doc
        first = _token_at(span, m.start - m.sentence.offset)
        last = _token_at(span, m.end - 1 - m.sentence.offset)
        if first is None or last is None:
            continue
        roles = [_title_before(doc, span, first, heads, modifiers, index, m.sentence.offset),
                 _apposition_after(doc, span, last, heads, index, m.sentence.offset),
                 _apposition_before(doc, span, first, heads, index, m.sentence.offset)]
        if roles[0]:
            roles.extend(_listed_titles(doc, span, first, roles[0], heads))
        roles.append(_named_as(last, heads))
        if not any(roles):
            roles.append(_such_as(doc, span, first, heads))
        if not any(roles):
            roles.append(_shared_title(doc, span, first, heads, modifiers, index, m.sentence.offset))
        # "Durham Hall QC": letters after the name
        if last.i + 1 < len(doc) and doc[last.i + 1].text in ("QC", "KC", "SC", "MP", "MEP", "MSP", "OBE", "MBE", "CBE"):
            roles.append(doc[last.i + 1].text)
        for role in roles:
            if role:
                found.setdefault(m.cluster.id, []).append(role)
    for cluster, role in _predicate_roles(index, heads):
        found.setdefault(cluster.id, []).append(role)
    for c in index.clusters:
        c.roles = _fullest_roles(found.get(c.id, []))
        # "Dr. Alison Kock of the University of Cape Town": with no other role, the title is the role
        if c.kind == "person" and not c.roles:
            doctor = next((match.group(1) for m in c.mentions if m.sentence is not None for match in [re.search(
                r"\b(Dr\.?)\s+$", doc_text(m.sentence.span.doc)[:m.start - m.sentence.offset][-5:])] if match), None)
            if doctor:
                c.roles = [doctor]
    _roles_as_aliases(index)


_COPULAS = {"be", "become", "remain"}
_SERVING = {"serve", "work", "act", "succeed", "replace", "run"}
_NAMING = {"elect", "appoint", "name", "nominate", "select", "choose", "reelect", "re-elect", "install", "sworn",
           "pick", "tap"}


def _predicate_roles(index, heads):
    """"Chirac was a career politician", "he served as prime minister", "was elected mayor of Paris"."""
    out = []
    seen = set()
    for m in index.mentions:
        sent = m.sentence
        if sent is None or id(sent) in seen:
            continue
        seen.add(id(sent))
        for tok in sent.span:
            lemma = tok.lemma_.lower()
            if lemma not in _COPULAS | _SERVING | _NAMING:
                continue
            subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None and tok.dep_ == "conj":
                # "Nathan Law earned a victory and becomes the youngest council member"
                subject = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            # "He named Michelle Tidball as his running mate", "Carroll selected Patel as his running mate":
            # the one named holds the role, not the one naming
            # (the parser may take the name for the predicate: "named … Tidball" as "oprd")
            as_role = any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children)
            named = next((c for c in tok.children if c.dep_ == "dobj" or (
                c.dep_ == "oprd" and c.pos_ == "PROPN" and as_role and _person_for(c, sent, index) is not None)),
                None) if lemma in _NAMING else None
            if named is not None:
                subject = named
            if subject is None:
                continue
            cluster = _person_for(subject, sent, index)
            if cluster is None:
                continue
            nouns = []
            for child in tok.children:
                if lemma in _COPULAS and child.dep_ == "attr":
                    nouns.append(child)
                elif lemma in _NAMING and child.dep_ in ("oprd", "attr", "xcomp") and child.pos_ in ("NOUN", "PROPN"):
                    nouns.append(child)
                elif child.dep_ == "prep" and child.lower_ == "as" and (lemma in _SERVING or lemma in _NAMING):
                    nouns.extend(g for g in child.children if g.dep_ == "pobj")
                elif lemma in _NAMING and child.dep_ == "xcomp" and child.lemma_ == "be":
                    # "was picked to be the party's vice presidential nominee"
                    nouns.extend(g for g in child.children if g.dep_ == "attr")
            nouns.extend(c for n in list(nouns) for c in n.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"))
            for noun in nouns:
                role = _noun_phrase_role(noun, heads, index, sent.offset)
                if role:
                    out.append((cluster, role))
    return out


def _person_for(subject, sent, index):
    """The person a subject token names, or the last person named before a "he"/"she"."""
    # "Brett McGurk, who was Trump's envoy": "who" stands for the name the clause follows
    if subject.lower_ in ("who", "that") and subject.head.dep_ == "relcl":
        subject = subject.head.head
    m = index.mention_at(sent.offset + subject.idx)
    if m is None:
        for child in subject.children:
            if child.dep_ in ("compound", "flat"):
                m = index.mention_at(sent.offset + child.idx)
                if m is not None:
                    break
    if m is not None:
        return m.cluster if m.cluster.kind == "person" else None
    if subject.lower_ in ("he", "she"):
        prev = index.last_before(sent.offset + subject.idx, kind="person", floor=max(0, sent.start - 600))
        return prev.cluster if prev else None
    return None


def _noun_phrase_role(noun, heads, index, offset):
    """The role a predicate noun states, with its modifiers and an "of"/"for" complement.

    The noun is a role word, or a common noun for a person ("a former military contractor").
    """
    personal = noun.pos_ == "NOUN" and noun.text.islower() and len(noun.text) > 4 and _person_word(noun)
    if not (_is_head(noun, heads) or personal) or _in_person(noun, index, offset):
        return None
    doc = noun.doc
    left = noun.i
    for child in noun.children:
        if child.i < noun.i and child.dep_ in ("compound", "amod", "nmod", "npadvmod") and not _in_person(child, index, offset):
            left = min(left, child.left_edge.i if child.dep_ != "amod" else child.i)
    right = noun.i
    for child in noun.children:
        if child.i > noun.i and child.dep_ == "prep" and child.lower_ in ("of", "for"):
            right = max(right, child.right_edge.i)
    words = [t for t in doc[left:right + 1]]
    while words and words[0].lower_ in _DETERMINERS:
        words = words[1:]
    if not words or len(words) > _MAX_WORDS or any(t.text in (",", ";", "(", ")") for t in words):
        return None
    return _clean(doc_text(doc)[words[0].idx: words[-1].idx + len(words[-1].text)])


_TOP_TITLES = {"secretary-general", "president", "chief", "director-general", "director", "head", "leader",
               "chairman", "chairwoman", "chair", "ceo", "chancellor", "premier", "commissioner", "governor"}
_UNDER = {"deputy", "vice", "assistant", "acting", "former", "spokesman", "spokeswoman", "spokesperson", "deputy-spokesman"}


def _chief_aliases(index):
    """"UN chief" names the one person whose title makes them the head of the UN."""
    from .entities import name_key

    sentences = {id(m.sentence): m.sentence for m in index.mentions if m.sentence is not None}.values()
    for org in [c for c in index.clusters if c.kind == "organization"]:
        forms = {m.text for m in org.mentions} | set(org.aliases) | {org.name}
        keys = {name_key(f) for f in forms}
        heads = []
        for person in (c for c in index.clusters if c.kind == "person"):
            for role in person.roles:
                words = name_key(role).split()
                if any(k and f" {k} " in f" {' '.join(words)} " for k in keys) and \
                        not any(w in _UNDER for w in role.lower().split()) and \
                        any(t in _TOP_TITLES for t in role.lower().replace("-", " - ").split() + [role.lower().split()[-1]]):
                    heads.append(person)
                    break
        if len(heads) != 1:
            continue
        pattern = re.compile(r"(?<!\w)((?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                             + r")(?:'s|’s)? (?:chief|head|leader|boss))(?!\w)")
        for sent in sentences:
            for match in pattern.finditer(sent.span.text):
                form = match.group(1)
                if form not in heads[0].aliases:
                    heads[0].aliases.append(form)


def _roles_as_aliases(index):
    """A title used on its own ("the U.N. secretary-general") names the one person who holds it."""
    if not index.mentions:
        return
    _chief_aliases(index)
    holders = {}
    for c in index.clusters:
        for role in c.roles:
            if len(role.split()) >= 2:
                holders.setdefault(role.lower(), []).append(c)
    for role, clusters in holders.items():
        if len(clusters) != 1:
            continue
        cluster = clusters[0]
        for sent in {id(m.sentence): m.sentence for m in index.mentions if m.sentence is not None}.values():
            body = sent.span.text
            for match in re.finditer(r"(?<!\w)" + re.escape(role) + r"(?!\w)", body, re.I):
                after = sent.offset + sent.span[0].idx + match.end()
                before = after - len(match.group(0))
                # not the title in front of the name itself, nor an apposition to it
                # ("the director of IEDCR, Dr Flora", "Jasim Uddin, a spokesperson for the fire service")
                if any(m.cluster is cluster and (0 <= m.start - after <= 6 or 0 <= before - m.end <= 6)
                       for m in index.mentions):
                    continue
                form = match.group(0)
                if form not in cluster.aliases and form != cluster.name:
                    cluster.aliases.append(form)


def _token_at(span, char):
    for tok in span:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
    return None


def _hyphenated_tail(words):
    """The hyphenated word the tokens end with, lower case ("son-in-law"), or ""."""
    k = len(words) - 1
    while k > 0 and not words[k - 1].whitespace_ and (words[k].text == "-" or words[k - 1].text == "-"):
        k -= 1
    return "".join(t.text for t in words[k:]).lower() if k < len(words) - 1 else ""


def _is_head(tok, heads):
    word = tok.lower_
    from .entities import _singular_word

    return (word in heads or word.rstrip(".") in heads or tok.lemma_.lower() in heads
            or _singular_word(word) in heads or any(part in heads for part in word.split("-") if part)
            or (tok.i > 0 and f"{tok.nbor(-1).lower_} {word}" in heads))  # "running mate"


def _in_person(tok, index, offset):
    m = index.mention_at(offset + tok.idx)
    return m is not None and m.cluster.kind == "person"


def _title_before(doc, span, first, heads, modifiers, index, offset):
    """A title written just before the name ("Russian President Vladimir Putin")."""
    i = first.i - 1
    words = []
    while i >= span.start and len(words) < _MAX_WORDS:
        tok = doc[i]
        low = tok.lower_
        if tok.text in ("-", "–") and not tok.whitespace_ and i - 1 >= span.start and not doc[i - 1].whitespace_:
            # a hyphenated word is one word: "son-in-law", "pan-democrat"
            words.extend([tok, doc[i - 1]])
            i -= 2
            continue
        if tok.text == ")" and i - 2 >= span.start and doc[i - 2].text == "(" and doc[i - 1].text.isupper():
            # a bracketed acronym: "Organisation of Islamic Cooperation (OIC) head"
            words.extend(doc[i - k] for k in range(3))
            i -= 3
            continue
        # (a word the tagger called a person but no person's name is part of a title before its
        # role word: "Road Transport and Bridges Minister")
        # (also the place of "Mayor of Koszalin Piotr Jedlinski", which the tagger ran into the name)
        of_title = i - 2 >= span.start and doc[i - 1].lower_ in ("of", "to") and _is_head(doc[i - 2], heads)
        if _in_person(tok, index, offset) or (tok.ent_type_ == "PERSON" and not _is_head(tok, heads)
                                              and not (words and _is_head(words[-1], heads)) and not of_title):
            break
        if low in ("'s", "’s") and i - 1 >= span.start and doc[i - 1].ent_type_ in ("GPE", "ORG", "NORP"):
            words.append(tok)
            i -= 1
            continue
        # "Vice President of the United States": "the" inside a title before a capitalised name
        if low == "the" and words and words[-1].text[:1].isupper() and i - 1 >= span.start \
                and doc[i - 1].lower_ in ("of", "to"):
            words.append(tok)
            i -= 1
            continue
        # "Ambassador to the United Nations": "to" inside a title before a capitalised name
        # ("Senator from Vermont" too)
        # ("Mayor of Koszalin Piotr Jedlinski" too)
        if low in ("to", "from", "of") and words and (words[-1].text[:1].isupper() or words[-1].lower_ == "the") \
                and i - 1 >= span.start and _is_head(doc[i - 1], heads):
            words.append(tok)
            i -= 1
            continue
        # "Road Transport and Bridges Minister": "and" between capitalised words of one title
        if low in ("and", "&") and words and words[-1].text[:1].isupper() and i - 1 >= span.start \
                and doc[i - 1].text[:1].isupper() and not _in_person(doc[i - 1], index, offset):
            words.append(tok)
            i -= 1
            continue
        if tok.ent_type_ == "DATE" and tok.is_title:
            break  # ("on Sunday Presidents Muhammadu Buhari": a day is no part of a title)
        attached = (tok.pos_ == "NOUN" or (tok.pos_ == "ADJ" and tok.lower_.endswith(("ologist", "ist", "ician")))) \
            and tok.text.islower() and tok.head.i >= first.i and tok.dep_ in ("compound", "nmod", "amod") and not words
        ok = (_is_head(tok, heads) or low in modifiers or tok.ent_type_ in ("ORG", "GPE", "NORP") or attached
              or (tok.is_title and tok.pos_ in ("PROPN", "NOUN", "ADJ") and low not in ("the", "a", "an"))
              or (tok.text.isupper() and tok.is_alpha and len(tok.text) >= 2)  # "ABS-CBN CEO"
              or (words and tok.pos_ in ("NOUN", "ADJ") and tok.dep_ in ("compound", "amod"))
              # "Pioneering oceanographer", "the acting chair", "Wikinews accredited reporter": a participle
              # describing the title (not "Biden leading President Donald Trump", where it is the verb)
              or (words and tok.tag_ in ("VBG", "VBN") and tok.dep_ == "amod" and tok.head.i > tok.i
                  and (tok.is_sent_start or doc[tok.i - 1].pos_ in ("DET", "ADJ") or doc[tok.i - 1].text in (",", "(")
                       or doc[tok.i - 1].ent_type_ in ("ORG", "NORP", "GPE"))))
        if not ok or (tok.is_punct and tok.text != "."):
            break
        if low in ("the", "a", "an"):
            break
        words.append(tok)
        i -= 1
    words.reverse()
    # "wife of Valery Tsapkala", "a niece of Biden's opponent": a relation the name is the object of,
    # not the name's own title; "Castle for president and Scott Bradley": a list, not a title
    if words and words[-1].lower_ in ("of", "to", "for", "from", "and", "or"):
        return None
    # "fiancée of journalist Jamal Khashoggi", "spokesperson for President Rodrigo Duterte": the part
    # before "of"/"for" is someone else's role when what follows is a title of its own
    for k in range(len(words) - 1, 0, -1):
        if words[k].lower_ in ("of", "for") and words[k - 1].text.islower() and any(
                _is_head(t, heads) for t in words[k + 1:]):
            words = words[k + 1:]
            break
    # "the ticket of Jerome Segal for president and filmmaker John de Graaf": after "for", a lower-case
    # title before "and" is the one before's ("for president"), not this name's (not "for Health and
    # Human Services Secretary …")
    if words and (words[0].lower_ == "for" or (words[0].i > span.start and doc[words[0].i - 1].lower_ == "for")):
        ands = [k for k, t in enumerate(words) if t.lower_ == "and" and k > 0 and words[k - 1].text.islower()]
        if ands:
            words = words[ands[-1] + 1:]
    while words and (words[0].lower_ in ("of", "and", "for", "'s", "’s", "-", "&", "the", ")") or words[0].is_punct):
        words = words[1:]
    if not words:
        return None
    nearest = words[-1]
    lexical = any(_is_head(t, heads) for t in words)
    # a common noun the parser attaches to the name, if it is a word for a person ("motorcyclist")
    syntactic = nearest.pos_ == "NOUN" and nearest.text.islower() and nearest.dep_ in ("compound", "nmod") \
        and nearest.lower_.endswith(_PERSON_SUFFIXES)
    # "ecologist Chip Taylor" (the tagger may call it an adjective), "Ecologist Ryan Norris" opening a sentence
    # ("British mathematician", "Famed mathematician": describing words before it are fine)
    described = all(t.pos_ in ("ADJ", "VERB") or t.ent_type_ == "NORP" for t in words[:-1])
    syntactic = syntactic or (described and nearest.pos_ in ("NOUN", "ADJ", "PROPN") and nearest.ent_type_ != "NORP"
                              and (nearest.text.islower() or nearest.is_sent_start)
                              and nearest.lower_.endswith(("ologist", "ist", "ician", "er", "or")) and len(nearest.text) > 5
                              and nearest.lower_ not in rules.word_set("roles", "not_person_nouns")
                              and nearest.lower_ not in modifiers)
    if not (lexical or syntactic):
        return None
    # the last word before the name must be part of the title itself
    placed = len(words) >= 3 and words[-2].lower_ in ("of", "to") and nearest.text[:1].isupper()  # "Mayor of Koszalin"
    if not (_is_head(nearest, heads) or nearest.lower_ in modifiers or nearest.ent_type_ in ("ORG", "GPE") or syntactic
            or placed):
        return None
    text = doc_text(doc)[words[0].idx: nearest.idx]
    # a plural title before a list of names is each one's title: "photographers X, Y and Z"
    text += _singular(nearest)
    if text.lower().rstrip(".") in ("mr", "mrs", "ms", "dr", "miss", "sir", "dame"):
        return None
    return _clean(text)


def _person_word(noun):
    """A noun ending like a word for a person ("contractor", "protester"), and not one of the look-alikes
    ``roles.yaml`` lists ("center")."""
    return noun.lower_.endswith(_PERSON_SUFFIXES) and noun.lower_ not in rules.word_set("roles", "not_person_nouns")


def _seat_from(words, k):
    """True when ``words[k]`` is the "from" of a legislator's seat ("a Senator from Colorado")."""
    return words[k].lower_ == "from" and k > 0 and words[k - 1].lower_ in _SEAT_TITLES


def _named_as(last, heads):
    """"a university student named Wong", "a protester using the pseudonym Katya": the noun naming them."""
    tok = last
    if tok.dep_ == "appos" and tok.head.lower_ in ("pseudonym", "name", "alias"):
        tok = tok.head
    if tok.dep_ not in ("oprd", "dobj", "attr") or tok.head.dep_ != "acl":
        return None
    verb = tok.head
    if verb.lower_ not in ("named", "called", "using", "identified"):
        return None
    noun = verb.head
    if noun.pos_ != "NOUN" or not (_is_head(noun, heads) or _person_word(noun)) \
            or noun.lower_ in ("man", "woman", "boy", "girl", "person", "child", "baby", "someone"):
        return None  # ("a woman named Heather Heyer": no role)
    left = min([noun.i] + [c.i for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i])
    return _clean(doc_text(noun.doc)[noun.doc[left].idx:noun.idx + len(noun.text)])


def _such_as(doc, span, first, heads):
    """"Political commentators such as Brit Hume and Chris Wallace": each named one is one of them."""
    k = first.i - 1
    # back over the names listed before this one ("… such as Brit Hume and Chris Wallace")
    while k > span.start and first.i - k < 16 and (doc[k].pos_ == "PROPN" or doc[k].text in (",", "and")):
        k -= 1
    if k - 1 <= span.start or not (doc[k].lower_ == "as" and doc[k - 1].lower_ == "such"):
        return None
    noun = doc[k - 2]
    if noun.tag_ != "NNS" or not noun.text.islower() or not _is_head(noun, heads):
        return None
    start = noun.i
    while start - 1 >= span.start and doc[start - 1].pos_ in ("ADJ", "NOUN") and doc[start - 1].dep_ in ("amod", "compound") \
            and noun.i - start < 3:
        start -= 1
    words = [t.text for t in doc[start:noun.i]] + [_singular(noun)]
    if start == span.start and doc[start].pos_ != "PROPN" and not doc[start].ent_type_:
        words[0] = words[0].lower()  # the sentence's capital is no part of the role
    return _clean(" ".join(words))


def _listed_titles(doc, span, first, title, heads):
    """"radio personality, television host, and philanthropist Don Imus": the titles listed before
    the one next to the name, each ending in a role word."""
    out = []
    # where the title next to the name starts
    i = first.i - 1
    while i >= span.start and doc_text(doc)[doc[i].idx:first.idx].strip() != title and doc[i].idx > first.idx - len(title) - 2:
        i -= 1
    # (the list ends with "and" before the last title: "two candidates, Senator X" is no list)
    if not (i - 1 >= span.start and doc[i - 1].lower_ == "and"):
        return out
    while i - 1 >= span.start and doc[i - 1].lower_ in ("and", ",") and i - 2 >= span.start:
        k = i - 1
        while k >= span.start and doc[k].lower_ in ("and", ","):
            k -= 1
        if k < span.start or not _is_head(doc[k], heads) or not doc[k].text.islower() or doc[k].tag_ == "NNS":
            break
        end = k
        while k - 1 >= span.start and doc[k - 1].pos_ in ("NOUN", "ADJ", "PROPN") and doc[k - 1].lower_ not in ("and",) \
                and not doc[k - 1].is_punct and end - k < 3:
            k -= 1
        if k - 1 >= span.start and doc[k - 1].lower_ == "for":
            break  # ("Segal for president and filmmaker John de Graaf": the one before's)
        out.append(_clean(doc_text(doc)[doc[k].idx: doc[end].idx + len(doc[end].text)]))
        i = k
    return out


def _apposition_after(doc, span, last, heads, index, offset):
    """"Name, the prime minister of Tonga," -> "prime minister of Tonga"."""
    i = last.i + 1
    if i >= span.end or doc[i].text != ",":
        return None
    i += 1
    # an age between name and role: "Name, 45, a teacher"
    if i + 1 < span.end and doc[i].like_num and doc[i + 1].text == ",":
        i += 2
    if i < span.end and doc[i].lower_ in ("and", "or"):
        return None  # "X, Pope Francis, and a spokesperson for …": the list goes on
    words = []
    while i < span.end and doc[i].text not in (",", ".", ";", ")", "—", "–", ":") and len(words) <= 2 * _MAX_WORDS:
        tok = doc[i]
        if tok.text in ("who", "whose") and words and words[0].lower_ in ("a", "an", "the"):
            break  # "Nicholas Sandmann, a former high school student who received a settlement"
        if tok.tag_ == "VBG" and tok.dep_ == "acl" and len(words) >= 2 and words[0].lower_ in ("a", "an", "the") \
                and _is_head(words[-1], heads):
            break  # "Howard Rubel, a Toronto lawyer representing Spanton,": the title, then what the person does
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ != "VBN" and tok.dep_ not in ("amod", "compound"):
            # "Michael Makuei, the Information Minister paid tribute": the writer left out the
            # closing comma; a role phrase with its article, then the sentence's own verb
            # ("Per request of … Boris Johnson, the Queen suspended parliament": after a preposition's
            # object the comma ends a phrase and the Queen is the subject)
            if tok.dep_ == "ROOT" and len(words) >= 2 and words[0].lower_ == "the" and _is_head(words[-1], heads) \
                    and last.dep_ != "pobj":
                return _role_phrase(doc, words, heads, index, offset, keep_possessor=True)
            return None  # a clause, not an apposition: "Haq, speaking in New York, said"
        words.append(tok)
        i += 1
    if not words or i >= span.end:
        return None
    # "a 14-year-old boy from Irving": where someone is from is not part of the role
    # ("a Senator from Colorado": "from" after a legislator's title names the seat)
    cut = next((k for k, t in enumerate(words) if t.lower_ in _END_APPOSITION and t.lower_ not in ("of", "for")
                and not _seat_from(words, k)), len(words))
    return _role_phrase(doc, words[:cut], heads, index, offset, keep_possessor=True)  # "Heather Heyer's mother"


def _apposition_before(doc, span, first, heads, index, offset):
    """"Tonga's prime minister, Akilisi Pohiva," -> "Tonga's prime minister"."""
    i = first.i - 1
    honorifics = rules.word_set("roles", "honorifics")
    while i >= span.start and doc[i].lower_ in honorifics:  # "the director of IEDCR, Dr Flora"
        i -= 1
    if i < span.start or doc[i].text != ",":
        return None
    i -= 1
    words = []
    while i >= span.start and len(words) <= _MAX_WORDS:
        tok = doc[i]
        if tok.text in (",", ";", ":", "(", "“", '"', "—", "–") or tok.pos_ in ("VERB", "AUX"):
            break
        words.append(tok)
        i -= 1
    words.reverse()
    if not words:
        return None
    # the phrase must start a noun phrase: a determiner or a possessive ("Dunn's") begins it
    # (not one inside its complement when there is another: "the director of the institute")
    starts = [k for k, t in enumerate(words) if t.lower_ in _DETERMINERS]
    outer = [k for k in starts if not (k > 0 and words[k - 1].lower_ in ("of", "for", "to", "at", "in", "on"))]
    starts = outer or starts
    possessive = [k for k, t in enumerate(words) if t.lower_ in ("'s", "’s") and k > 0]
    if starts:
        k = starts[-1]
    elif possessive:
        k = possessive[-1] - 1
        while k > 0 and words[k - 1].text[:1].isupper():
            k -= 1
    elif words[0].i == span.start:
        k = 0  # the sentence opens with it: "Co-founder of Google, Sergey Brin, met him"
    elif doc[words[0].i - 1].pos_ == "VERB" and len(words) >= 2 and words[0].pos_ != "ADP":
        # (not "According to police and county officials, Zhukovskyy was …")
        k = 0  # a verb's object: "the airstrike that killed Iranian general, Qasem Soleimani"
    else:
        return None
    # "In his speech, Lam said": a phrase after a preposition is an apposition only when a comma or
    # the sentence's end closes the name ("put through to a Scientology attorney, Kendrick Moxon.",
    # "in the words of the Crown prosecutor, Mark Tedeschi, QC")
    before = words[k - 1] if k > 0 else (doc[words[0].i - 1] if words[0].i > span.start else None)
    end = first.i
    while end + 1 < span.end and _in_person(doc[end + 1], index, offset):
        end += 1
    bracketed = end + 1 >= span.end or doc[end + 1].text in (",", ".", ";", ")")
    # (an age is no closing comma: "Acting via his lawyers, Volodoymyr Zhukovskyy, 23, pleaded")
    if bracketed and end + 2 < span.end and doc[end + 1].text == "," and doc[end + 2].like_num:
        bracketed = False
    # ("to speak with his mother, Montalvo was put through": no comma closes it, so no apposition)
    if before is not None and before.pos_ in ("ADP", "VERB") and not bracketed:
        return None
    words = words[k:]
    if len(words) < 2:
        return None
    # "four daughters, Nadine, Ashley and Toni": each is a daughter
    if words[0].like_num and words[-1].tag_ in ("NNS", "NNPS") and len(words) >= 2:
        core = words[1:]
        return _clean(doc_text(doc)[core[0].idx:core[-1].idx] + _singular(core[-1])) if _is_head(core[-1], heads) else None
    return _role_phrase(doc, words, heads, index, offset, keep_possessor=True)


def _shared_title(doc, span, first, heads, modifiers, index, offset):
    """"photographers Nat Finkelstein, Christopher Makos and Felice Quinto": the list's title, made singular.

    The walk back passes the earlier names of the list and what says where each
    is from ("Alvin Yeung from the Civic Party,").
    """
    i = first.i - 1
    passed_name = passed_affiliation = passed_separator = False
    while i >= span.start:
        tok = doc[i]
        if _in_person(tok, index, offset):
            passed_name = True
            i -= 1
            continue
        if tok.text in (",", "and", "&"):
            passed_separator = True
            i -= 1
            continue
        # (where the name before is from, after a separator: "councillors Alvin Yeung from the Civic Party,
        # Fernando Cheung"; not a given name the tagger left out: "Senior Advisors Jared Kushner and Ivanka Trump")
        if passed_separator and not _is_head(tok, heads) and (
                tok.lower_ in ("of", "from", "the") or tok.ent_type_ in ("ORG", "GPE") or tok.text[:1].isupper()):
            passed_affiliation = True
            i -= 1
            continue
        break
    if i < span.start or i == first.i - 1 or (passed_affiliation and not passed_name):
        return None
    # one name after a comma is no list: "According to police and county officials, Zhukovskyy was …"
    # (but "four daughters, Nadine, Ashley and Toni" is one)
    after = first.i
    while after + 1 < span.end and _in_person(doc[after + 1], index, offset):
        after += 1
    continues = after + 2 < span.end and doc[after + 1].text in (",", "and") and (
        _in_person(doc[after + 2], index, offset) or (doc[after + 2].lower_ == "and" and after + 3 < span.end
                                                      and _in_person(doc[after + 3], index, offset)))
    if not passed_name and doc[first.i - 1].text == "," and not continues:
        return None
    head = doc[i]
    # a plural role word; the tagger sometimes takes one before a name for a verb ("photographers")
    plural = head.tag_ in ("NNS", "NNPS") or (head.lower_.endswith("s") and head.pos_ in ("NOUN", "VERB", "PROPN"))
    if not plural or not _is_head(head, heads):
        return None
    k = head.i
    # (not a date the parser hung on the title: "on Sunday Presidents Muhammadu Buhari … and Patrice Talon")
    while k - 1 >= span.start and doc[k - 1].dep_ in ("compound", "amod") and doc[k - 1].head.i >= k - 1 \
            and not doc[k - 1].is_punct and doc[k - 1].ent_type_ != "DATE" and head.i - k < 4:
        k -= 1
    # ("pan-democracy camp councillors": a hyphenated word is one word)
    if k - 2 >= span.start and doc[k - 1].text == "-" and not doc[k - 1].whitespace_ and not doc[k - 2].whitespace_ \
            and doc[k - 2].is_alpha:
        k -= 2
    while k < head.i and doc[k].text in ("-", "–"):
        k += 1
    return _clean(doc_text(doc)[doc[k].idx: head.idx] + _singular(head))


def _singular(tok):
    """A plural title word in the singular, keeping its capital ("Advisors" -> "Advisor")."""
    from .entities import _singular_word

    if tok.tag_ not in ("NNS", "NNPS") and not (tok.lower_.endswith("s") and tok.pos_ in ("VERB", "PROPN")
                                                 and _singular_word(tok.lower_) != tok.lower_):
        return tok.text
    lemma = tok.lemma_ if tok.lemma_.lower() != tok.lower_ else _singular_word(tok.lower_)
    return lemma[:1].upper() + lemma[1:] if tok.text[:1].isupper() else lemma.lower()


def _role_phrase(doc, words, heads, index, offset, keep_possessor=False):
    """The role in an apposition, when its head is a word for a person's position or relation."""
    while words and words[0].lower_ in _DETERMINERS:
        words = words[1:]
    while words and (words[-1].lower_ in ("of", "for", "and", "the") or words[-1].is_punct):
        words = words[:-1]
    def length(ws):  # in words as written ("Virginia-based" is one)
        return len(doc_text(doc)[ws[0].idx: ws[-1].idx + len(ws[-1].text)].split()) if ws else 0

    if length(words) > _MAX_WORDS:
        # "a UN rapporteur for the Office of the UN High Commissioner for Human Rights": the core and
        # its first complement, else the core
        cuts = [k for k, t in enumerate(words) if t.lower_ in ("of", "for")] + [len(words)]
        words = words[:cuts[1]] if len(cuts) > 1 and length(words[:cuts[1]]) <= _MAX_WORDS else words[:cuts[0]]
        while words and words[-1].lower_ in ("the", "and", "a", "an"):
            words = words[:-1]
    if not words or length(words) > _MAX_WORDS:
        return None
    # (a person in the "of" complement is who the role relates to: "fiancée of journalist Jamal Khashoggi")
    complement = next((k for k, t in enumerate(words) if t.lower_ in ("of", "for")), len(words))
    persons = [t for t in words[:complement] if _in_person(t, index, offset)]
    if persons and not (keep_possessor and all(t.i < words[-1].i and t.nbor(1).lower_ in ("'s", "’s") or
                                               t.nbor(1).text[:1].isupper() for t in persons)):
        return None
    # the phrase is headed by a role word, before any "of"/"for" complement, or ends in one
    # ("a United States Department of State spokesperson")
    cut = next((k for k, t in enumerate(words) if t.lower_ in ("of", "for") or _seat_from(words, k)), len(words))
    core = words[:cut]
    # (or by a common noun for a person: "an evolutionary biomechanicist at …")
    person_noun = bool(core) and core[-1].pos_ == "NOUN" and core[-1].text.islower() \
        and core[-1].lower_.endswith(("ist", "ian", "eer", "ologist"))
    if not (core and _is_head(core[-1], heads)) and not (words[-1].pos_ == "NOUN" and _is_head(words[-1], heads)) \
            and _hyphenated_tail(words) not in heads and not person_noun:
        return None
    text = doc_text(doc)[words[0].idx: words[-1].idx + len(words[-1].text)]
    return _clean(text)


def _clean(text):
    import unicodedata

    text = "".join(c for c in text if unicodedata.category(c) != "Cf")  # zero-width joiners and the like
    text = re.sub(r"\s+", " ", text).strip(" ,.;:-–—")
    text = re.sub(r"\s+(of|for|to|and|the|in|at)$", "", text)
    # "formerly a professor", "previously the Deputy Chief Minister": the role without the adverb
    text = re.sub(r"^(?:formerly|previously|currently|now|also|once|later)\s+(?:(?:a|an|the)\s+)?", "", text, flags=re.I)
    # "As Attorney General, Barr leads …": the role without the preposition opening the sentence
    text = re.sub(r"^As\s+(?=[A-Z])", "", text)
    # "Member of Parliament (MP) Yvette Cooper": a bracketed acronym inside a title is left out of it
    text = re.sub(r"\s*\([A-Z][A-Za-z.&]{1,9}\)(?=\s|$)", "", text).strip()
    if re.search(r"[\"“”()]", text):
        return None  # a quoted or bracketed aside is not a role
    return text or None


def _fullest_roles(roles):
    """Distinct roles, dropping any whose words all appear in a longer one."""
    def words(role):
        return set(re.sub(r"[^\w\s]", " ", role.lower().replace("’s", "").replace("'s", "")).split())

    unique = []
    for role in roles:
        if role not in unique:
            unique.append(role)
    kept = []
    for role in unique:
        w = words(role)
        if any(other != role and w <= words(other) and len(words(other)) > len(w) for other in unique):
            continue
        if any(words(k) == w for k in kept):
            continue
        kept.append(role)
    return kept
