"""``factsheet add``: fetch a news page, keep its article as Markdown with front matter.

Fetching is polite: a user agent that names the tool, a timeout on every
request and on the whole download, a size limit, one request at a time and a
pause between requests.  Only ``http`` and ``https`` addresses are fetched,
redirects included.  The page goes through the same reader as a saved
``.html`` file (:mod:`factsheet.html`); its text is saved under
``content/articles/`` as Markdown (:func:`factsheet.markdown.to_markdown`)
whose front matter holds the page's metadata, the address it was fetched
from and the fetch date.  Reading that file back gives exactly the text the
page gave, so the saved file, not the web, is the article from then on.
"""

from __future__ import annotations

import datetime as _dt
import http.client
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .articles import ARTICLE_SUFFIXES, check_binary, split_front_matter, squash
from .errors import ArticleError, FactsheetError
from .paths import slugify, write_atomic

USER_AGENT = f"factsheet/{__version__} (news fact-sheet builder; fetches one page at a time)"
#: seconds allowed for connecting and for each read, and for the whole download
TIMEOUT = 20.0
#: pages larger than this are refused
MAX_PAGE_BYTES = 10 * 1024 * 1024
#: seconds between two requests
WAIT = 1.0
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_REDIRECTS = 5


class FetchError(ArticleError):
    """A page could not be fetched or is not an English HTML article."""


@dataclass
class Fetched:
    """A downloaded page."""

    #: the address asked for
    url: str
    #: the address answered, after redirects
    final_url: str
    raw: bytes
    content_type: str
    charset: str | None


@dataclass
class Added:
    """What :meth:`Fetcher.add` did with one address."""

    url: str
    path: Path
    #: "saved", or "exists" when an article already came from this address
    status: str


