"""A saved article page of a government site (.html/.htm, lxml): the article, not the site.

Kept: the article's headings, paragraphs and tables (HTML tables stay tables,
rowspan/colspan expanded; tables flattened into paragraphs rebuilt by the layout
step). Dropped: scripts, styles, comments, forms, menus and navigation, share
bars. Set apart as the page's chrome (`Document.chrome`, never content): the
breadcrumb (当前位置…), the meta line (来源/作者/发布时间/浏览次数/字体 大 中 小,
one ``KEY：VALUE`` paragraph per pair), print links and the footer (网站标识码,
ICP 备案, 版权所有…). The encoding comes from a byte-order mark, the
HTTP-equiv/meta charset, or else as a text file's (read/text.py: detection; a page damaged in a
few places read with those places replaced and named in a warning).
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from ..errors import NotAReport, UnreadableInput
from ..model import Source
from . import limits
from .document import Block, Document, Heading, Paragraph, Table
from .normalize import LIST_MARKER, clean_cell, clean_line
from .chrome import chrome_paragraphs
from .layout import lay_out_blocks
from .text import blank_damaged_figures, blank_digits, damage_warning, decode_bytes

# ==== site chrome (data) ================================================================
# Elements dropped whole, by tag.
DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "head", "nav",
             "footer", "aside", "select", "button", "input", "textarea", "svg", "canvas", "map", "marquee"}
# ... but not one that holds the article: an ASP.NET page's <form> wraps all of it, a CMS names the article's
# container for printing or a column ("article-con print-area", "content-side-r").
DROP_UNLESS_ARTICLE = {"form"}
# Text struck out (<del>330</del>320: the figure is 320): a reader does not take it.
STRUCK_TAGS = {"del", "s", "strike"}
# …and by a word of their id or class (menus, breadcrumbs, share bars, footers of CMS templates).
DROP_NAMES = re.compile(r"^(?:nav\w*|menu\w*|\w*breadcrumb\w*|crumbs?|footer\w*|foot|share\w*|bshare\w*|"
                        r"fenxiang|sidebar|side|copyright|toolbar|tools?|position|location|weizhi|dqwz|"
                        r"banner|search\w*|login|friend\w*|links?|print|gotop|top-?bar)$", re.I)
# Lines of site chrome that survive in the article's own container.
CHROME_LINE = re.compile(
    r"^(?:当前位置|您现在的位置|您的位置|所在位置|位置\s*[:：]|首页\s*[>＞»›])"
    r"|^(?:信息)?(?:来源|作者|编辑|责任编辑)\s*[:：]"
    r"|(?:发布时间|发布日期|更新时间|浏览次数|浏览量|点击数|点击率|访问量|阅读次数|阅读量)\s*[:：]"
    r"|字\s*[体号]\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中"
    r"|^[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|分享到|收藏)\s*[】\]]?"
    r"|网站标识码|ICP\s*备|公网安备|版权所有|主办单位|承办单位|技术支持|网站地图|联系我们|无障碍"
)
_CHROME_MAX = 160  # a longer line is article text, whatever words it contains
# =======================================================================================

_BLOCK_TAGS = {"p", "div", "section", "article", "main", "center", "blockquote", "ul", "ol", "li", "dl", "dt", "form",
               "dd", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "pre", "address", "figure",
               "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "body", "html", "caption"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_MARKUP = re.compile(r"<\s*(?:html|head|body|title|meta|p|div|table|span|br|h[1-6]|a)\b", re.I)
_GB = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "hz-gb-2312"}
_MAX_SPAN = 200  # a rowspan/colspan beyond this is damage, not layout


# What every page perflib makes says in its head (its report pages, indexes and portfolios).
PERFLIB_PAGE_MARK = b'<meta name="generator" content="perflib'


def made_by_perflib(head: bytes) -> bool:
    """A page perflib made, by its first kilobytes: read as a report, it would be counted again."""
    return PERFLIB_PAGE_MARK in head[:4096]


def read_html(p: Path, data: bytes, digest: str) -> Document:
    limits.check_html(p, data)  # size and nesting depth, before any parse
    if made_by_perflib(data):
        raise NotAReport(f"{p}: a page perflib made, not a report (read the report it was made from).", kind="other")
    warnings: list[str] = []
    text, encoding = _decode(p, data, warnings)
    limits.check_text(p, text)
    if not _MARKUP.search(text):
        raise UnreadableInput(f"{p}: is not an HTML page (no HTML markup found).")
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableInput(f"{p}: is not a readable HTML page ({str(exc).rstrip('.') or 'empty'}).") from None
    title = _page_title(root)
    _drop_chrome(root)
    body = root.find("body")
    blocks: list[Block] = []
    _walk(body if body is not None else root, blocks)
    chrome = [b.text for b in blocks if isinstance(b, (Paragraph, Heading)) and _is_chrome(b.text)]
    blocks = [b for b in blocks if not (isinstance(b, (Paragraph, Heading)) and _is_chrome(b.text))]
    if not blocks:
        raise UnreadableInput(f"{p}: the HTML page has no article text.")
    untitled = title and not any(isinstance(b, Heading) and b.level <= 2 for b in blocks[:5])
    if untitled and not _titled(blocks[:8]):
        blocks.insert(0, Heading(title, 1))  # (not over an article whose own title is a styled line: its <title> may be another's)
        untitled = False
    blocks, head_chrome = lay_out_blocks(blocks)
    if untitled and not _titled(blocks[:8]) and title in {c.text for c in head_chrome}:
        blocks.insert(0, Heading(title, 1))  # (its title line was the last of a list of links above it: chrome with them)
    chrome_blocks = chrome_paragraphs(chrome + [c.text for c in head_chrome])
    return Document(Source(str(p), "html", encoding, digest), blocks, chrome=chrome_blocks, warnings=warnings)


# A short body line titling the report with its unit ("某局2023年度部门整体支出绩效自评报告"; not a generic "2023年度部门整体
# 支出绩效自评报告", an attachment line or a numbered heading, which leave the page's <title> to name the unit).
_REPORT_TITLE = re.compile(r"^(?![（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]|附件)\S{0,30}?"
                           r"(?:局|委员会|委|办公室|中心|院|馆|站|所|队|会|政府|办事处|学校|中学|小学|医院)"
                           r"\S{0,16}?(?:绩效|自评|评价).{0,24}(?:报告|报告书|自评表)\s*$")


def _titled(blocks: list[Block]) -> bool:
    """Does a short line among these read as a report's title ("某局2023年度部门整体支出绩效自评报告")?"""
    return any(isinstance(b, Paragraph) and len(b.text) <= 60 and _REPORT_TITLE.search(b.text) for b in blocks)


