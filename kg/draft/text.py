"""Reading an article: the file, its URL line, its language, its sentences and the noise between them.

Every offset here is an offset into the article's text (the file without a leading URL line and the
blank line after it), so every quote cut from it is verbatim.

>>> a = parse("https://example.org/news/20240102\\n\\nBusan City held a forum. It ended.", "x.txt")
>>> a.url, a.text[:10], a.date, a.date_basis
('https://example.org/news/20240102', 'Busan City', '2024-01-02', 'from the URL (20240102)')
>>> [a.text[s:e] for s, e in sentences(a.text)]
['Busan City held a forum.', 'It ended.']
>>> language("부산시는 30일 회의를 열었다"), language("Busan City (부산시) held a forum")
('ko', 'en')
"""
import os
import re
from dataclasses import dataclass, field

from ..errors import ArticleError

URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LETTER = re.compile(r"[^\W\d_]")

# The sections and notes of sites that publish machine translations (busan.go.kr's "AI-translated
# Press Releases", "This content has been translated by AI", "machine translation").
MACHINE_TRANSLATED = re.compile(
    r"\bAI[- ]translated\b|\btranslated by AI\b|\bmachine[- ]translat(?:ed|ion)\b|\bautomatically translated\b|"
    r"번역기|기계\s?번역|AI\s?번역", re.IGNORECASE)

# A date inside a URL: 20241119 in an article id, or /2025/10/21/ in a path.
URL_DATE_PATH = re.compile(r"/(20\d\d)/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)")
URL_DATE_ID = re.compile(r"(?<!\d)(20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=\d*(?:\D|$))")


@dataclass
class Article:
    """One article: its text (what quotes are cut from), and what the file and the text say about it."""

    path: str
    text: str
    url: str = None
    lang: str = "en"
    date: str = None
    date_basis: str = None
    machine_translated: bool = None
    machine_translated_note: str = None
    noise: list = field(default_factory=list)  # (start, end) spans that are no part of the article


