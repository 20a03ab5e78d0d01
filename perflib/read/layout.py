"""Layout recovery: what a reader produced → the right blocks (one step, every text reader).

Real pages reach perflib as whatever a site, a PDF's text layer or a copy-paste made of them.
This step runs on the text of a .txt, a PDF's text layer and the paragraphs of an HTML or Word
page, and does two things:

* **Site chrome** in the first part of a page — breadcrumbs, ``[ 索引号 ] … [ 发布机构 ] …``
  blocks (often printed twice), bullet metadata (``• 发布机构`` then ``  • value``), pipe metadata
  (``索引号: | … | ||``), 来源 / 作者 / 日期 / 浏览量 / 无障碍 / 字体 / 注册 登录 lines, site
  names and menus — leaves the content for ``Document.chrome``: a key/value pair as ONE
  paragraph ``KEY：VALUE`` (fullwidth colon) whatever layout it came in, other lines as written.
* **Flattened tables** become Table blocks when their labels say what they are (the column
  roles and row blocks of lexicon.toml's ``columns`` / ``table_rows``): rows with ``|`` between
  cells (ragged empty cells, a row split over two lines), one cell per line (blank lines between
  cells, explicit empty cells as lone ``|``, group header lines above the column names), rows
  apart by spaces or tabs (blank lines between rows, a header split over two lines). A data row
  whose cells do not fill its header — an extra column in the header (资金来源), an empty cell
  left out, a merged cell written once — is realigned by what its cells are (a percentage under
  the rate, points under 分值/得分, money under the budget columns) where only one reading places
  its figures; cells glued together (``64.864.864.8100%``) are cut only where the row's own
  arithmetic (rate = actual ÷ budget) confirms the cut. Anything else is left as written.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from itertools import accumulate

from ..understand.lexicon import LEX
from .document import Block, Heading, Paragraph, Table
from .normalize import (LIST_MARKER, PARAGRAPH_BREAK, TABLE_VALUE, fold_chars, is_table_line, join_broken_lines,
                        strip_page_furniture, unspace_letterspaced)

# A line standing for a block read apart (a table, an OCR'd paragraph): this mark, a tab, "block" or
# "layout" and its number (no bare number: that would look like a page number to normalize).
TABLE_MARK = "\ue000"

# ==== site chrome (data) ================================================================
# Keys of a page's metadata block. The value of a title key is the page's title: content too.
CHROME_KEYS = ("索引号", "信息索引号", "发文字号", "文号", "主题分类", "体裁分类", "组配分类", "信息分类名称", "信息分类",
               "发布机构", "发文机关", "成文日期", "发布日期", "生成日期", "有效性", "效力状态", "公开目录", "公开方式",
               "公开范围", "公开时限", "公开形式", "浏览量", "浏览次数", "主题词", "信息来源", "文章来源", "来源", "作者",
               "责任编辑", "编辑", "发布时间", "更新时间", "日期", "点击数", "点击率", "访问量", "阅读次数", "阅读量",
               "字号", "字体", "所属机构", "统一编号", "统一登记号", "信息时效性", "发文日期", "时间", "名称", "标题",
               # a document-sharing site's upload line
               "上传人", "上传者", "文档编号", "上传时间", "格式", "页数", "大小", "下载积分", "阅读", "访问", "点击")
TITLE_KEYS = ("名称", "标题")
# Keys that may stand without a colon ("索引号 1150… 发布机构 某某局"): never a word of prose.
BARE_KEYS = ("索引号", "信息索引号", "发文字号", "文号", "主题分类", "体裁分类", "发布机构", "成文日期", "发布日期",
             "生成日期", "有效性", "公开目录", "浏览量", "浏览次数", "主题词", "信息来源", "点击数", "访问量")
# A key that is only chrome when the line holds another key, or a metadata line stands beside it.
WEAK_KEYS = ("名称", "标题", "时间", "日期", "编辑", "作者", "字号", "字体", "阅读", "访问", "点击", "格式", "大小")
# Words of a site's service bar, menu and footer: a line made only of these is chrome.
SERVICE_WORD = (r"无障碍(?:浏览|阅读|服务)?|(?:打开|关闭|进入|退出|切换)?(?:适老化|长者|关怀|敬老|老年)(?:模式|版|浏览)?"
                r"|注册|登录|登陆|退出|打印(?:本页|此页|文章)?|关闭(?:窗口|本页)?|返回顶部|返回|收藏(?:本页)?|分享(?:到)?"
                r"|繁體|繁体|简体|English|x|×|大|中|小|字体|字号|网站支持IPv6|IPv6|手机版|移动版|微信|微博|RSS|设为首页"
                r"|加入收藏|网站地图|联系我们|[\u4e00-\u9fff]{2,10}网|网站[\u4e00-\u9fff]{0,4}"
                r"|下载|相关|举报|资源描述|点击查看更多>*|展开阅读全文|阅读全文")
BREADCRUMB = (r"^(?:您?(?:当前|现在)?(?:所在)?的?位置|当前位置|所在位置)\s*[:：]|^(?:网站)?首页\s*[>＞»›]"
              r"|^首页(?:\s+\S{2,8}){3,}$")
FOOTER = r"网站标识码|ICP\s*备|公网安备|版权所有|主办单位|承办单位|技术支持"
# A document-sharing site's frame around a document it shows: page links, preview notes.
SHARING = (r"^\S.{0,80}\.(?:docx?|pdf|wps|xlsx?|pptx?)_第\s*\d+\s*页$|^第\s*\d+\s*页\s*/\s*共\s*\d+\s*页$"
           r"|由会员分享|可在线阅读|免费预览|如果喜欢就下载|珍藏版|小编为大家|供大家参考|^欢迎(?:来到|访问|光临)"
           r"|^<image>.*</image>$|^!\[[^\]]*\]\([^)]*\)$")  # an image the page showed, as its text export wrote it
_HEAD_LINES = 40  # chrome is looked for in the first lines of a page …
_BODY_LINE = 60  # … before its body starts: a numbered heading, or a line of prose longer than this
_SITE_NAME = 20  # a line this short between two lines of chrome is the site's name or a menu item
# =======================================================================================

_KEYS = "|".join(sorted(CHROME_KEYS, key=len, reverse=True))
_BULLET = re.compile(r"^[\s•·▪●◦■□◆◇▶►\-*]+")
_BRACKET_KEY = re.compile(rf"[\[【]\s*({_KEYS})\s*[\]】]")
_COLON_KEY = re.compile(rf"(?:^|(?<=\s)|(?<=[|【\[]))({_KEYS})\s*[:：]")
_KEY_ONLY = re.compile(rf"^({_KEYS})\s*[:：]?$")
_SERVICE = re.compile(rf"^[【\[（(]?(?:{SERVICE_WORD})[:：]?[】\]）)]?$")
_BREADCRUMB = re.compile(BREADCRUMB)
_FOOTER = re.compile(FOOTER)
_SHARING = re.compile(SHARING)
_DATED = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+")
_DATE = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_TITLE_WORD = re.compile(r"(?:报告|报告书|评价表|自评表|公开|说明|通知|通报)$|(?:19|20)\d{2}")


def _pairs(line: str) -> list[tuple[str, str]] | None:
    """The key/value pairs of a metadata line, in any of its layouts, or None when it is not one."""
    text = _BULLET.sub("", line).strip()
    if "【" in text:  # "【发布时间:2022-04-15】 【作者:某某】"
        text = re.sub(r"[【】]", " ", text).strip()
    if not text:
        return None
    dated = _DATED.match(text)  # "2022-04-07 15:25 来源: 某某局 发布机构: 某某局"
    if dated and _COLON_KEY.match(text, dated.end()):
        return [("发布时间", dated.group().strip())] + _split_pairs(text, list(_COLON_KEY.finditer(text, dated.end())))
    if "|" in text:
        return _pipe_pairs(text)
    if _BRACKET_KEY.match(text):
        return _split_pairs(text, list(_BRACKET_KEY.finditer(text)))
    if _COLON_KEY.match(text):
        return _split_pairs(text, list(_COLON_KEY.finditer(text)))
    first = text.split()[0]
    if first in BARE_KEYS:
        return _bare_pairs(text.split())
    return None


def _split_pairs(text: str, keys: list[re.Match]) -> list[tuple[str, str]]:
    return [(m.group(1), text[m.end():keys[k + 1].start() if k + 1 < len(keys) else len(text)].strip())
            for k, m in enumerate(keys)]


def _bare_pairs(words: list[str]) -> list[tuple[str, str]] | None:
    """"索引号 1153… 发布机构 某某局" / "文号 浏览量 13": each key takes the words up to the next key."""
    pairs: list[tuple[str, list[str]]] = []
    for w in words:
        if w in BARE_KEYS or (pairs and w in CHROME_KEYS and w not in WEAK_KEYS):
            pairs.append((w, []))
        else:
            pairs[-1][1].append(w)
    if any(len(v) > 3 for _, v in pairs):
        return None  # prose after a key word
    return [(k, " ".join(v)) for k, v in pairs]


def _pipe_pairs(text: str) -> list[tuple[str, str]] | None:
    """"索引号: | 1150… | 信息分类名称: | 财政 | ||": key cells, each followed by its value cell."""
    cells = [c.strip() for c in text.split("|") if c.strip()]
    pairs: list[tuple[str, str]] = []
    for cell in cells:
        m = _KEY_ONLY.match(cell)
        if m:
            pairs.append((m.group(1), ""))
        elif pairs and not pairs[-1][1]:
            pairs[-1] = (pairs[-1][0], cell)
        else:
            return None
    return pairs or None


def _is_chrome_line(line: str) -> bool:
    """A breadcrumb, a service bar, a menu, a footer line or a lone date: chrome as written."""
    text = _BULLET.sub("", line).strip()
    if not text or len(text) > 160:
        return False
    if _BREADCRUMB.search(text) or _FOOTER.search(text) or _DATE.match(text) or _SHARING.search(text):
        return True
    words = [w for w in re.split(r"[\s|｜]+", text) if w]
    service = sum(bool(_SERVICE.match(w)) for w in words)
    if len(words) >= 3 and all(len(w) <= 8 and not re.search(r"\d", w) for w in words) \
            and ("首页" in words or 2 * service >= len(words)):
        return True  # a menu: 首页 走进某区 政务公开 …, 中国政府网 | 某省人民政府网 …
    return bool(words) and service == len(words) and not (len(words) == 1 and len(words[0]) == 1)


def _chrome_text(pairs: list[tuple[str, str]]) -> list[str]:
    return [f"{k}：{v}" for k, v in pairs]


def chrome_of_lines(lines: list[str]) -> list[tuple[list[str], list[str] | None]]:
    """Per line of a page: (the chrome texts it gives, the content lines it leaves — None: the line
    stays as it is). Chrome is looked for in the page's first part only: each key/value pair becomes
    one ``KEY：VALUE``, other chrome lines stay as written; a title key's value (``名称: | …报告 |``)
    stays as a content line."""
    kinds: list[str | None] = []  # per line: "pairs", "line", "site", "value-line", "blank", None
    found: list[list[tuple[str, str]] | None] = []
    end = len(lines)
    seen = 0
    for i, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            kinds.append("blank")
            found.append(None)
            continue
        seen += 1
        pairs = _pairs(text)
        if pairs is not None:
            kinds.append("pairs")
            found.append(pairs)
            continue
        kinds.append("line" if _is_chrome_line(text) else None)
        found.append(None)
        if kinds[-1] is None and (seen > _HEAD_LINES or LIST_MARKER.match(text) or len(text) > _BODY_LINE):
            end = i
            break
    _weak_keys_alone(lines, kinds, found, end)
    _bullet_values(lines, kinds, found, end)
    _site_names(lines, kinds, end)
    out: list[tuple[list[str], list[str] | None]] = []
    for i in range(len(lines)):
        kind = kinds[i] if i < end else None
        if kind == "pairs":
            out.append(([f"{k}：{v}" for k, v in found[i]], [v for k, v in found[i] if k in TITLE_KEYS and v]))
        elif kind in ("line", "site"):
            out.append(([_BULLET.sub("", lines[i]).strip()], []))
        elif kind == "value-line":
            out.append(([], []))
        else:
            out.append(([], None))
    return out


def split_chrome(lines: list[str]) -> tuple[list[str], list[str]]:
    """(chrome, content) of a page's lines (chrome_of_lines): the chrome texts, repeats once, and
    the content lines in order."""
    chrome: list[str] = []
    content: list[str] = []
    for line, (gives, leaves) in zip(lines, chrome_of_lines(lines)):
        chrome.extend(gives)
        content.extend([line] if leaves is None else leaves)
    return list(dict.fromkeys(chrome)), content


def _weak_keys_alone(lines: list[str], kinds: list, found: list, end: int) -> None:
    """A line of weak keys only ("名称：某某中学", "日期：…") is chrome only beside a metadata line."""
    for i in range(end):
        if kinds[i] == "pairs" and all(k in WEAK_KEYS for k, _ in found[i]):
            near = [kinds[j] for j in _neighbours(kinds, i, end)]
            if "pairs" not in near or (all(k in TITLE_KEYS for k, _ in found[i]) and not _any_strong(found, i, end)):
                found[i] = None
                kinds[i] = "line" if _is_chrome_line(lines[i]) else None


def _any_strong(found: list, i: int, end: int) -> bool:
    """A strong metadata key on the line just before or after line i."""
    for j in (i - 1, i + 1):
        if 0 <= j < end and found[j] and any(k not in WEAK_KEYS for k, _ in found[j]):
            return True
    return False


def _neighbours(kinds: list, i: int, end: int) -> list[int]:
    """The nearest non-blank line before and after line i."""
    out = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < end and kinds[j] == "blank":
            j += step
        if 0 <= j < end:
            out.append(j)
    return out


def _bullet_values(lines: list[str], kinds: list, found: list, end: int) -> None:
    """"• 索引号" then "  • 1150…": a key alone on a bullet line takes the next bullet line as its value."""
    for i in range(end - 1):
        if kinds[i] != "pairs" or len(found[i]) != 1 or found[i][0][1] or not _BULLET.match(lines[i]):
            continue
        j = i + 1
        if kinds[j] in (None, "line") and lines[j].strip()[:1] in "•·▪●◦■□◆◇▶►":
            found[i] = [(found[i][0][0], _BULLET.sub("", lines[j]).strip())]
            kinds[j] = "value-line"


def _site_names(lines: list[str], kinds: list, end: int) -> None:
    """A short line between two lines of chrome (the site's name, a menu item) is chrome too."""
    chrome = ("pairs", "line", "site", "value-line")
    for i in range(end):
        text = lines[i].strip()
        if kinds[i] is not None or not text or len(text) > _SITE_NAME or re.search(r"\d", text) \
                or _TITLE_WORD.search(text):
            continue
        near = _neighbours(kinds, i, end)
        if len(near) == 2 and all(kinds[j] in chrome for j in near):
            kinds[i] = "site"


def chrome_paragraphs(texts: list[str]) -> list[Paragraph]:
    """Chrome lines a reader set apart (an HTML page's meta line) in `Document.chrome`'s form."""
    out: list[str] = []
    for text in texts:
        pairs = _pairs(text)
        out.extend(_chrome_text(pairs) if pairs else [text.strip()])
    return [Paragraph(t) for t in dict.fromkeys(out) if t]


def is_chrome(text: str) -> bool:
    """A line that is site chrome wherever it stands (metadata pairs, breadcrumb, service bar…)."""
    pairs = _pairs(text)
    if pairs is not None:
        return not all(k in WEAK_KEYS for k, _ in pairs)
    return _is_chrome_line(text)


# ==== tables ==============================================================================
# What a column holds, from its header label (roles from lexicon.toml's `columns` first).
_POINTS_HEAD = re.compile(r"^(?:指标)?(?:分值|得分|权重|满分|自评得分)(?:[（(].*)?$")
_MONEY_HEAD = re.compile(r"(?:预算|决算|执行|支出|金额|资金额|投入|拨款|收入)(?:数|额|金额|资金|总额)?$")
_RATE_HEAD = re.compile(r"率$")
_BRACKETS = re.compile(r"[（(][^()（）]*[)）]")
# A cell holding a figure: a number, with a percent sign, points or a unit of money.
_FIGURE = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?P<suffix>%|万元|亿元|千元|元|万|分)?$")
_PLACEHOLDER = re.compile(r"^(?:[-—–/－]+|[…。.]{2,})$")
_EMPTY = "—"  # an empty cell written as such (a lone "|", "| |"): no figure, but it holds its column
_MAX_CELL = 24  # a longer line is prose (or a long text cell), not a label
_NOTE = re.compile(r"^[（(][^()（）]{1,20}[)）]?$")  # "(一个项目一行)", "(万元": a note on the cell before
_PARTS_ALONE = re.compile(r"^其中\s*[:：]?$")
_ROW_LABEL = re.compile(r"^(?:其中|合计|总计|小计)")