def _decode(p: Path, data: bytes, warnings: list[str]) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = []
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "replace").lower()
            candidates.append("gb18030" if declared in _GB else declared)
        candidates.append("utf-8")
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    # Neither its byte-order mark nor the charset it declares reads the whole page: decoded as a
    # text file is (detection; a page saved or copied with a few bytes damaged is read with those
    # places replaced, the digits of their sentences blanked — unread, never misread — and a
    # warning naming where they were).
    text, encoding, damage = decode_bytes(p, data)
    if damage:
        text = blank_damaged_figures(text, [at for at, _, _ in damage], _HTML_SENTENCE_END, _blank_text_digits)
        warnings.append(damage_warning(text, encoding, damage))
    return text, encoding


# a sentence of a page ends where text's does, and at a block element's tag
_HTML_SENTENCE_END = re.compile(r"[。！？；;!?\n]|<(?:/?(?:p|div|td|th|tr|li|h[1-6]|table|section|article)\b[^>]*|br\b[^>]*)>", re.I)
_TAG_OR_TEXT = re.compile(r"<[^>]*>?|[^<]+")


def _blank_text_digits(html: str) -> str:
    """The digits of the text between tags blanked; the tags' own (colspan="2") kept."""
    return "".join(m if m.startswith("<") else blank_digits(m) for m in _TAG_OR_TEXT.findall(html))