def read(path):
    """The Article in the file PATH (UTF-8 text); ArticleError when it is missing, binary, empty or not UTF-8."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise ArticleError(path, "no such file") from None
    except IsADirectoryError:
        raise ArticleError(path, "is a directory (kg draft DIR drafts every .txt in it)") from None
    except OSError as e:
        raise ArticleError(path, f"cannot be read: {e.strerror}") from None
    if b"\x00" in raw[:65536]:
        raise ArticleError(path, "is a binary file, not an article's text")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArticleError(path, f"is not UTF-8 text (byte {e.start:,} cannot be decoded)") from None
    if not content.strip():
        raise ArticleError(path, "is empty")
    article = parse(content, os.path.basename(path))
    if not LETTER.search(article.text):
        raise ArticleError(path, "holds no text to draft from")
    return article


def parse(content, path="<text>"):
    """An Article from the file's content: a first line that is a URL followed by a blank line is the
    URL (as in the development set: line 1 the URL, line 2 blank), and the text is what follows."""
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    url = None
    lines = content.split("\n")
    if len(lines) >= 2 and URL_LINE.match(lines[0].strip()) and not lines[1].strip():
        url = lines[0].strip()
        text = "\n".join(lines[2:])
    else:
        text = content
    article = Article(path=path, text=text, url=url, lang=language(text))
    article.noise = noise(text)
    article.date, article.date_basis = text_date(text, article.noise)
    if url and not article.date:
        article.date, article.date_basis = url_date(url)
    found = MACHINE_TRANSLATED.search(content)
    if found:
        article.machine_translated = True
        article.machine_translated_note = f"the text says so: {found.group(0)!r}"
    return article


def language(text):
    """'ko' when at least a fifth of the letters are Hangul, else 'en'."""
    letters = len(LETTER.findall(text))
    return "ko" if letters and len(HANGUL.findall(text)) / letters >= 0.2 else "en"


def url_date(url):
    """(ISO date, basis) of a date written in URL (an article id such as 20241119…, or /2025/10/21/),
    or (None, None).

    >>> url_date("https://cm.asiae.co.kr/en/article/2024111907511263999")
    ('2024-11-19', 'from the URL (20241119)')
    >>> url_date("https://biz.chosun.com/en/2025/03/30/OUD3Q")
    ('2025-03-30', 'from the URL (2025/03/30)')
    >>> url_date("https://www.busan.go.kr/eng/press/1676304")
    (None, None)
    """
    m = URL_DATE_PATH.search(url)
    if m:
        return f"{m[1]}-{m[2]}-{m[3]}", f"from the URL ({m[1]}/{m[2]}/{m[3]})"
    m = URL_DATE_ID.search(url)
    if m:
        return f"{m[1]}-{m[2]}-{m[3]}", f"from the URL ({m[1]}{m[2]}{m[3]})"
    return None, None


MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
HEADER_DATE = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{1,2}), (20\d\d)\b|"
                         r"(?<![\d.])(20\d\d)[.-](\d{1,2})[.-](\d{1,2})(?![\d.]*\d)")


def text_date(text, noise_spans):
    """(ISO date, basis) of a full date printed as a page header, a dateline or a caption's date (a
    noise line such as "Apr 10, 2025 15 Views", or "2025.11.10" closing a caption), or (None, None).

    >>> t = "News\\nApr 10, 2025 15  Views\\nBusan City held a forum."
    >>> text_date(t, noise(t))
    ('2025-04-10', "printed in the page: 'Apr 10, 2025'")
    """
    places = [text[s:e] for s, e in noise_spans]
    places += [line for line in text.split("\n") if line.strip().endswith("|") or len(line.strip()) <= 40]
    for place in places:
        m = HEADER_DATE.search(place)
        if m:
            if m[1]:
                y, mo, d = int(m[3]), MONTHS[m[1].lower()[:3]], int(m[2])
            else:
                y, mo, d = int(m[4]), int(m[5]), int(m[6])
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}", f"printed in the page: {m.group(0)!r}"
    return None, None


# --- noise: navigation, bylines, photo credits ---------------------------------------------------

BYLINE = re.compile(r"\[[^\]\n]{1,20}=[^\]\n]{1,20}\]\s*(?:[\uac00-\ud7a3]{2,4}\s*기자\s*=?)?|"
                    r"[\uac00-\ud7a3]{2,4}\s*기자\s*=|"
                    r"\[?사진\s*=\s*[^\]\n]{1,30}\]?|"
                    r"/\s*(?:Courtesy of|Photo by|Photo:|Yonhap|News1|Newsis)[^\n]{0,60}$|"
                    r"\b\S+@\S+\.\S+\b", re.MULTILINE)
VIEWS = re.compile(r"\b\d[\d,]*\s+Views?\s*$", re.IGNORECASE)
DATE_LINE = re.compile(r"^(?:입력|수정|승인|등록)?\s*\d{4}[.-]\d{1,2}[.-]\d{1,2}", re.MULTILINE)


def noise(text):
    """(start, end) spans of TEXT that are navigation, bylines and credits, not the article.

    A line of one or two words without a digit or a sentence's punctuation is navigation ("News",
    "내용", "위로가기 버튼"); so is a line of markup ("![]() |") or a view counter.

    >>> t = "News\\n[부산=뉴스핌] 남동현 기자 = 부산시는 30일 회의를 열었다."
    >>> [t[s:e] for s, e in noise(t)]
    ['News', '[부산=뉴스핌] 남동현 기자 =']
    """
    out = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        words = stripped.split()
        if ("![](" in stripped or "![]()" in stripped or VIEWS.search(stripped)
                or (len(words) <= 2 and not re.search(r"[\d.!?…,:;'\"‘’“”]", stripped))
                or (len(words) <= 4 and stripped.lower().endswith(("press releases", "바로가기", "버튼")))
                or not LETTER.search(stripped)):
            out.append((start + line.index(stripped[0]), start + line.index(stripped[0]) + len(stripped)))
            continue
        for m in BYLINE.finditer(line):
            if m.group(0).strip():
                out.append((start + m.start(), start + m.end()))
    return sorted(out)


# --- sentences ---------------------------------------------------------------------------------------

ABBREVIATIONS = frozenset("""mr mrs ms dr prof gov sen rep gen lt col st co corp inc ltd jr sr vs etc no nos
    dept univ assn est approx fig jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e a.m p.m u.s u.k""".split())
_END = re.compile(r"([.!?…]+|다\.|。)([\"”’')\]]*)(\s+)")


def sentences(text, noise_spans=()):
    """(start, end) spans of the sentences of TEXT: a line is split at a full stop, a question or
    exclamation mark followed by a space, but not after an abbreviation (Gov., Co., p.m.) or an
    initial; leading and trailing spaces are not part of a sentence. Noise spans cut sentences.

    >>> t = "Gov. Kim met Samsung Electronics Co., Ltd. at 3 p.m. on Monday. Then he left.\\n시는 회의를 열었다. 끝."
    >>> [t[s:e] for s, e in sentences(t)]
    ['Gov. Kim met Samsung Electronics Co., Ltd. at 3 p.m. on Monday.', 'Then he left.', '시는 회의를 열었다.', '끝.']
    """
    cuts = sorted(noise_spans)
    out = []
    pos = 0
    for line in text.split("\n"):
        base = pos
        pos += len(line) + 1
        # the parts of the line outside the noise
        parts, at = [], base
        for s, e in cuts:
            if e <= base or s >= base + len(line):
                continue
            if s > at:
                parts.append((at, s))
            at = max(at, e)
        if at < base + len(line):
            parts.append((at, base + len(line)))
        for ps, pe in parts:
            out += _split(text, ps, pe)
    return out


def _split(text, start, end):
    out = []
    seg = start
    chunk = text[start:end]
    for m in _END.finditer(chunk):
        stop = start + m.end(2)
        before = chunk[:m.start(1)]
        word = re.search(r"([\w.]+)$", before)
        nxt = chunk[m.end():m.end() + 1]
        if m.group(1) == "." and word:
            w = word.group(1).lower().rstrip(".")
            if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or (nxt and (nxt.islower() or nxt.isdigit())):
                continue
        if m.group(1) == "…" or m.group(1).startswith(".."):
            if nxt and nxt.islower():
                continue
        out.append(_trim(text, seg, stop))
        seg = start + m.end()
    out.append(_trim(text, seg, end))
    return [(s, e) for s, e in out if e > s]


def _trim(text, s, e):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def sentence_at(spans, pos):
    """The (start, end) of the sentence of SPANS that holds offset POS, or None."""
    import bisect  # ~0.1 ms; only while drafting

    i = bisect.bisect_right([s for s, _ in spans], pos) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return None


def clause(text, sentence, start, end, limit=200):
    """A verbatim piece of the SENTENCE (start, end) around [START, END) of at most about LIMIT
    characters: the whole sentence when it is short, else the clause (between commas, semicolons or
    list marks) that holds the span, widened clause by clause while it stays under the limit.

    >>> t = "A, B and C met; the city, which is big, led the project with D, E and F."
    >>> clause(t, (0, len(t)), t.index("led"), t.index("led") + 3, limit=40)
    'led the project with D, E and F.'
    """
    s0, e0 = sentence
    if e0 - s0 <= limit:
        return text[s0:e0]
    bounds = sorted({s0} | {s0 + m.end() for m in re.finditer(r"[,;:▲◈•]\s*|\s[-–]\s", text[s0:e0])} | {e0})
    # the clause holding the span
    lo = max([b for b in bounds if b <= start] or [s0])
    hi = min([b for b in bounds if b >= end] or [e0])
    while True:
        grown = False
        left = max([b for b in bounds if b < lo] or [lo])
        right = min([b for b in bounds if b > hi] or [hi])
        if right != hi and right - lo <= limit:
            hi, grown = right, True
        elif left != lo and hi - left <= limit:
            lo, grown = left, True
        if not grown:
            break
    s, e = _trim(text, lo, hi)
    while e > s and text[e - 1] in ",;:▲◈•-–":
        e -= 1
    s, e = _trim(text, s, e)
    return text[s:e]
