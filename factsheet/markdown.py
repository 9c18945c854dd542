"""Markdown articles: YAML front matter for metadata, a plain-text rendering of the body as text.

Markup must not reach extraction: a quote found in ``He said *“no”*`` must
read ``He said “no”``, and a link's URL is no part of any sentence.  So the
article text of a Markdown file is a *rendering*: the body is parsed as
CommonMark (markdown-it-py, with GitHub tables and strikethrough), and each
paragraph (also inside lists and block quotes) and heading becomes one line of
plain text: emphasis, links and inline code keep their words, images, raw
HTML, HTML comments, code blocks, tables and rules are dropped, entities and
backslash escapes are resolved, soft and hard line breaks become a space.
Blocks are separated by a blank line, and the title comes first (from the
front matter, unless the body opens with it), as in a text file.  Evidence
offsets index that rendering;
the Markdown file itself stays the provenance (``source`` and ``sha256``).

The same rules run backwards in :func:`escape_markdown`, which
``factsheet add`` uses to save a page as Markdown: rendering the saved file
gives back exactly the text that was saved.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from .articles import (assemble, clean_meta, decode, normalise_newlines, split_front_matter, squash, strip_dateline,
                       strip_footer, with_title)

#: inline tokens whose words are kept; everything else inline is dropped
_SKIP_INLINE = {"image", "html_inline"}
_BREAKS = {"softbreak", "hardbreak"}


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # "commonmark" has no typographer: quotes and dashes stay as written
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _inline_text(token):
    out = []
    for child in token.children or ():
        if child.type in _SKIP_INLINE:
            continue
        if child.type in _BREAKS:
            out.append(" ")
        elif child.type in ("text", "code_inline", "text_special"):
            out.append(child.content)
    return "".join(out)


def _blocks(body):
    tokens = _parser().parse(body)
    blocks, kind, level, in_table = [], None, 0, 0
    for token in tokens:
        if token.type == "table_open":
            in_table += 1
        elif token.type == "table_close":
            in_table -= 1
        elif token.type == "heading_open":
            kind, level = "heading", int(token.tag[1:])
        elif token.type == "paragraph_open":
            kind, level = "paragraph", 0
        elif token.type == "inline" and kind and not in_table:
            blocks.append((kind, _inline_text(token), level))
            kind = None
        elif token.type in ("heading_close", "paragraph_close"):
            kind = None
    return blocks


def markdown_blocks(body):
    """``(kind, line)`` blocks of a Markdown body: "heading" or "paragraph", one line each.

    Paragraphs inside list items and block quotes are paragraphs too; tables,
    code, raw HTML blocks and rules are left out.
    """
    return [(kind, line) for kind, line, _ in _blocks(body)]


def render_markdown(text, name):
    """Render decoded Markdown: ``(text, title, paragraphs, meta)``.

    The title is the front matter's ``title``, else a first-level heading that
    opens the body.  A trailing copyright paragraph becomes metadata (front
    matter values win over it).
    """
    data, offset = split_front_matter(text, name)
    meta = clean_meta(data, f"{name}: front matter")
    blocks = [b for b in _blocks(text[offset:]) if squash(b[1])]
    title = meta.pop("title", None)
    if title is None and blocks and blocks[0][0] == "heading" and blocks[0][2] == 1:
        title = squash(blocks[0][1])
    rendered, paragraphs = assemble(with_title([(kind, line) for kind, line, _ in blocks], title))
    suggested = {}
    paragraphs = strip_dateline(rendered, paragraphs, suggested)
    paragraphs = strip_footer(rendered, paragraphs, suggested)
    return rendered, title or "", paragraphs, {**suggested, **meta}


def parse_markdown(raw, name):
    """Read a Markdown file's bytes: ``(text, title, paragraphs, meta)`` (see :func:`render_markdown`)."""
    return render_markdown(normalise_newlines(decode(raw, name)), name)


# -- writing -----------------------------------------------------------------------

_ALWAYS = re.compile(r"([\\`*_\[\]<~])")
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_LINE_START = re.compile(r"^(#|>|[-+=]|\|)|^(\d{1,9})([.)])")


def escape_markdown(line):
    """Escape one line of plain text so that Markdown renders it back unchanged.

    Only what could be read as markup is escaped (``\\ ` * _ [ ] < ~``, an
    ``&`` that starts an entity, and a line start that would open a heading,
    quote, list or rule), so the saved file stays readable.  ``line`` must be a
    rendered line: no line breaks, no leading or trailing spaces.
    """
    line = _ALWAYS.sub(r"\\\1", line)
    line = _ENTITY.sub(r"\\&", line)
    line = _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), line)
    return line


def front_matter(meta):
    """A YAML front matter block (``---`` lines included) for ``meta``, empty values left out."""
    data = {k: v for k, v in meta.items() if v not in (None, "", [])}
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000)
    return f"---\n{dumped}---\n"


def to_markdown(meta, blocks):
    """A Markdown article: front matter for ``meta``, then ``(kind, line)`` blocks.

    Headings become ``## `` lines.  Reading the result back with
    :func:`render_markdown` gives the same metadata and the same lines.
    """
    parts = [front_matter(meta)]
    for kind, line in blocks:
        if not line:
            continue
        escaped = escape_markdown(line)
        if kind == "heading":  # a closing run of # would be dropped as ATX markup
            closed = re.sub(r"(^|\s)(#+)$", lambda m: m.group(1) + "\\#" * len(m.group(2)), escaped)
            parts.append(f"\n## {closed}\n")
        else:
            parts.append(f"\n{escaped}\n")
    return "".join(parts)