def _page_title(root) -> str | None:
    """The <title>, less the site's name after "_" / " - " / "|"; None when what is left is a site's name alone ("某县
    人民政府", "某县人民政府门户网站": no title of the article's; a unit's name, "某县林业局", stays)."""
    el = root.find(".//title")
    if el is None:
        return None
    text = clean_line(el.text_content())
    parts = [t.strip() for t in re.split(r"\s*[_|｜]\s*|\s+[-—–]+\s+", text) if t.strip()]
    return parts[0] if parts and not _SITES_NAME.search(parts[0]) else None


# A site's name as a page's <title>: a government's or a website's name with no document's word in it (绩效, 报告, 预算 …)
_SITES_NAME = re.compile(r"^首页$|^[^绩效评价报告预决算]*(?:人民政府|政府|门户网站|网站|政府网)$")


def _drop_chrome(root) -> None:
    _unwrap_source_lines(root)
    _join_listed_fields(root)
    _embedded_files_as_links(root)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    css = _Stylesheet(root)
    page_size, page_amounts = _text_size(root), _amounts(root)
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            doomed.append(el)
        elif el.tag in DROP_TAGS or el.tag in STRUCK_TAGS:
            doomed.append(el)
        elif el.tag in DROP_UNLESS_ARTICLE and not _holds_the_article(el, page_size, page_amounts):
            doomed.append(el)
        elif _named_chrome(el) and not (_the_articles_own(el) and page_amounts and _amounts(el) * 2 > page_amounts):
            doomed.append(el)  # (a container named for the article, "article-con print-area", holding most amounts is it)
        elif _hidden(el, css) and (_hidden_inline(el) or _text_size(el) * 2 <= page_size
                                   or page_amounts > _amounts(el)):
            # (a style, class or placement that would hide most of the page's text, leaving no amount
            # in sight, is no draft being hidden: a tab shown by script, a layout trick — the article
            # is read; most of the page hidden beside an article in sight is another report hidden)
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text


_EMBEDDED_FILE = re.compile(r"[^/\\?#]+\.(?:pdf|docx?|xlsx?|wps)(?=$|[?#])", re.I)


def _embedded_files_as_links(root) -> None:
    """A document the page shows in a frame (<iframe src="….pdf">, <embed>, <object data>) as the attachment line a
    reader sees its link as ("附件：某报告.pdf"): the page only shows its report, it does not hold its text."""
    for el in list(root.iter("iframe", "embed", "object")):
        m = _EMBEDDED_FILE.search(el.get("src") or el.get("data") or "")
        if m is None or el.getparent() is None:
            continue
        from lxml.html import Element  # (lxml is imported when a page is read)

        p = Element("p")
        p.text, p.tail = f"附件：{unquote(m.group())}", el.tail
        el.getparent().replace(el, p)


def _holds_the_article(el, page_size: int, page_amounts: int) -> bool:
    """Does the element hold most of the page's amounts, or of its text when it has none: the article's container?"""
    return _amounts(el) * 2 > page_amounts if page_amounts else _text_size(el) * 2 > page_size


# A line break in the page's source, which a browser shows as a space, or as nothing between two Chinese characters
# (a Word page's source is wrapped at ~80 columns: "年初预" / "算 1,250.40 万元" is one line on screen).
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_WRAP_BETWEEN_WIDE = re.compile(rf"(?<=[{_WIDE}])(?<![。；！？，、元）)])[ \t]*\r?\n\s*(?=[{_WIDE}])")
_WRAP = re.compile(r"(?<![。；！？])[ \t]*\r?\n\s*"
                   r"(?![（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．](?!\d))")