def check_url(url):
    """Raise :class:`FetchError` unless ``url`` is an absolute ``http(s)`` address."""
    if re.search(r"[\x00-\x20\x7f]", url):
        raise FetchError(f"{url!r}: not a web address (spaces and control characters must be %-encoded)")
    try:
        parts = urllib.parse.urlsplit(url)
        scheme, host = parts.scheme.lower(), parts.hostname
    except ValueError:  # e.g. a malformed IPv6 address
        scheme = host = None
    if scheme not in ("http", "https") or not host:
        raise FetchError(f"{url}: not a web address (give an http:// or https:// URL)")


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow at most :data:`MAX_REDIRECTS` redirects, and only to ``http(s)``."""

    max_redirections = MAX_REDIRECTS

    def http_error_302(self, req, fp, code, msg, headers):
        target = headers.get("location") or headers.get("uri")
        if target:
            target = urllib.parse.urljoin(req.full_url, target)
            if urllib.parse.urlsplit(target).scheme.lower() not in ("http", "https"):
                fp.close()
                raise FetchError(f"{req.full_url}: redirected to {target}, which is not a web address")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class Fetcher:
    """Fetches pages one at a time, waiting ``wait`` seconds between requests.

    :param timeout: seconds for the connection, each read and the whole download
    :param wait: pause between two requests (the first goes at once)
    """

    def __init__(self, timeout=TIMEOUT, wait=WAIT, max_bytes=MAX_PAGE_BYTES):
        self.timeout = timeout
        self.wait = wait
        self.max_bytes = max_bytes
        self._last = None
        self._opener = urllib.request.build_opener(_Redirects())

    def _pause(self):
        if self._last is not None:
            delay = self.wait - (time.monotonic() - self._last)
            if delay > 0:
                time.sleep(delay)
        self._last = time.monotonic()

    def fetch(self, url):
        """Download ``url``; return a :class:`Fetched` or raise :class:`FetchError` (one line)."""
        check_url(url)
        self._pause()
        request = urllib.request.Request(url, headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Language": "en",
        })
        started = time.monotonic()
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                if content_type and content_type not in HTML_TYPES:
                    raise FetchError(f"{url}: not an HTML page (Content-Type: {content_type}) "
                                     "(factsheet add reads web pages; save other documents' text as .txt)")
                chunks, size = [], 0
                while True:
                    chunk = response.read(65536)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"{url}: the page is over {self.max_bytes // (1024 * 1024)} MB "
                                         "(not a news article)")
                    if time.monotonic() - started > self.timeout:
                        raise FetchError(f"{url}: the download took over {self.timeout:g} s (try again later)")
                    chunks.append(chunk)
                raw = b"".join(chunks)
                final_url = response.geturl()
                charset = response.headers.get_content_charset()
        except urllib.error.HTTPError as exc:
            reason = squash(str(exc.reason or "")) or "error"
            raise FetchError(f"{url}: HTTP error {exc.code} {reason} "
                             "(check the address; if the site refuses programs, save the page from a "
                             "browser and extract the .html file)") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                raise FetchError(f"{url}: no answer within {self.timeout:g} s (try again later)") from None
            raise FetchError(f"{url}: cannot fetch the page ({squash(str(getattr(reason, 'strerror', None) or reason))})"
                             " (check the address and your connection)") from None
        except TimeoutError:
            raise FetchError(f"{url}: no answer within {self.timeout:g} s (try again later)") from None
        except OSError as exc:  # connection reset, bad status line...
            raise FetchError(f"{url}: cannot fetch the page ({squash(str(exc)) or type(exc).__name__}) "
                             "(check the address and your connection)") from None
        except (http.client.HTTPException, ValueError) as exc:  # a malformed answer
            raise FetchError(f"{url}: cannot fetch the page ({squash(str(exc)) or type(exc).__name__}) "
                             "(the site sent a malformed answer)") from None
        try:
            check_binary(raw, url)
        except ArticleError:
            raise FetchError(f"{url}: not an HTML page (binary data) "
                             "(factsheet add reads web pages; save other documents' text as .txt)") from None
        if not content_type and not re.search(rb"<(html|body|p|article)\b", raw[:65536], re.I):
            raise FetchError(f"{url}: not an HTML page (no Content-Type and no HTML markup)")
        return Fetched(url=url, final_url=final_url, raw=raw, content_type=content_type or "text/html",
                       charset=charset)


# -- saving ------------------------------------------------------------------------

def existing_sources(articles_dir):
    """``{address: path}`` for the Markdown articles in ``articles_dir`` that name where they came from."""
    out = {}
    folder = Path(articles_dir)
    if not folder.is_dir():
        return out
    for path in sorted(folder.rglob("*.md")):
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:20000]
            data, _ = split_front_matter(head, str(path))
        except (OSError, ArticleError):
            continue
        for key in ("fetched_from", "url"):
            value = data.get(key)
            if isinstance(value, str) and value.strip():
                out.setdefault(value.strip(), path)
    return out


def _file_for(title, url, articles_dir):
    stem = slugify(title, fallback="") or slugify(urllib.parse.urlsplit(url).path, fallback="article")
    taken = {p.stem for p in Path(articles_dir).iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES} \
        if Path(articles_dir).is_dir() else set()
    candidate, n = stem, 2
    while candidate in taken:
        candidate = f"{stem}-{n}"
        n += 1
    return Path(articles_dir) / f"{candidate}.md"


def page_markdown(fetched, page, date=None, license=None, today=None):
    """The Markdown article for a fetched :class:`~factsheet.html.Page`.

    Front matter: title, date, author, publisher, url (the page's canonical
    address, else the address answered), license, copyright, the address it
    was fetched from and the fetch date.  ``date`` (``--date``) wins over the
    page's date; ``license`` fills in only when the page states none.
    """
    from .markdown import to_markdown

    _, _, _, meta = page.article()
    blocks = list(page.blocks)
    title = page.title or next((line for kind, line in blocks if kind == "heading"), "") \
        or squash(urllib.parse.unquote(urllib.parse.urlsplit(fetched.final_url).path).replace("/", " ")) \
        or fetched.final_url
    if blocks and blocks[0][0] == "heading" and blocks[0][1] == title:
        blocks = blocks[1:]  # the headline is the title already
    url = meta.get("url") or fetched.final_url
    published = date or meta.get("published")
    if published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        published = _dt.date.fromisoformat(published)  # written as a YAML date, unquoted
    front = {
        "title": title,
        "date": published,
        "author": meta.get("author"),
        "publisher": meta.get("publisher"),
        "url": url,
        "license": meta.get("license") or license,
        "copyright": meta.get("copyright"),
        "fetched": today or _dt.date.today(),
        "fetched_from": fetched.url if fetched.url != url else None,
    }
    return title, to_markdown(front, blocks)


def add_page(fetcher, url, articles_dir, date=None, license=None, force=False, known=None):
    """Fetch ``url`` and save its article under ``articles_dir``; return an :class:`Added`.

    :param known: ``{address: path}`` of articles already fetched (see
        :func:`existing_sources`); an address found there is not fetched again
        unless ``force``, which overwrites that file
    Raises :class:`FetchError` (HTTP errors, not HTML, not English, no article text).
    """
    from .html import extract_page, is_english

    known = existing_sources(articles_dir) if known is None else known
    check_url(url)
    if url in known and not force:
        return Added(url, known[url], "exists")
    fetched = fetcher.fetch(url)
    try:
        page = extract_page(fetched.raw, url, url=fetched.final_url, encoding=fetched.charset)
    except FetchError:
        raise
    except FactsheetError as exc:
        raise FetchError(str(exc)) from None
    text = "\n".join(line for kind, line in page.blocks if kind == "paragraph")
    if not is_english(text, page.language):
        said = f'it declares lang="{page.language}"' if page.language and page.language != "en" \
            else "its text does not read as English"
        raise FetchError(f"{url}: the page is not in English ({said}) (factsheet extracts English news only)")
    canonical = page.meta.get("url")
    existing = known.get(url) or known.get(fetched.final_url) or (known.get(canonical) if canonical else None)
    if existing is not None and not force:
        return Added(url, existing, "exists")
    title, markdown = page_markdown(fetched, page, date=date, license=license)
    target = existing or _file_for(title, fetched.final_url, articles_dir)
    write_atomic(target, markdown)
    for address in (url, fetched.final_url, canonical):
        if address:
            known[address] = target
    return Added(url, target, "saved")