def _head_text(label: str) -> str:
    return re.sub(r"\s+", "", _BRACKETS.sub("", label)) or re.sub(r"\s+", "", label)


def column_type(label: str) -> str:
    """"money", "percent", "points" or "text": what the column a header label names holds."""
    head = _head_text(label)
    if not head:
        return "text"
    if _POINTS_HEAD.match(head):
        return "points"
    for _, kind, pattern in LEX.columns:
        if kind and pattern.search(head):
            return "percent" if kind == "percent" else "money"
    if _RATE_HEAD.search(head):
        return "percent"
    return "money" if _MONEY_HEAD.search(head) else "text"


def _figure(cell: str) -> re.Match | None:
    return _FIGURE.match(cell) if cell and cell[0] in "0123456789+-" else None


def _is_value(cell: str) -> bool:
    """A figure, a placeholder or an empty cell: what stands under a value column."""
    return not cell or cell == _EMPTY or bool(_PLACEHOLDER.match(cell)) or _figure(cell) is not None


def _cell_kind(cell: str) -> str:
    if not cell or cell == _EMPTY or _PLACEHOLDER.match(cell):
        return "empty"
    m = _figure(cell)
    if m is None:
        return "text"
    return {"%": "percent", "分": "points", None: "number"}.get(m["suffix"], "money")