_PREFORMATTED = re.compile(r"white-space\s*:\s*pre", re.I)
# A line after a figure's unit that opens with its own label and a colon ("…652.88万元" / "合计：年初预算 …"): a line of its
# own, as the lines of figures a page writes one under another.
_UNIT_ENDS = ("元", "%", "％")
_LABELLED_NEXT = re.compile(r"[\u4e00-\u9fff]{1,10}[：:]")
# A stylesheet's rules keeping line breaks: their selectors' last simple parts (".code", "#note", "textarea").
_PRE_RULE = re.compile(r"([^{}]+)\{[^{}]*white-space\s*:\s*pre[^{}]*\}", re.I)
_LAST_SIMPLE = re.compile(r"(?:^|[\s>+~])([.#]?[\w-]+)\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")  # (lxml refuses a decoded page that declares its encoding)


def _unwrap_source_lines(root) -> None:
    """Source line breaks in text as a browser shows them (not in <pre>, <textarea> or an element white-space:pre keeps
    them in, by its style or the page's stylesheet). A break after a sentence's end, or before a numbered heading,
    stays a break: lines of text the page's markup did not set apart, which a reader reads apart."""
    kept = {"pre", "textarea"}
    for style in root.iter("style"):
        for rule in _PRE_RULE.finditer(style.text or ""):
            kept |= {m[1].lower() for sel in rule[1].split(",") if (m := _LAST_SIMPLE.search(sel.strip()))}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.text and "\n" in el.text and el.tag not in ("script", "style") and not _in_preformatted(el, kept):
            el.text = _unwrapped(el.text)
        if el.tail and "\n" in el.tail and not _in_preformatted(el.getparent(), kept):
            el.tail = _unwrapped(el.tail)


def _join_listed_fields(root) -> None:
    """A field set as a definition list ("<dt>发布机构：</dt><dd>某县档案馆</dd>") as one line, as a row's cells are: its
    label ends in a colon, its value the <dd> right after it, a line of text."""
    for dt in list(root.iter("dt")):
        dd = dt.getnext()
        label = clean_line(dt.text_content())
        if (dd is None or dd.tag != "dd" or not label.endswith(("：", ":")) or _BRACKETED.search(label)
                or any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in dd.iterdescendants())):
            continue  # (a figure's label with its unit, "年初预算（万元）：", is read over its value line; a <dd> of paragraphs
            # holds text, not a field's value)
        value = clean_line(dd.text_content())
        for child in list(dt):
            dt.remove(child)
        dt.text = label + value
        dt.tail = (dt.tail or "") + (dd.tail or "")  # (lxml drops an element's tail with it)
        dd.getparent().remove(dd)


_BRACKETED = re.compile(r"[（(]")


def _unwrapped(text: str) -> str:
    """The text with its source line breaks as a browser shows them, but those a reader reads apart (and no control
    character, which lxml's parser lets through but will not set back: a browser shows none)."""
    text = _WRAP_BETWEEN_WIDE.sub("", _CONTROL.sub("", text))
    # (kept: a line of figures after another, "…652.88万元" / "合计：年初预算 …")
    return _WRAP.sub(lambda m: m.group() if text[m.start() - 1:m.start()] in _UNIT_ENDS
                     and _LABELLED_NEXT.match(text, m.end()) else " ", text)


def _in_preformatted(el, kept: set[str]) -> bool:
    """Is the element, or one around it, one whose line breaks a browser keeps (by its tag, class or id in `kept`, or
    its own style)?"""
    while el is not None:
        if isinstance(el.tag, str) and (el.tag in kept or _PREFORMATTED.search(el.get("style") or "")
                                        or any(f".{c.lower()}" in kept for c in (el.get("class") or "").split())
                                        or (el.get("id") and f"#{el.get('id').lower()}" in kept)):
            return True
        el = el.getparent()
    return False


_AMOUNT = re.compile(r"\d[\d,.]*\s*(?:万元|亿元|元)")


