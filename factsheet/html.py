"""Saved web pages: the article's main text and metadata, boilerplate dropped, with trafilatura.

trafilatura finds the main text of a page (navigation, cookie banners, share
buttons, related links, comments and footers go) and its metadata: title,
author, date, site name and canonical URL from ``<meta>`` tags and JSON-LD.
The article text is a rendering like a Markdown article's (see
:mod:`factsheet.markdown`): each paragraph, list item, block quote and
heading of the main text becomes one line of plain text, whitespace collapsed
as a browser would, blocks separated by a blank line, the title first; tables,
code and images are left out.  Evidence offsets index that rendering, and the saved page
itself stays the provenance.  The rendering depends on trafilatura's version,
whose range ``pyproject.toml`` bounds.

Besides trafilatura's metadata, the page's ``rel="license"`` link names the
license, and a copyright line in the article's last paragraph or the site
footer gives ``copyright``, ``publisher`` and "All rights reserved"; like a
text file's footer, those only fill gaps the page's metadata leaves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .articles import (assemble, check_binary, decode, is_footer, parse_footer, squash, strip_dateline, strip_footer,
                       with_title)
from .errors import ArticleError

#: elements of trafilatura's output left out of the text (not prose)
_SKIP = {"table", "code", "graphic", "figure", "fw", "note", "ab"}
#: elements of trafilatura's output that hold blocks rather than words
_CONTAINERS = {"list", "quote", "div", "section", "main", "article", "body", "doc"}
_BLOCKS = {"p", "head", "item", "list", "quote", "table", "code", "graphic", "div"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CC_PATH = re.compile(r"creativecommons\.org/licenses/(by(?:-nc)?(?:-nd|-sa)?)/(\d\.\d)", re.I)
_CC_ZERO = re.compile(r"creativecommons\.org/publicdomain/zero/(\d\.\d)", re.I)
_CC_TEXT = re.compile(r"\b(?:cc|creative commons)[- ](by(?:-nc)?(?:-nd|-sa)?|zero|0)\b[- ]?(\d\.\d)?", re.I)
_CC_WORDS = re.compile(r"creative commons attribution(?P<nc>[- ]non-?commercial)?"
                       r"(?:[- ](?P<sa>share-?alike)|[- ](?P<nd>no-?deriv\w*))?(?:\s+(?P<v>\d\.\d))?", re.I)
#: a paragraph that only points elsewhere ("READ MORE: Tunnel tolls to rise"): boilerplate
_PROMO = re.compile(r"^(?:read (?:more|also|next)|also read|related(?: story| article| coverage)?|see also|more|"
                    r"watch|listen|recommended|don[’']t miss|must read|trending|sign up|subscribe|advertisement)"
                    r"\s*(?:[:|»›>–—-]|$)", re.I)
_MONTH_OR_DIGIT = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
#: the commonest English words; real English prose is a third of them or more
_ENGLISH = frozenset("""the of and to a in is that for on with was as it by at he said from his be are
have has an were not but this they which or their will had been who its after over more than
would she her about also we there after when can into up out one year two new against been""".split())


@dataclass
class Page:
    """A web page reduced to its article: blocks of text and metadata."""

    #: ``(kind, line)`` pairs: "heading" or "paragraph", one line of plain text each
    blocks: list = field(default_factory=list)
    title: str = ""
    #: published, author, publisher, url, license, copyright
    meta: dict = field(default_factory=dict)
    #: the language the page declares (``<html lang>``), primary subtag, or None
    language: str | None = None
    #: copyright facts from the site footer (weaker than ``meta``)
    notice: dict = field(default_factory=dict)

    def article(self):
        """``(text, title, paragraphs, meta)``: the rendering, rights notices moved into ``meta``.

        The page's metadata wins over what its text suggests: a copyright
        line closing the article, then one in the site footer.
        """
        text, paragraphs = assemble(with_title(self.blocks, self.title))
        suggested = {}
        paragraphs = strip_dateline(text, paragraphs, suggested)
        paragraphs = strip_footer(text, paragraphs, suggested)
        for key, value in self.notice.items():
            suggested.setdefault(key, value)
        return text, self.title, paragraphs, {**suggested, **self.meta}


def declared_charset(raw):
    """The charset a page declares in a ``<meta>`` tag near its start, or None."""
    match = _CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def decode_html(raw, name, encoding=None):
    """Decode page bytes: a BOM, then ``encoding`` (an HTTP header), then ``<meta charset>``, then UTF-8."""
    check_binary(raw, name)
    return decode(raw, name, encoding or declared_charset(raw))


def license_name(href, text=""):
    """A license's short name from a license link (``CC BY-SA 4.0``), or None when unrecognisable."""
    match = _CC_PATH.search(href or "")
    if match:
        return f"CC {match.group(1).upper()} {match.group(2)}"
    match = _CC_ZERO.search(href or "")
    if match:
        return f"CC0 {match.group(1)}"
    if "creativecommons.org/publicdomain/mark" in (href or "").lower():
        return "Public domain"
    text = squash(text or "")
    match = _CC_WORDS.search(text)
    if match:
        parts = "BY" + ("-NC" if match.group("nc") else "") + ("-SA" if match.group("sa") else "") \
            + ("-ND" if match.group("nd") else "")
        return f"CC {parts}" + (f" {match.group('v')}" if match.group("v") else "")
    match = _CC_TEXT.search(text)
    if match:
        kind = match.group(1).upper()
        if kind in ("ZERO", "0"):
            return "CC0" + (f" {match.group(2)}" if match.group(2) else "")
        return f"CC {kind}" + (f" {match.group(2)}" if match.group(2) else "")
    if re.search(r"public domain", text, re.I):
        return "Public domain"
    if text and len(text) <= 80 and not re.fullmatch(r"(the )?(license|licence|terms.*|legal|copyright|more)", text, re.I):
        return text
    return None