_FITS = {"empty": {"money", "percent", "points", "text"}, "number": {"money", "points"},
         "money": {"money"}, "percent": {"percent"}, "points": {"points"}, "text": {"text"}}


def _header_types(row: list[str]) -> list[str] | None:
    """The column types of a header row of a budget table (no figure in it, ≥ 2 money or rate columns
    of which one has a lexicon role), else None."""
    if len(row) < 2 or any(_figure(c) for c in row):
        return None
    types = [column_type(c) for c in row]
    if sum(t in ("money", "percent") for t in types) < 2:
        return None
    if not any(kind for c in row for _, kind, p in LEX.columns if kind and p.search(_head_text(c))):
        return None
    return types


def align_rows(rows: list[list[str]]) -> list[list[str]]:
    """Rows of a flattened table with each figure under its header: under a budget table's header,
    a row split over two lines is joined, a header naming the value columns only gets an empty
    label column, and a row with fewer cells than its header is realigned where its cells leave
    one reading (glued figures cut where the row's arithmetic confirms it)."""
    out: list[list[str]] = []
    types: list[str] | None = None
    header_at = -1
    for k, row in enumerate(rows):
        head = _header_types(row)
        if head is not None:
            if _label_column_missing(row, head, rows[k + 1:]):
                row, head = [""] + row, ["text"] + head
            out.append(list(row))
            types, header_at = head, len(out) - 1
            continue
        if types is None:
            out.append(list(row))
            continue
        if len(out) - 1 > header_at and row and _figure(row[0]) and out[-1] and not _figure(out[-1][0]) \
                and len(out[-1]) + len(row) <= len(types):
            row = out.pop() + row  # "基本支出 | 985.19 | 914.97 |" + "10 | 10 |": one row split over two lines
        if not any(_figure(c) or _is_glued(c) for c in row):
            if len([c for c in row if c and c != _EMPTY]) >= 2:
                types = None  # another table starts (目标, 指标 …)
            out.append(list(row))
            continue
        out.append(_align(row, out[header_at], types) or list(row))
    return out