def _amounts(el) -> int:
    return sum(len(_AMOUNT.findall(t)) for t in _texts(el))


def _text_size(el) -> int:
    return sum(len(t.strip()) for t in _texts(el))


def _texts(el) -> list[str]:
    """The text an element shows in the page (its scripts and styles aside)."""
    return el.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")


def _hidden_inline(el) -> bool:
    return "display:none" in re.sub(r"\s+", "", el.get("style") or "").lower() or el.get("hidden") is not None


def _names(el) -> str:
    return f"{el.get('id', '')} {el.get('class', '')}"


def _named_chrome(el) -> bool:
    return any(DROP_NAMES.match(w) for w in re.split(r"[\s_-]+", _names(el)) if w) and el.tag not in ("table", "p")


_ARTICLE_NAME = re.compile(r"article|content|detail|zoom|text|wenzhang|zhengwen", re.I)
# Chrome words an article's container never carries beside its own: a search's results ("search-content").
_NEVER_THE_ARTICLE = re.compile(r"^search\w*$", re.I)


def _the_articles_own(el) -> bool:
    """Is an element named like chrome named for the article too ("article-con print-area", "content-side-r",
    "zhengwen nav-con"), not for a search's results?"""
    words = [w for w in re.split(r"[\s_-]+", _names(el)) if w]
    return any(_ARTICLE_NAME.search(w) for w in words) and not any(_NEVER_THE_ARTICLE.match(w) for w in words)


def _hidden(el, css: "_Stylesheet | None" = None) -> bool:
    """Text a browser does not show: display:none, visibility:hidden, font-size:0, placed far off
    the page (position:absolute;left:-9999px), the hidden attribute, or a class/id a <style> rule hides."""
    style = re.sub(r"\s+", "", el.get("style") or "").lower()
    if _hidden_inline(el):
        return True
    m = _INVISIBLE.search(style)
    if m and not any(_shown_again(d, m[1] or m[2], css) for d in el.iterdescendants() if isinstance(d.tag, str)):
        return True  # (font-size:0 on a box whose children set their own size is a layout trick, not hiding)
    off = _OFF_PAGE.search(style)
    if off and (off[1] in ("text-indent", "margin-left") or re.search(r"position:(?:absolute|fixed)", style)):
        # (left:50%;margin-left:-1000px centres a wide box: it is on the page)
        if not (off[1] == "margin-left" and re.search(r"(?:^|;)left:\d", style)):
            return True
    if css is None or not css.hidden or re.search(r"(?:display|visibility):", style):  # its own style decides
        return False
    names = [("#", el.get("id", "").strip())] + [(".", c) for c in (el.get("class") or "").split()]
    if not any((tag, kind, name) in css.hidden for kind, name in names if name for tag in ("", el.tag)):
        return False
    # Not when another rule (a class combination, another class, the id) shows it, or the page's
    # script names it (tabs, panels shown by script): what a browser ends up showing is not known.
    return not css.matches(el, css.shown) and not any(
        css.scripted(name) for kind, name in names if name)


def _shown_again(d, what: str, css: "_Stylesheet | None") -> bool:
    """A child of a font-size:0 / visibility:hidden box that sets its own size / visibility:visible,
    inline, by a <font size> tag, or by a rule of the page's <style>."""
    if _SHOWN[what].search(d.get("style") or ""):
        return True
    if what == "font-size" and d.tag == "font" and d.get("size"):
        return True
    return css is not None and css.matches(d, css.sized if what == "font-size" else css.visible)


# Inline styles that hide an element's text; an element moved far off the page.
_INVISIBLE = re.compile(r"(?:^|;)(visibility):hidden|(?:^|;)(?:(font-size):0(?:px|pt|em|rem|%)?(?![\w.]))")
_SHOWN = {"visibility": re.compile(r"visibility\s*:\s*visible", re.I), "font-size": re.compile(r"font-size\s*:\s*(?!0)", re.I)}
_OFF_PAGE = re.compile(r"(?:^|;)(left|top|right|text-indent|margin-left):-\d{4,}")
# A <style> rule this reader follows as hiding: one selector (tag.class, .class, #id, or a list of
# them) that sets display:none or visibility:hidden, outside @media. Anything else of CSS
# (descendant selectors, attributes, inheritance, linked stylesheets) is not followed as hiding.
_SIMPLE_SELECTOR = re.compile(r"^([a-z][a-z0-9]*)?([.#])([\w-]+)$", re.I)