def _page_license(tree):
    for element in tree.xpath("//link[@rel][@href] | //a[@rel][@href]"):
        if "license" not in element.get("rel", "").lower().split():
            continue
        text = element.text_content() if element.tag == "a" else element.get("title", "")
        name = license_name(element.get("href"), text)
        if name:
            return name
    return None


def _site_copyright(tree):
    """Copyright facts from the smallest element of the page's footer that holds a rights notice."""
    footers = tree.xpath("//footer | //*[contains(translate(@class, 'FOTER', 'foter'), 'footer')]"
                         " | //*[contains(translate(@id, 'FOTER', 'foter'), 'footer')]"
                         " | //*[contains(translate(@class, 'COPYRIGHT', 'copyright'), 'copyright')]")
    for footer in footers:
        if len(footer.text_content()) > 5000:  # e.g. <body class="has-footer">: not a footer
            continue
        candidates = [el for el in footer.iter() if isinstance(el.tag, str)
                      and is_footer(squash(el.text_content()))]
        marked = set(candidates)
        innermost = [el for el in candidates if not any(d in marked for d in el.iterdescendants())]
        for el in innermost:
            facts = parse_footer(squash(el.text_content()))
            if facts:
                return facts
    return {}


def _language(tree):
    for value in (tree.get("lang"), tree.get("xml:lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
                  *tree.xpath("//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']/@content"),
                  *tree.xpath("//meta[@property='og:locale']/@content")):
        if value and value.strip():
            return re.split(r"[-_,;\s]", value.strip().lower())[0] or None
    return None


def english_share(text):
    """The share of words in ``text`` that are among the commonest English words (0 to 1), None if too short."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 30:
        return None
    return sum(1 for w in words if w in _ENGLISH) / len(words)


def is_english(page_text, declared=None):
    """True when the text reads as English; the declared language decides texts too short to tell."""
    share = english_share(page_text)
    if share is None:
        return declared in (None, "en")
    return share >= 0.12


def _element_text(element):
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _SKIP:
            pass
        elif child.tag == "lb":
            parts.append(" ")
        else:
            parts.append(_element_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _walk(element, out):
    if element.text and element.text.strip():
        out.append(("paragraph", element.text))
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else None
        if tag is None or tag in _SKIP:
            pass
        elif tag == "head":
            out.append(("heading", _element_text(child)))
        elif tag in _CONTAINERS and any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in child):
            _walk(child, out)
        else:
            out.append(("paragraph", _element_text(child)))
        if child.tail and child.tail.strip():
            out.append(("paragraph", child.tail))


def extract_page(raw, name, url=None, encoding=None):
    """Reduce a web page (bytes or str) to a :class:`Page`.

    :param url: where the page came from, when known (helps trafilatura's metadata)
    :param encoding: the charset an HTTP header declared
    Raises :class:`ArticleError` when the page has no article text.
    """
    from lxml import etree
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    text = raw if isinstance(raw, str) else decode_html(raw, name, encoding)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ArticleError(f"{name}: the page is empty (save the page again from the browser)")
    tree = load_html(text)
    if tree is None and re.search(r"<[A-Za-z]", text):  # a fragment such as <p>...</p>: complete it
        text = f"<html><body>{text}</body></html>"
        tree = load_html(text)
    if tree is None:
        raise ArticleError(f"{name}: not an HTML page (no markup found) (save the page as .html, or the text as .txt)")
    try:
        doc = bare_extraction(text, url=url, with_metadata=True, include_comments=False, include_tables=False,
                              include_images=False, include_links=False, include_formatting=False,
                              deduplicate=False,
                              date_extraction_params={"extensive_search": False, "original_date": True})
    except (ValueError, etree.LxmlError) as exc:  # trafilatura rejects some malformed pages
        raise ArticleError(f"{name}: cannot read the page ({exc}) (save it again from the browser)") from None
    blocks = []
    if doc is not None and doc.body is not None:
        _walk(doc.body, blocks)
    blocks = [(kind, squash(line)) for kind, line in blocks if squash(line)]
    blocks = [(kind, line) for kind, line in blocks
              if not (kind == "paragraph" and len(line) < 200 and _PROMO.match(line))]
    # trafilatura falls back to any text at all; a page without one sentence of prose has no article
    if not any(kind == "paragraph" and len(line.split()) >= 6 for kind, line in blocks):
        raise ArticleError(f"{name}: no article text found in the page "
                           "(is it a news article? save the text as .txt instead)")
    meta = {}
    if doc is not None:
        for key, value in (("author", doc.author), ("published", doc.date), ("publisher", doc.sitename),
                           ("url", doc.url)):
            if value and squash(str(value)):
                meta[key] = squash(str(value))
    if meta.get("author"):  # a byline "By Sam Rivera | June 7, 2024" gives "Sam Rivera; June 7"
        names = [part.strip() for part in meta["author"].split(";") if not _MONTH_OR_DIGIT.search(part)]
        meta["author"] = "; ".join(name for name in names if name)
        if not meta["author"]:
            del meta["author"]
    if meta.get("url") and not re.match(r"https?://", meta["url"], re.I):
        del meta["url"]  # only web addresses are links to the original
    license_ = _page_license(tree) or (license_name("", doc.license) if doc is not None and doc.license else None)
    if license_:
        meta["license"] = license_
    title = squash(doc.title) if doc is not None and doc.title else ""
    return Page(blocks=blocks, title=title, meta=meta, language=_language(tree), notice=_site_copyright(tree))


def parse_html(raw, name, url=None, encoding=None):
    """Read a saved web page: ``(text, title, paragraphs, meta)`` like :func:`factsheet.articles.parse_text`."""
    return extract_page(raw, name, url, encoding).article()