def _label_column_missing(header: list[str], types: list[str], below: list[list[str]]) -> bool:
    """The header names the value columns only ("年初预算数 | 实际支出"): its first cell names a
    value column, and a row under it is one cell longer, starting with a label."""
    if types[0] == "text":
        return False
    for row in below:
        if _header_types(row) is not None or not any(_figure(c) for c in row):
            break
        if len(row) == len(header) + 1 and _cell_kind(row[0]) == "text":
            return True
    return False


def _align(row: list[str], header: list[str], types: list[str]) -> list[str] | None:
    """The row with each cell under a column that can hold it, when only one placement of its
    figures exists (the label stays in the first column); None when the row cannot be placed."""
    if len(row) >= len(types) or not row or _cell_kind(row[0]) != "text":
        return None
    cells = row[1:]
    cols = list(range(1, len(types)))
    placements = _placements(cells, cols, types)
    if not placements:
        return _split_glued(row, header, types)
    chosen = _one_reading(cells, placements, types)
    if chosen is None:
        return None
    out = [row[0]] + [""] * (len(types) - 1)
    for cell, col in zip(cells, chosen):
        out[col] = cell
    return out


def _placements(cells: list[str], cols: list[int], types: list[str]) -> list[tuple[int, ...]]:
    """Every order-keeping placement of the cells in the columns, each cell in a column that fits it
    (at most 65: more than that is no one reading anyway)."""
    kinds = [_cell_kind(c) for c in cells]
    n, m = len(cells), len(cols)
    # can[i][j]: cells i… can be placed in columns j…
    can = [[False] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        can[n][j] = True
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            can[i][j] = can[i][j + 1] or (types[cols[j]] in _FITS[kinds[i]] and can[i + 1][j + 1])
    found: list[tuple[int, ...]] = []

    def go(i: int, j: int, taken: tuple[int, ...]) -> None:
        if len(found) > 64:
            return
        if i == n:
            found.append(taken)
            return
        for jj in range(j, m):
            if types[cols[jj]] in _FITS[kinds[i]] and can[i + 1][jj + 1]:
                go(i + 1, jj + 1, taken + (cols[jj],))

    if can[0][0]:
        go(0, 0, ())
    return found


def _one_reading(cells: list[str], placements: list[tuple[int, ...]], types: list[str]) -> tuple[int, ...] | None:
    """The placement to take: the figures stand in the same columns in every placement (empty and
    text cells take the first one); or the only difference is a money figure standing under the budget
    or the actual column of a rate of 100 % (then budget = actual: it is read under the budget)."""
    figures = [k for k, c in enumerate(cells) if _figure(c)]
    readings = {tuple(p[k] for k in figures) for p in placements}
    if len(readings) == 1:
        return placements[0]
    rates = [c for c in cells if _cell_kind(c) == "percent"]
    if len(rates) == 1 and _decimal(rates[0].rstrip("%")) == 100:
        money_cols = [k for k, t in enumerate(types) if t == "money"]
        for p in placements:  # leftmost first: combinations come in order
            moved = {p[k] for k in figures} ^ set.intersection(*({q[k] for k in figures} for q in placements))
            if moved <= set(money_cols) and len(money_cols) == 2:
                return p
    return None


# --- glued figures -------------------------------------------------------------------------
_GLUE = re.compile(r"^[\d.]+%?(?:[\d.]+%?)*$")
_PIECE = re.compile(r"(?:0|[1-9]\d{0,9})(?:\.\d{1,2})?%?")
_MAX_CUTS = 400  # ways to cut one run of glued figures looked at, at most


def _is_glued(cell: str) -> bool:
    """Figures written without separators: digits with two decimal points or more."""
    return cell.count(".") >= 2 and bool(_GLUE.match(cell))


def _split_glued(row: list[str], header: list[str], types: list[str]) -> list[str] | None:
    """A cell of figures written without separators ("64.864.864.8100%") cut into as many figures
    as there are free value columns — only when one cut, and one only, makes the row's arithmetic
    hold (its rate = actual ÷ budget to the rate's rounding, points within 100, 得分 ≤ 分值)."""
    glued = [k for k, c in enumerate(row) if k and _is_glued(c)]
    if len(glued) != 1:
        return None
    k = glued[0]
    found = []
    for parts in _cuts(row[k], len(types) - len(row) + 1):
        candidate = row[:k] + parts + row[k + 1:]
        placements = _placements(candidate[1:], list(range(1, len(types))), types)
        if len(placements) != 1:
            continue
        placed = {col: cell for cell, col in zip(candidate[1:], placements[0])}
        if _arithmetic_holds(placed, header, types):
            found.append(placed)
    placed = _only_cut(found, types)
    return None if placed is None else [row[0]] + [placed.get(col, "") for col in range(1, len(types))]


def _only_cut(found: list[dict[int, str]], types: list[str]) -> dict[int, str] | None:
    """The one cut the arithmetic confirms; of several, the one whose amounts are all written with
    the same number of decimals, if it is the only one."""
    if len(found) > 1:
        found = [f for f in found if len({c.partition(".")[2].__len__() for col, c in f.items()
                                           if types[col] == "money"}) == 1]
    return found[0] if len(found) == 1 else None


def _cuts(text: str, n: int) -> list[list[str]]:
    """The ways to cut `text` into n figures (a "%" ends the figure before it)."""
    out: list[list[str]] = []
    dead: set[tuple[int, int]] = set()  # (position, figures cut so far) that lead to no cut

    def go(at: int, parts: list[str]) -> None:
        if len(out) >= _MAX_CUTS or (at, len(parts)) in dead:
            return
        if len(parts) == n:
            if at == len(text):
                out.append(parts)
            return
        before = len(out)
        for end in range(at + 1, min(len(text), at + 14) + 1):
            if end < len(text) and text[end] == "%":
                continue  # a percentage keeps its sign
            if _PIECE.fullmatch(text, at, end):
                go(end, parts + [text[at:end]])
        if len(out) == before:
            dead.add((at, len(parts)))

    if len(text) <= 120:
        go(0, [])
    return out


def _arithmetic_holds(placed: dict[int, str], header: list[str], types: list[str]) -> bool:
    """The row's rate equals its actual ÷ one of its budgets (× 100) to the rate's rounding; its points
    are at most 100 and its 得分 at most its 分值."""
    fields = {col: _field(header[col]) for col in placed if col < len(header)}
    points = [_decimal(c) for col, c in sorted(placed.items()) if types[col] == "points" and _figure(c)]
    if any(p > 100 for p in points) or (len(points) == 2 and points[1] > points[0]):
        return False
    rates = [c for col, c in placed.items() if types[col] == "percent" and c.endswith("%")]
    money = {col: _decimal(c) for col, c in placed.items() if types[col] == "money" and _figure(c)}
    if len(rates) != 1 or len(money) < 2:
        return False
    actual = next((v for col, v in money.items() if fields.get(col) == "actual"), money[max(money)])
    budgets = ([v for col, v in money.items() if fields.get(col) == "adjusted_budget"]
               or [v for col, v in money.items() if fields.get(col) == "initial_budget"] or [money[min(money)]])
    rate = _decimal(rates[0].rstrip("%"))
    places = len(rates[0].rstrip("%").partition(".")[2])
    return any(b > 0 and abs(actual / b * 100 - rate) <= Decimal(5).scaleb(-places - 1) for b in budgets)


def _field(label: str) -> str | None:
    head = _head_text(label)
    return next((fld for fld, kind, p in LEX.columns if kind and p.search(head)), None)


_NAME_WORDS = "|".join(f"(?:{p.pattern})" for _, kind, p in LEX.columns if kind)
_GLUED_NAMES = re.compile(rf"(?:(?:{_NAME_WORDS}|分值|自评得分|得分|权重)(?:数|额|金额)?(?:[（(][^()（）]{{0,8}}[)）])?){{3,}}")
_GLUED_NAME = re.compile(rf"(?:{_NAME_WORDS}|分值|自评得分|得分|权重)(?:数|额|金额)?(?:[（(][^()（）]{{0,8}}[)）])?")
_ROW_NAMES = "|".join(f"(?:{p.pattern})" for block, p in LEX.table_rows if block)
_GLUED_FIGURES = re.compile(r"\d\.\d+\.\d")
_GLUED_ROW = re.compile(rf"(?P<label>{_ROW_NAMES})\s*[:：]?\s*(?P<figures>[\d.]+%?(?:[\d.]+%?)*)")


def glued_form(text: str) -> tuple[str, Table, str] | None:
    """A form's rows glued into one line ("…年初预算数全年预算数全年执行数分值执行率得分年度资金总额
    2456.182456.182456.1810100%10按收入…"): (text before, the header and row as a Table, text
    after), when one cut of the figures, and one only, fills the columns and makes the row's
    arithmetic hold."""
    head = _GLUED_NAMES.search(text)
    if head is None:
        return None
    row = _GLUED_ROW.match(text, head.end())
    if row is None:
        return None
    names = _GLUED_NAME.findall(head.group())
    types = [column_type(n) for n in names]
    header = [""] + names
    found = []
    for parts in _cuts(row["figures"], len(names)):
        if all(types[c] in _FITS[_cell_kind(p)] for c, p in enumerate(parts)):
            placed = dict(enumerate(parts, start=1))
            if _arithmetic_holds(placed, header, ["text"] + types):
                found.append(placed)
    placed = _only_cut(found, ["text"] + types)
    if placed is None:
        return None
    cells = [row["label"]] + [placed[c] for c in range(1, len(header))]
    return text[:head.start()], Table(rows=[header, cells]), text[row.end():]


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return Decimal(-1)


# --- rows with "|" between cells ----------------------------------------------------------------
_NOT_A_ROW = re.compile(r"首页|当前位置|您的位置|所在位置")  # a web page's menu or breadcrumb
_RULE = re.compile(r"^[\s|:：\-—–=+]*$")  # a markdown rule "|---|---|"


def _pipe_kind(text: str) -> str | None:
    """"row" (cells between bars), "cell" (one cell closed by a bar, or a lone bar), or None."""
    if "|" not in text or _NOT_A_ROW.search(text):
        return None
    if text.count("|") == 1 and text.endswith("|"):
        return "cell"
    return "row" if re.search(r"\|.*\|", text) else None


def _pipe_cells(text: str) -> list[str]:
    cells = [c.strip() for c in text.strip().strip("|").split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return [c or _EMPTY for c in cells]


def _pipe_run(lines: list[str], i: int) -> tuple[int, list]:
    """The pipe lines from i on: (end, replacement: lines and Tables)."""
    j, kinds = i, []
    while j < len(lines):
        text = lines[j].strip()
        kind = _pipe_kind(text) if text else "blank"
        if kind is None:
            break
        kinds.append((j, kind))
        j += 1
    while kinds and kinds[-1][1] == "blank":
        kinds.pop()
    end = kinds[-1][0] + 1
    cells = [k for _, k in kinds if k == "cell"]
    if len(cells) >= 4 and len(cells) >= 0.6 * sum(k != "blank" for _, k in kinds):
        texts = [lines[n].strip()[:-1].strip() or _EMPTY for n, k in kinds if k != "blank"]
        return end, _pipe_cell_items(texts)
    rows = [(n, _pipe_cells(lines[n])) for n, k in kinds if k == "row" and not _RULE.match(lines[n])]
    return end, _rows_to_blocks(lines, rows)


def _pipe_cell_items(texts: list[str]) -> list:
    """Cells closed by bars, one per line: their tables, and the other cells as lines (empty ones dropped)."""
    out: list = []
    at = 0
    for start, end, items in _cell_tables(texts, explicit_empty=True):
        out.extend(t for t in texts[at:start] if t != _EMPTY)
        out.extend(items)
        at = end
    out.extend(t for t in texts[at:] if t != _EMPTY)
    return out


_PROSE_CELL = re.compile(r"[。；;！？]|^.{61,}$")  # a cell of sentences, not of a table


def _rows_to_blocks(lines: list[str], rows: list[tuple[int, list[str]]]) -> list:
    """Pipe rows → Tables (runs of two or more table rows) and lines (a label/value pair stays as
    written, a row of one cell becomes its text)."""
    out: list = []
    run: list[list[str]] = []

    def flush():
        if len(run) >= 2:
            out.append(Table(rows=align_rows(run)))
        else:
            out.extend("\t".join(c for c in r if c != _EMPTY) for r in run)
        run.clear()

    for n, cells in rows:
        cells = [c for c in cells]
        filled = [c for c in cells if c != _EMPTY]
        if not filled:
            continue
        if run and _figure(cells[0]) and not _figure(run[-1][0]):
            run.append(cells)  # the rest of a row split over two lines: align_rows joins it
            continue
        prose = not any(_figure(c) for c in cells) and any(_PROSE_CELL.search(c) for c in cells)
        if not prose and (len(cells) >= 3 or (run and len(cells) == 2 and (_figure(cells[1]) or _is_glued(cells[1])))):
            run.append(cells)
            continue
        flush()
        if len(filled) == 1 and len(cells) == 1:
            out.append(filled[0])
        else:  # a label/value pair stays as written; a row of prose cells is prose, its cells apart by tabs
            out.append("\t".join(filled) if prose and len(cells) >= 3 else lines[n].strip())
    flush()
    return out


# --- one cell per line ---------------------------------------------------------------------------
def _is_column_name(cell: str) -> bool:
    return 0 < len(cell) <= 20 and not _figure(cell) and not re.search(r"[，。；;]", cell)


def _cell_tables(cells: list[str], explicit_empty: bool = False) -> list[tuple[int, int, list]]:
    """Tables in cells written one per line: (first cell, end, [group lines…, Table]) each, in
    indexes of `cells`."""
    joined, ends = _join_notes(cells)
    starts = [0] + [e + 1 for e in ends[:-1]]
    out = []
    k = 0
    while k < len(joined):
        found = _table_at(joined, k, explicit_empty) if _is_column_name(joined[k]) else None
        if found is None:
            k += 1
            continue
        items, end = found
        out.append((starts[k], ends[end - 1] + 1, items))
        k = end
    return out


_MAX_COLUMNS = 40  # more names than this before the first figure: no table's header


def _table_at(cells: list[str], k: int, explicit_empty: bool) -> tuple[list, int] | None:
    """A table whose cells start at k: ([group lines…, Table], index after its last cell), or None.

    The column names come first, then rows: a label, then its values (figures, placeholders, empty
    cells; a long text in a text column). A run of names longer than the widest row holds group
    lines above the header (经费控制情况（万元）, 年度预算申请), and the name just before the value
    columns heads the label column."""
    first = next((j for j in range(k, min(len(cells), k + _MAX_COLUMNS)) if _is_value(cells[j]) and cells[j] != _EMPTY),
                 None)
    if first is None or first - k < 3:
        return None
    names = cells[k:first - 1]
    if not all(_is_column_name(c) for c in names[-2:]):
        return None
    rows, used = _label_rows(cells[first - 1:], explicit_empty)
    if not rows:
        return None
    width = max(len(r) for r in rows) - 1  # value columns
    if width < 2 or len(names) < width:
        return None
    groups, label_name, value_names = _header_names(names, width)
    header = [label_name] + value_names
    if _header_types(header) is None or not all(_is_column_name(c) for c in value_names):
        return None
    return [c for c in groups if c != _EMPTY] + [Table(rows=align_rows([header] + rows))], first - 1 + used


_NAME_END = re.compile(r"^(?:数|额|金额|资金|总额|值)?(?:[（(].*)?$")


def _name_score(text: str) -> float:
    """How well `text` reads as one column name: a lexicon role covering it 3, a role inside it or a
    column of money or rates 2, anything else 0."""
    if _figure(text):
        return -9
    head = _head_text(text)
    if _POINTS_HEAD.match(head):
        return 3
    inside = False
    for _, kind, pattern in LEX.columns:
        if not kind:
            continue
        m = pattern.match(head)
        if m and _NAME_END.match(head[m.end():]):
            return 3
        inside = inside or bool(pattern.search(head))
    return 2 if inside or column_type(text) != "text" else 0


_NAME_TAIL = re.compile(r"(?:数|额|率|值|分|算|权重|原因|[)）])$")


def _complete(name: str) -> bool:
    """A column name that ends as one does (年初预算数, 执行率, 权重), not a broken-off head (年初, 全年)."""
    return _name_score(name) >= 2 and bool(_NAME_TAIL.search(name))


def _header_names(names: list[str], width: int) -> tuple[list[str], str, list[str]]:
    """(group lines, label column's name, `width` value column names) from the names before the first
    row; a name a narrow column broke over lines ("年初" / "预算数") is joined again: of every way to
    make `width` names of the last ones (one to three lines each), the one that reads best."""
    n = len(names)
    best: dict[tuple[int, int], tuple[float, list[str]]] = {(n, 0): (0.0, [])}
    for g in range(1, width + 1):
        for start in range(n - 1, -1, -1):
            options = []
            for size in (1, 2, 3):
                rest = best.get((start + size, g - 1))
                if rest is None or start + size > n:
                    continue
                text = "".join(names[start:start + size])
                if size > 1 and (len(text) > 20 or any(_figure(c) for c in names[start:start + size])):
                    continue
                joins = sum(3.0 if _complete(a) else 0.6
                            for a in names[start:start + size - 1])
                options.append((_name_score(text) - joins + rest[0], [text] + rest[1]))
            if options:
                best[(start, g)] = max(options, key=lambda o: o[0])
    def reading(st: int) -> float:  # a value column's name left over as the label column's reads worse
        return best[(st, width)][0] - (max(0.0, _name_score(names[st - 1])) if st >= 1 else 0.0)

    start = max((st for (st, g) in best if g == width), key=lambda st: (reading(st), st))
    value_names = best[(start, width)][1]
    label_name = names[start - 1] if start >= 1 else ""
    return names[:max(0, start - 1)], label_name, value_names


def _join_notes(cells: list[str]) -> tuple[list[str], list[int]]:
    """Cells with a note in brackets joined to the cell before it ("项目支出" + "（一个项目一行）") and
    "其中：" alone to the label after it; with, per cell, the index of the last input cell in it."""
    out: list[str] = []
    ends: list[int] = []
    for k, cell in enumerate(cells):
        if out and _NOTE.match(cell) and not _figure(out[-1]) and out[-1] != _EMPTY:
            out[-1] += cell
            ends[-1] = k
        elif out and _PARTS_ALONE.match(out[-1]) and not _is_value(cell):
            out[-1] += cell
            ends[-1] = k
        else:
            out.append(cell)
            ends.append(k)
    return out, ends


def _label_rows(cells: list[str], explicit_empty: bool) -> tuple[list[list[str]], int]:
    """Rows from a label and the values after it; stops at the first cell that is neither. A label
    with no figure (a heading row: 三公经费, 其中：公车购置) stays in the table when rows with figures
    follow it."""
    rows: list[list[str]] = []
    k = end = kept = 0
    while k < len(cells):
        label = cells[k]
        if _is_value(label) or _is_text_value(label):
            break
        values = []
        j = k + 1
        while j < len(cells):
            cell = cells[j]
            if _is_value(cell) or _is_text_value(cell):
                values.append(cell)
            elif values and not _starts_row(cells, j) and rows and len(values) + 1 < len(rows[0]):
                values.append(cell)  # a short text in a text column ("项目经费增加")
            else:
                break
            j += 1
        if not any(_figure(v) for v in values):
            if not rows or column_type(label) != "text" or len(rows) - kept >= 4:
                break
            rows.append([label] + values)  # a heading row, kept if rows with figures follow
            k = j
            continue
        rows.append([label] + values)
        k = end = j
        kept = len(rows)
    rows = rows[:kept]
    while rows and len(rows[-1]) > 2 and _is_text_value(rows[-1][-1]):
        rows[-1] = rows[-1][:-1]  # a note after the table ("说明：…"), not its last cell
        end -= 1
    return rows, end


def _is_text_value(cell: str) -> bool:
    """A cell of prose (a reason, a note): a value of a text column, never a row's label."""
    return len(cell) > _MAX_CELL or bool(re.search(r"[。；;！？]", cell))


def _starts_row(cells: list[str], j: int) -> bool:
    """Does the short text at j start a row: a row label, or a cell followed by a value?"""
    if _ROW_LABEL.match(cells[j]) or any(p.search(cells[j]) for _, p in LEX.table_rows):
        return True
    return j + 1 < len(cells) and _is_value(cells[j + 1])


# --- rows apart by spaces or tabs ------------------------------------------------------------
def _words(line: str) -> list[str]:
    return line.split("\t") if "\t" in line.strip() else line.split()


def _is_row_header(line: str) -> bool:
    cells = line.split()
    return len(cells) >= 2 and all(_is_column_name(c) for c in cells) and _header_types(cells) is not None


def _text_rows(lines: list[str]) -> list[list[str]]:
    """Cells of flattened rows: the words before a row's first figure are its label."""
    rows = []
    for line in lines:
        cells = line.split()
        k = next((n for n, c in enumerate(cells) if TABLE_VALUE.match(c)), len(cells))
        rows.append(cells if k == len(cells) else ["".join(cells[:k])] + cells[k:])
    head, body = rows[0], rows[1:]
    if body and all(len(r) == len(head) + 1 for r in body if r[0]):
        rows[0] = [""] + head  # the header names the value columns only
    return align_rows(rows)


def _row_run(lines: list[str], i: int) -> tuple[int, Table] | None:
    """Rows apart by spaces from line i on (blank lines between them allowed): two or more rows, or
    a header the lexicon knows and the rows under it."""
    first = lines[i].strip()
    header = _is_row_header(first)
    if not header and not is_table_line(first):
        return None
    taken = [i]
    j = i + 1
    while j < len(lines):
        text = lines[j].strip()
        if not text:
            j += 1
            continue
        if text.startswith(TABLE_MARK) or not is_table_line(text):
            break
        taken.append(j)
        j += 1
    if len(taken) < 2:
        return None
    return taken[-1] + 1, Table(rows=_text_rows([" ".join(lines[n].split()) for n in taken]))


# --- a header row split over two lines -----------------------------------------------------
def _spans(line: str) -> list[tuple[int, int, str]]:
    """Words of a line with their printed columns (CJK characters two wide)."""
    if "\t" in line:
        return []
    spans = []
    starts = [0, *accumulate(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)]
    # a word: single spaces inside, two or more between words
    for m in re.finditer(r"\S+(?:\s\S+)*?(?=\s{2,}|\s*$)", line):
        spans.append((starts[m.start()], starts[m.end()], m.group()))
    return spans


def merge_split_header(upper: str, lower: str, after: str) -> str | None:
    """Two lines of column names, one under the other ("年初" over "预算数"), above a row of figures
    → one header row (cells apart by tabs), or None.

    Only space-aligned text, where a word stands above or below the column it belongs to: each word
    of the line with fewer words joins the word of the other line its printed span overlaps; a word
    overlapping none, or two words on one, and the lines are left alone."""
    if "  " not in upper and "  " not in lower:
        return None
    if not any(TABLE_VALUE.match(c) for c in after.split()) or not is_table_line(" ".join(after.split())):
        return None
    if max(len(upper), len(lower)) > 200:
        return None  # prose, not column names
    a, b = _spans(upper), _spans(lower)
    if not a or not b or len(a) == len(b) or any(TABLE_VALUE.match(w) or re.search(r"\d", w) for *_, w in a + b):
        return None
    full, part = (a, b) if len(a) > len(b) else (b, a)
    if len(full) < 3 or any(len(w) > 8 for *_, w in a + b):
        return None
    joined = {}
    for s, e, w in part:
        hits = [k for k, (fs, fe, _) in enumerate(full) if min(e, fe) > max(s, fs)]
        if len(hits) != 1 or hits[0] in joined:
            return None
        joined[hits[0]] = w
    words = [(joined.get(k, "") + w if full is b else w + joined.get(k, "")) for k, (_, _, w) in enumerate(full)]
    return "\t".join(words)


# --- all of it ------------------------------------------------------------------------------------
def recover(lines: list[str]) -> list[tuple[int, int, list]]:
    """Edits that turn a page's lines (as laid out: blank lines, spacing) into blocks: each
    (start, end, replacement) replaces lines[start:end] by lines (str) and Tables."""
    edits: list[tuple[int, int, list]] = []
    i = 0
    n = len(lines)
    while i < n:
        text = lines[i].strip()
        if not text or text.startswith(TABLE_MARK):
            i += 1
            continue
        if _pipe_kind(text):
            end, items = _pipe_run(lines, i)
            edits.append((i, end, items))
            i = end
            continue
        if i + 2 < n:
            merged = merge_split_header(lines[i].rstrip(), lines[i + 1].rstrip(), lines[i + 2])
            if merged is not None:
                found = _row_run([merged] + lines[i + 2:], 0)
                if found:
                    edits.append((i, i + 1 + found[0], [found[1]]))
                    i += 1 + found[0]
                    continue
        found = _row_run(lines, i)
        if found:
            edits.append((i, found[0], [found[1]]))
            i = found[0]
            continue
        if len(text) <= _MAX_CELL and not _figure(text):
            i, found = _cell_run(lines, i)
            edits.extend(found)
            continue
        glued = glued_form(text) if _GLUED_FIGURES.search(text) else None
        if glued:
            before, table, after = glued
            edits.append((i, i + 1, [x for x in (before.strip(), table, after.strip()) if x]))
        i += 1
    return edits


def _cell_run(lines: list[str], i: int) -> tuple[int, list[tuple[int, int, list]]]:
    """Short lines from line i on, one cell each (blank lines between cells allowed): (end of the
    run, edits of the tables found in it)."""
    taken: list[int] = []
    j = i
    while j < len(lines):
        text = lines[j].strip()
        if not text:
            j += 1
            continue
        if (len(text) > _MAX_CELL and not _figure(text)) or text.startswith(TABLE_MARK) or _pipe_kind(text) \
                or is_table_line(text) or re.search(r"\S\s{2,}\S", text) or len(text.split()) > 3:
            break
        taken.append(j)
        j += 1
    end = taken[-1] + 1 if taken else i + 1
    if len(taken) < 5:
        return end, []
    tables = _cell_tables([lines[n].strip() for n in taken])
    return end, [(taken[a], taken[b - 1] + 1, items) for a, b, items in tables]


# ==== the step, for each kind of reader =====================================================
# Pinyin a page printed after each character (<ruby> flattened): "項(xiàng)目" → "項目".
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_RUBY = re.compile(rf"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,7}}\)")


def drop_ruby(text: str) -> str:
    return _RUBY.sub("", text) if "(" in text else text


def lay_out_text(pages: list[str], tables: dict[str, Block] | None = None,
                 blank_breaks: bool = False) -> tuple[list[Block], list[Paragraph]]:
    """Text as laid out, page by page (a .txt, a PDF's text layer; `tables`: blocks read apart,
    standing in the text as TABLE_MARK lines) → (blocks, chrome). Chrome comes off the first page;
    running headers, footers and page numbers off every page; tables are rebuilt; the rest is
    joined into paragraphs (normalize). `blank_breaks`: a blank line ends a paragraph (a text file)."""
    pages = [unspace_letterspaced(drop_ruby(fold_chars(p))) for p in pages] or [""]
    chrome, first = split_chrome(pages[0].split("\n"))
    pages[0] = "\n".join(first)
    if blank_breaks:
        pages = [re.sub(r"\n(?:[ \t]*\n)+", f"\n{PARAGRAPH_BREAK}\n", p) for p in pages]
    lines = ["" if ln.strip() == PARAGRAPH_BREAK else ln
             for ln in "\n".join(strip_page_furniture(pages, keep_indent=True)).split("\n")]
    marks = dict(tables or {})
    out: list[str] = []
    at = 0
    for start, end, items in recover(lines):
        out.extend(_indent_mark(ln) for ln in lines[at:start])
        for item in items:
            if isinstance(item, Table):
                key = f"{TABLE_MARK}\tlayout{len(marks) + 1}"
                marks[key] = item
                out.append(key)
            else:
                out += [PARAGRAPH_BREAK, item, PARAGRAPH_BREAK]  # a row's text stands alone
        at = end
    out.extend(_indent_mark(ln) for ln in lines[at:])
    return blocks_from_lines(join_broken_lines("\n".join(out)), marks), [Paragraph(c) for c in chrome]


def _indent_mark(line: str) -> str:
    """A line for paragraph joining: one leading space when it was indented (a paragraph starts);
    a blank line a paragraph break."""
    if not line.strip():
        return PARAGRAPH_BREAK
    return (" " if line[:1].isspace() else "") + line.strip()


def blocks_from_lines(text: str, marks: dict[str, Block] | None = None) -> list[Block]:
    """Joined lines → Paragraph blocks; a TABLE_MARK line (whitespace as normalize left it) → its block."""
    by_line = {" ".join(k.split()): t for k, t in (marks or {}).items()}
    blocks: list[Block] = []
    for line in text.split("\n"):
        line = line.strip()
        if line in by_line:
            blocks.append(by_line[line])
        elif line:
            blocks.append(Paragraph(line))
    return blocks


def lay_out_blocks(blocks: list[Block]) -> tuple[list[Block], list[Paragraph]]:
    """The blocks of a reader of paragraphs (HTML, Word) → (blocks, chrome): chrome off the first
    part of the page, tables rebuilt from runs of paragraphs."""
    for b in blocks:
        if isinstance(b, Table):
            b.rows = [[drop_ruby(c) for c in row] for row in b.rows]
        else:
            b.text = drop_ruby(b.text)
    texts = [b for b in blocks if isinstance(b, (Paragraph, Heading))]
    decided = dict(zip(map(id, texts), chrome_of_lines([b.text for b in texts])))
    chrome: list[str] = []
    out: list[Block] = []
    for b in blocks:
        gives, leaves = decided.get(id(b), ([], None))
        chrome.extend(gives)
        out.extend([b] if leaves is None else [Paragraph(t, b.loc) for t in leaves])
    result: list[Block] = []
    run: list[Paragraph] = []

    def flush():
        at = 0
        for start, end, items in recover([p.text for p in run]):
            result.extend(run[at:start])
            loc = run[start].loc
            for x in items:
                if isinstance(x, Table):
                    x.loc = loc
                result.append(Paragraph(x, loc) if isinstance(x, str) else x)
            at = end
        result.extend(run[at:])
        run.clear()

    for b in out:
        if isinstance(b, Paragraph):
            run.append(b)
            continue
        flush()
        result.append(b)
    flush()
    return result, [Paragraph(c) for c in dict.fromkeys(chrome)]