class _Stylesheet:
    """The page's own <style> rules, as far as hiding goes: the (tag or "", "." or "#", name) a
    rule hides (the last rule for a selector deciding), and the compound selectors (the last part
    of any selector: '.tab-con.on', '#p1', '.box .txt' -> .txt) of rules that show (display other
    than none, visibility:visible) or size text (font-size not 0)."""

    def __init__(self, root) -> None:
        css = re.sub(r"/\*.*?\*/", "", "\n".join(el.text or "" for el in root.iter("style")), flags=re.S)
        self.scripts = "\n".join(el.text or "" for el in root.iter("script"))
        self.shown: list[frozenset] = []
        self.visible: list[frozenset] = []
        self.sized: list[frozenset] = []
        state: dict[tuple[str, str, str], dict[str, bool]] = {}
        depth, start, selectors = 0, 0, ""
        for at, ch in enumerate(css):  # top-level rules only: those inside @media {…} are skipped
            if ch == "{":
                if depth == 0:
                    selectors, start = css[start:at], at + 1
                depth += 1
            elif ch == "}" and depth:
                depth -= 1
                if depth == 0:
                    if not selectors.strip().startswith("@"):
                        self._follow_rule(selectors, css[start:at], state)
                    start = at + 1
        self.hidden = {key for key, props in state.items() if any(props.values())}

    def _follow_rule(self, selectors: str, body: str, state: dict) -> None:
        props = {}
        for decl in body.split(";"):
            name, _, value = decl.partition(":")
            name, value = name.strip().lower(), re.sub(r"\s*!important\s*$", "", value.strip().lower())
            if name in ("display", "visibility"):
                props[name] = value == ("none" if name == "display" else "hidden")
            if name == "font-size" and not re.match(r"0(?:px|pt|em|rem|%)?$", value):
                self._compounds(selectors, self.sized)
        if props.get("display") is False or props.get("visibility") is False:
            self._compounds(selectors, self.shown)
        if props.get("visibility") is False:
            self._compounds(selectors, self.visible)
        if not props:
            return
        for sel in selectors.split(","):
            m = _SIMPLE_SELECTOR.match(sel.strip())
            if m:
                state.setdefault(((m[1] or "").lower(), m[2], m[3]), {}).update(props)

    @staticmethod
    def _compounds(selectors: str, into: list) -> None:
        for sel in selectors.split(","):
            last = re.split(r"[\s>+~]+", sel.strip())[-1]
            parts = frozenset(re.findall(r"(^|[.#])([\w-]+)", re.sub(r"::?[\w-]+(?:\([^)]*\))?|\[[^\]]*\]", "", last)))
            if parts:
                into.append(parts)

    @staticmethod
    def matches(el, compounds: list) -> bool:
        have = {("", el.tag.lower()), ("#", el.get("id", "").strip())} | {(".", c) for c in (el.get("class") or "").split()}
        return any(parts <= have for parts in compounds)

    def scripted(self, name: str) -> bool:
        """The page's script names it near a call that shows something (a tab's panel); a script
        that only hides it ($('#old').hide()) does not count."""
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", self.scripts):
            if _SHOWING.search(self.scripts[max(0, m.start() - 80):m.end() + 80]):
                return True
        return False


_SHOWING = re.compile(r"show|fadeIn|slideDown|toggle|[aA]ddClass|[rR]emoveClass|classList|display\s*=\s*['\"](?!none)"
                      r"|visibility\s*=\s*['\"]visible")


def _is_chrome(text: str) -> bool:
    return len(text) <= _CHROME_MAX and bool(CHROME_LINE.search(text))


def _walk(el, out: list[Block]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "table" and _is_data_table(el):
        rows = _grid(el)
        if any(any(c for c in r) for r in rows):
            caption = el.find("caption")
            out.append(Table(rows=rows, title=clean_line(caption.text_content()) if caption is not None else None))
        return
    if tag in _HEADINGS:
        text = clean_line(el.text_content())
        if text:
            out.append(Heading(text, _HEADINGS[tag]))
        return
    if not any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in el.iterdescendants()):
        _lines(el.text_content(), out)
        return
    _lines(el.text or "", out)
    inline = ""
    for child in el:
        if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
            _lines(inline, out)
            inline = ""
            _walk(child, out)
        elif isinstance(child.tag, str):
            inline += child.text_content()
        inline += child.tail or ""
    _lines(inline, out)


def _lines(text: str, out: list[Block]) -> None:
    """The element's text as paragraphs: its lines (<br>, or kept source breaks), a line of prose a break cut (a PDF's
    text pasted with a <br> at each line end) joined to the next where the cut is plain (_goes_on). A line that ends a
    clause with no mark stays apart: many pages set their clauses one per line."""
    lines: list[str] = []
    for raw in text.split("\n"):
        line = clean_line(raw)
        if line and lines and _goes_on(lines[-1], line):
            lines[-1] += line
        elif line:
            lines.append(line)
    out.extend(Paragraph(line) for line in lines)


def _goes_on(prev: str, line: str) -> bool:
    """Does `line` go on with the clause `prev` (a line of prose) left open: after its comma ("…万元，" ⏎ "全年执行数…"),
    or inside a figure ("…全年预算数3,496" ⏎ ".00万元，…", "…调整预算为1781.86" ⏎ "万元，…", "…共计6,364." ⏎ "24万元")?"""
    if not _CLAUSE.search(prev) or LIST_MARKER.match(prev):
        return False  # (a form's cells, one per line, hold no clause mark; a numbered item is read as it is set)
    if prev.endswith(("，", "、")):
        return True
    return bool(_OPEN_FIGURE.search(prev) and line[:1].isdigit() or _FIGURE_END.search(prev) and _FIGURE_REST.match(line)
                or _OPEN_DECIMAL.search(prev) and _LAST_DECIMAL.match(line))  # ("…8,900.0" ⏎ "0万元，…")


_CLAUSE = re.compile(r"[，,。；;]")
_OPEN_FIGURE = re.compile(r"\d[.,]$")
_OPEN_DECIMAL = re.compile(r"\d\.\d$")
_LAST_DECIMAL = re.compile(r"\d(?:万元|亿元|元|%)")
_FIGURE_END = re.compile(r"\d$")
_FIGURE_REST = re.compile(r"\.\d|万元|亿元|元|%")


def _is_data_table(table) -> bool:
    """A table of figures, not a page laid out with a table: no table inside, ≥ 2 rows of ≥ 2 cells."""
    if table.find(".//table") is not None:
        return False
    rows = [tr for tr in table.iter("tr")]
    return sum(1 for tr in rows if len(tr.findall("td") + tr.findall("th")) >= 2) >= 2


def _grid(table) -> list[list[str]]:
    """Rows of cell texts with rowspan/colspan expanded."""
    grid: dict[tuple[int, int], str] = {}
    width = 0
    rows = list(table.iter("tr"))
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            text = clean_cell(cell.text_content())
            rowspan = _span(cell.get("rowspan"), len(rows) - r)
            colspan = _span(cell.get("colspan"), _MAX_SPAN)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = text
            c += colspan
            width = max(width, c)
    return [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]


def _span(value: str | None, limit: int) -> int:
    try:
        return max(1, min(int(str(value).strip()), limit, _MAX_SPAN))
    except (TypeError, ValueError):
        return 1
