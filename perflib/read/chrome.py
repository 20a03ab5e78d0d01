"""Site chrome: what a government site (or a document-sharing site) prints around a report.

Breadcrumbs, ``[ 索引号 ] … [ 发布机构 ] …`` blocks (often printed twice), bullet metadata
(``• 发布机构`` then ``  • value``), pipe metadata (``索引号: | … | ||``), key/value lines with or
without colons, 来源 / 作者 / 日期 / 浏览量 / 无障碍 / 字体 / 注册 登录 lines, site names and menus,
a document-sharing site's frame — in the first part of a page. Each key/value pair becomes ONE
paragraph ``KEY：VALUE`` (fullwidth colon) whatever layout it came in; other chrome lines stay as
written; the value of a title key (名称, 标题) in a metadata block is the page's title and stays
content. The layout step (layout.py) puts it in `Document.chrome`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .document import Paragraph
from .normalize import LIST_MARKER

# ==== data ============================================================================
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
FOOTER = r"网站标识码|ICP\s*备|公网安备|版权所有|主办单位|承办单位|(?:主办|承办)\s*[:：]|技术支持"
# A document-sharing site's frame around a document it shows: page links, preview notes (whole
# lines; phrases anywhere in a line).
SHARING_LINE = (r"^\S.{0,80}\.(?:docx?|pdf|wps|xlsx?|pptx?)_第\s*\d+\s*页$|^第\s*\d+\s*页\s*/\s*共\s*\d+\s*页$"
                r"|^欢迎(?:来到|访问|光临)"
                r"|^<image>.*</image>$|^!\[[^\]]*\]\([^)]*\)$")  # an image the page showed, as its text export wrote it
SHARING = r"由会员分享|可在线阅读|免费预览|如果喜欢就下载|珍藏版|小编为大家|供大家参考"
# A link to the site's next or previous article ("上一篇：某局2022年度…报告"): another page's title.
NEIGHBOUR_LINK = r"^[【\[]?(?:上一篇|下一篇|上一条|下一条|上篇|下篇)[】\]]?(?:\s*[:：]|\s|$)"
# The heading of a list of links to other articles (a site's sidebar or a page's foot): the titles
# under it are other pages' titles, never this page's ("相关链接：" / "某局2022年度…报告").
LINK_LIST = (r"相关(?:链接|文章|阅读|新闻|信息|推荐|文档)|热点(?:推荐|文章|新闻|信息)|热门(?:推荐|文章|阅读|信息)"
             r"|推荐阅读|延伸阅读|最新(?:发布|文章|信息|动态)|猜你喜欢")
# A site's headline slot, one other article's title after it ("热点：某局…绩效评价等级为良"): a link, not content.
HEADLINE = r"热点|热门|头条|要闻|焦点"
_OWN_UNIT = r"经自评|[我本](?:局|委|办|院|单位|部门|中心|所|站|厅|馆|队)"  # (a report's own words)
_HEAD_LINES = 40  # chrome is looked for in the first lines of a page …
_BODY_LINE = 60  # … before its body starts: a numbered heading, or a line of prose longer than this
_SITE_NAME = 20  # a line this short between two lines of chrome is the site's name or a menu item
_MENU_ITEM = 6  # a line this short ending in 公开 is a menu's ("政务公开"), no title
_LINK_LINE = 120  # a link at a page's foot: a title, its date, a note of its figures; not a paragraph
# =======================================================================================

_KEYS = "|".join(sorted(CHROME_KEYS, key=len, reverse=True))
_BULLET_MARKS = "•·▪●◦■□◆◇▶►-*"
_BULLET = re.compile(rf"^[\s{re.escape(_BULLET_MARKS)}]+")
_BRACKET_KEY = re.compile(rf"[\[【]\s*({_KEYS})\s*[\]】]")
_COLON_KEY = re.compile(rf"(?:^|(?<=\s)|(?<=[|【\[]))({_KEYS})\s*[:：]")
_KEY_ONLY = re.compile(rf"^({_KEYS})\s*[:：]?$")
_SERVICE = re.compile(rf"^[【\[（(]?(?:{SERVICE_WORD})[:：]?[】\]）)]?$")
_BREADCRUMB = re.compile(BREADCRUMB)
_FOOTER = re.compile(FOOTER)
# (apart, the phrases are found by the engine's scan for their first characters, and the line
# patterns are tried at the start of the line only)
_SHARING_LINE = re.compile(SHARING_LINE)
_SHARING = re.compile(SHARING)
_NEIGHBOUR_LINK = re.compile(NEIGHBOUR_LINK)
_LINK_LIST = re.compile(rf"^[【\[]?(?:{LINK_LIST})[】\]]?\s*[:：]?\s*(?:更多\s*[>＞»›]*)?$")
# a heading with its one link: "相关链接：某局…"; a headline's link is a title, no sentence ("焦点：经自评，…等级为优",
# with or without its 。, is the report's own line), naming no unit as its own (我局…)
_LINK_LIST_ITEM = re.compile(rf"^[【\[]?(?:(?:{LINK_LIST})[】\]]?\s*[:：]|(?:{HEADLINE})[】\]]?\s*[:：]"
                             rf"(?!.*(?:{_OWN_UNIT}))(?=[^。；;，,]*$))")
_DATED = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s+")
_DATE = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_TITLE_WORD = re.compile(r"(?:报告|报告书|评价表|自评表|公开|说明|通知|通报)$|(?:19|20)\d{2}")


def _unbulleted(line: str) -> str:
    """The line without its bullet, stripped."""
    head = line[:1]  # (the regex only for a line opening with a space or a mark: most lines open with neither)
    return _BULLET.sub("", line).strip() if head.isspace() or head in _BULLET_MARKS else line.strip()


def _pairs(line: str) -> list[tuple[str, str]] | None:
    """The key/value pairs of a metadata line, in any of its layouts, or None when it is not one."""
    text = _unbulleted(line)
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
    first = text.split(None, 1)[0]  # (not the whole line split: a paragraph's first line is asked too)
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


@lru_cache(maxsize=4096)  # (the first lines of every page: a site prints the same chrome on each)
def _is_chrome_line(line: str) -> bool:
    """A breadcrumb, a service bar, a menu, a footer line or a lone date: chrome as written."""
    text = _unbulleted(line)
    if not text or len(text) > 160:
        return False
    if _BREADCRUMB.search(text) or _FOOTER.search(text) or _DATE.match(text) or _SHARING_LINE.match(text) \
            or _SHARING.search(text) or _NEIGHBOUR_LINK.match(text) or _LINK_LIST_ITEM.match(text) \
            or _LINK_LIST.match(text):
        return True
    words = text.replace("|", " ").replace("｜", " ").split()  # words apart by spaces or bars
    if len(words) >= 3 and all(len(w) <= 8 and not _DIGIT.search(w) for w in words) \
            and ("首页" in words or 2 * sum(bool(_SERVICE.match(w)) for w in words) >= len(words)):
        return True  # a menu: 首页 走进某区 政务公开 …, 中国政府网 | 某省人民政府网 …
    # a service bar: every word a service word
    return bool(words) and not (len(words) == 1 and len(words[0]) == 1) and all(_SERVICE.match(w) for w in words)


_DIGIT = re.compile(r"\d")


def _chrome_text(pairs: list[tuple[str, str]]) -> list[str]:
    return [f"{k}：{v}" for k, v in pairs]


def chrome_of_lines(lines: list[str]) -> list[tuple[list[str], list[str] | None]]:
    """Per line of a page: (the chrome texts it gives, the content lines it leaves — None: the line
    stays as it is). Chrome is looked for in the page's first part only: each key/value pair becomes
    one ``KEY：VALUE``, other chrome lines stay as written; a title key's value (``名称: | …报告 |``)
    stays as a content line."""
    head = _chrome_head(lines)
    tail = _link_tail(lines, len(head))
    body = [((), None)] * (tail - len(head))  # the body: no chrome (one shared empty tuple)
    return head + body + [([t], []) if (t := line.strip()) else ([], []) for line in lines[tail:]]


def _chrome_head(lines: list[str]) -> list[tuple[list[str], list[str] | None]]:
    """chrome_of_lines for the page's first part only, up to where its body starts (the lines
    after it: no chrome)."""
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
    if "pairs" not in kinds and "line" not in kinds:
        return [([], None) for _ in range(end)]  # (no line of chrome: none the passes below could find either)
    _weak_keys_alone(lines, kinds, found, end)
    _bullet_values(lines, kinds, found, end)
    _site_names(lines, kinds, end)
    _link_lists(lines, kinds, end)
    if _links_above_the_title(lines, kinds, end):
        _site_names(lines, kinds, end)  # (a column's names over the links: "财政预决算" ⏎ "部门预决算" ⏎ …)
    out: list[tuple[list[str], list[str] | None]] = []
    for i in range(end):
        kind = kinds[i]
        if kind == "pairs":
            # (a title key's value is the page's title; so is a report's title run onto an empty field, "主题词 某馆2021年度
            # 部门整体支出绩效自评报告")
            out.append((_chrome_text(found[i]), [v for k, v in found[i] if v and (k in TITLE_KEYS or _A_REPORTS_TITLE.match(v))]))
        elif kind in ("line", "site"):
            out.append(([_unbulleted(lines[i])], []))
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
    head = _chrome_head(lines)
    for line, (gives, leaves) in zip(lines, head):
        chrome.extend(gives)
        content.extend([line] if leaves is None else leaves)
    tail = _link_tail(lines, len(head))
    content.extend(lines[len(head):tail])  # the body, as it is
    chrome.extend(t for line in lines[tail:] if (t := line.strip()))
    return list(dict.fromkeys(chrome)), content


def split_foot(lines: list[str]) -> tuple[list[str], list[str]]:
    """(chrome, content) of the last page of a page-cut text: the links at its foot (上一篇：…, 相关文章 and the titles
    under it) off; split_chrome takes them off a text of one page."""
    tail = _link_tail(lines, 0)
    return [t for line in lines[tail:] if (t := line.strip())], lines[:tail]


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
            found[i] = [(found[i][0][0], _unbulleted(lines[j]))]
            kinds[j] = "value-line"


def _site_names(lines: list[str], kinds: list, end: int) -> None:
    """Short lines between two lines of chrome (the site's name, a menu one item a line: "首页" ⏎ "走进白鹭" ⏎ "政务公开"
    … ⏎ "搜索" above the breadcrumb), or opening the page above a line of chrome (its site's name, "白鹭县人民政府" ⏎
    "无障碍"), are chrome too."""
    chrome = ("pairs", "line", "site", "value-line")
    first = _first_line(kinds)
    i = 0
    while i < end:
        run = []  # (the run of short lines from i, blank lines within it skipped)
        j = i
        while j < end and (kinds[j] == "blank" or kinds[j] is None and _a_site_word(lines[j])):
            if kinds[j] is None:
                run.append(j)
            j += 1
        if run:
            before = _neighbours(kinds, run[0], end)
            before = before[:1] if before and before[0] < run[0] else []
            after = [n for n in _neighbours(kinds, run[-1], end) if n > run[-1]]
            # (opening the page: over a menu or service line, "无障碍"; not over the metadata, "发布时间：…", a
            # letterhead's unit)
            opening = (not before and bool(after) and run[0] == first
                       and kinds[after[0]] in ("line", "site"))
            if after and (before or opening) and all(kinds[n] in chrome for n in before + after):
                for n in run:
                    kinds[n] = "site"
        i = max(j, i + 1)


def _first_line(kinds: list) -> int:
    return next((i for i, kind in enumerate(kinds) if kind != "blank"), -1)


def _a_site_word(line: str) -> bool:
    """A line short enough for a site's name or a menu item, with no figure and no title's word (but a menu's
    "政务公开", "信息公开": too short for a title)."""
    text = line.strip()
    return (bool(text) and len(text) <= _SITE_NAME and not _DIGIT.search(text)
            and (len(text) <= _MENU_ITEM and text.endswith("公开") or not _TITLE_WORD.search(text)))


def _links_above_the_title(lines: list[str], kinds: list, end: int) -> bool:
    """Other reports' titles (and their dates) above the page's own title, the one right over its metadata line (发布时间,
    来源 …), are a column's links with no list heading ("部门预决算" ⏎ "某局2023年度…自评报告" ⏎ "2024-07-26" ⏎ … ⏎ "本单位
    2023年度…评价报告" ⏎ "发布时间：…"): chrome; so is a column's name of a year there ("2023年部门预决算公开"). The own
    title may be split over two lines, its unit's name over its year ("白鹭县文旅局" ⏎ "2022年度部门整体支出绩效自评报告"),
    or followed by its year alone ("（2023年度）"). True when there were such links."""
    meta = next((i for i in range(end) if kinds[i] == "pairs"), None)
    if meta is None:
        return False
    above = [i for i in range(meta) if kinds[i] is None]
    while above and _YEAR_ALONE.match(lines[above[-1]].strip()):
        above.pop()  # "（2023年度）" under the title
    if not above or above[-1] < meta - 2 or not _REPORT_TITLE.search(lines[above[-1]].strip()):
        return False  # (no title right over the metadata)
    own = first_own = above.pop()
    if above and above[-1] == own - 1 and _YEAR_FIRST.match(_in_digits(lines[own])) and _a_site_word(lines[above[-1]]):
        first_own = above.pop()  # the unit's name over its year's line: the own title's
    links = [i for i in above if _COLUMN_NAME.match(lines[i].strip()) or _a_link_apart(lines, kinds, i, first_own)]
    for i in links:
        kinds[i] = "line"
    return bool(links)


def _a_link_apart(lines: list[str], kinds: list, i: int, own: int) -> bool:
    """Is line i, above the own title's first line `own`, another report's title set apart from it (a date or another
    link between them) or dated (its date on the next line)? The line right over the own title may be its first half or
    its main title ("…2022年度部门整体支出绩效" ⏎ "自评报告", "关于报送…的函" ⏎ "部门整体支出绩效自评报告")."""
    text = _in_digits(lines[i]).strip()
    if len(text) < _LINK_MIN or not _TITLE_UNIT.match(text) or not _REPORT_WORD.search(text):
        return False
    after = next((j for j in range(i + 1, own) if kinds[j] != "blank"), own)
    if _DATE.match(lines[after].strip()):
        return True
    whole = _in_digits(lines[own]).strip()
    if not _TITLE_UNIT.match(whole) and text.endswith(_LEADING_YEAR.sub("", whole)):
        return False  # the page's title over its heading naming no unit ("某局2022年度部门整体…报告" … "部门整体…报告")
    if after < own:
        return True
    # (right over it: a link when both are whole titles, each its unit's and year's: "某局2021年度…报告" ⏎ "本办2021年度…报告")
    return bool(_REPORT_TITLE.search(text) and _TITLE_UNIT.match(whole) and _REPORT_TITLE.search(whole))


_LEADING_YEAR = re.compile(r"^\s*(?:19|20)\d{2}\s*年度?")
# a column's name of a year: "2023年部门预决算公开", "2023年预决算公开专栏"
_COLUMN_NAME = re.compile(r"^(?:19|20)\d{2}\s*年度?\s*(?:部门)?(?:预决算|预算|决算)(?:信息)?公开(?:专栏|专题)?$")
_YEAR_ALONE = re.compile(r"^[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?$")


def _link_lists(lines: list[str], kinds: list, end: int) -> None:
    """The titles under a list heading (热点推荐, 相关链接 …) are other pages' links: chrome. The list may run on into
    the page's own title (no blank line or markup between them): its last title (a unit's report of a year; after it
    only lines naming none, "（2023年度）", a date, a note) is the page's, it and the lines after it stay, when it stands
    right above the page's metadata line (发布时间, 来源 …), or is set apart from the links by a blank line, or the page's
    first lines name its unit (outside the 《documents》 they cite) — and no report title stands in the body below (a
    title there is the page's: the list's are all links). A run of a form's cells ends the list."""
    for i in range(end):
        if kinds[i] != "line" or not _LINK_LIST.match(_unbulleted(lines[i])):
            continue
        items = []
        j = i + 1
        while j < end and kinds[j] in (None, "blank", "site"):
            short = kinds[j] is None and len(_unbulleted(lines[j])) < _LINK_MIN
            if short and (not _LIST_SHORT.match(_unbulleted(lines[j])) or _form_values_follow(lines, j, end)):
                break  # (a form's cells, "编制数" / … / "52", "|": no links; "更多>>", "05-12" under a link are the list's)
            if kinds[j] != "blank":
                items.append(j)
            j += 1
        found = _own_title_at(lines, items)
        if found is not None:
            own, title, last = found
            below = lines[j:end + _BODY_HEAD]
            foot = next((n for n, t in enumerate(below) if _is_chrome_line(t) and _LINK_LIST.match(_unbulleted(t))), None)
            below = below[:foot]  # (the body's first lines, to the links at its foot of a short page)
            titled_below = any(_REPORT_TITLE.search(t) and len(t.strip()) <= _LINK_LINE and not _is_chrome_line(t)
                               for t in below)  # (a title below, not a link: "上一篇：…报告")
            # (right above the metadata: only dates or "（2023年度）" between, not "某表.docx")
            into_metadata = j < end and kinds[j] == "pairs" and all(len(_unbulleted(lines[n])) <= _LINK_MIN
                                                                    for n in items[last + 1:])
            body = CITED.sub("", "\n".join(below))
            if not titled_below and (into_metadata or _set_apart(items, own)
                                     or _names_the_unit_of(title, body)):
                items = items[:own]  # the page's own title and what follows it
        for n in items:
            kinds[n] = "line"


def _own_title_at(lines: list[str], items: list[int]) -> tuple[int, str, int] | None:
    """Which item may be the page's own title: the last naming a unit's report of a year ("某局2021年度…自评报告", "…自评
    情况", "…决算公开"; lines after it name none: a date, "（2023年度）", a note), or a unit's name over the line of its
    year and report ("示例市某局" ⏎ "2022年度部门整体支出绩效自评报告"): (the item, the title's text, its last item);
    None when there is none."""
    for k in range(len(items) - 1, -1, -1):
        text, last = _in_digits(lines[items[k]]), k
        if k + 1 < len(items) and items[k + 1] == items[k] + 1 and not _A_YEAR.search(text):
            rest = _in_digits(lines[items[k + 1]])
            if _YEAR_FIRST.match(rest):
                text, last = text.strip() + rest.strip(), k + 1  # (a title split after its unit's name)
        if len(text) >= _LINK_MIN and _TITLE_UNIT.match(text) and _REPORT_WORD.search(text):
            return None if _NEWS_HEADLINE.search(text) else (k, text, last)
    return None


_YEAR_FIRST = re.compile(r"\s*(?:19|20)\d{2}\s*年")


def year_in_digits(text: str) -> str:
    """A year in Chinese numerals written in digits ("二〇二三年度" → "2023年度")."""
    return CN_YEAR.sub(lambda m: m.group().translate(_CN_YEAR_DIGITS), text) if "年" in text else text


def _in_digits(line: str) -> str:
    """The line unbulleted, a year written in numerals in digits."""
    return year_in_digits(_unbulleted(line))


def _form_values_follow(lines: list[str], j: int, end: int) -> bool:
    """Does a form's value ("52", "100%", "4753.66万元"; not a date, "05-12") stand within the next few lines?"""
    near = [t for t in (line.strip() for line in lines[j + 1:min(end, j + 12)]) if t][:_CELLS_LOOKED_AT]
    return any(_FORM_VALUE.match(t) for t in near)


# A short line of a list of links: a date under a link, "更多>>", the heading of the next list ("图片新闻")
_LIST_SHORT = re.compile(r"\d{1,4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?$|更多|[\u4e00-\u9fff]{0,5}(?:新闻|信息|推荐|文章|阅读|链接|专题|动态|公告|排行|导读)$")
# A year in Chinese numerals, not a date's (二〇二四年三月); 〇, 零, a circle ○ or a letter O for zero: what typists use.
CN_YEAR = re.compile(r"[一二][〇零○O０一二三四五六七八九]{3}(?=\s*年(?!\s*[一二三四五六七八九十]{1,2}\s*月))")
_CN_YEAR_DIGITS = str.maketrans("〇零○O０一二三四五六七八九", "00000123456789")
_CELLS_LOOKED_AT = 6
_FORM_VALUE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?\s*(?:%|％|万元|元)?$")
_REPORT_WORD = re.compile(r"绩效|自评|评价|决算|预算|报告")
CITED = re.compile(r"《[^》]*》")  # a cited document's title


def _set_apart(items: list[int], k: int) -> bool:
    """Is item k of a list (line numbers) set apart from the links above it by a blank line, the links themselves
    line after line ("相关文章：" / link / link / "" / the page's title)?"""
    return k >= 2 and items[k] - items[k - 1] > 1 and all(b - a == 1 for a, b in zip(items[:k - 1], items[1:k]))


_LINK_MIN = 8  # characters of a link's title, at least
_BODY_HEAD = 30  # lines of the body where its first sentences name the unit
_TITLE_UNIT = re.compile(r"^\s*(?:\d{3,}\s*[-－—_]\s*)?(?P<unit>[^\d，。,]{2,40}?)\s*(?:19|20)\d{2}"  # "某局2023年度…",
                         r"|^\s*(?:19|20)\d{2}\s*年度?\s*(?P<after>(?!度|部门|单位|整体|绩效|预算|决算)[^\d，。,]{2,40}?)"  # "2023年度某局…"
                         r"(?:部门|单位|整体|绩效|预算|决算)")
_PLACE_END = re.compile(r"[省市县区州盟旗]|政府")  # (where a place's name, or a government's, ends inside a unit's)


def _names_the_unit_of(title: str, body: str) -> bool:
    """Does `body` name the unit a report's title names before its year, in full or from after a place's name ("示例市
    青川区教育局" → "青川区教育局", "教育局"; "某市某区人民政府花地街道办事处" → "花地街道办事处"), and the title's year when
    it names any? (A finance bureau names none: every report names the one that organised its evaluation.)"""
    text = _unbulleted(title)
    m = _TITLE_UNIT.match(text)
    year = _A_YEAR.search(text)
    if m is None or year is None or year.group() not in body and _A_YEAR.search(body):
        return False  # (the body's years are others': a link to another year's report)
    unit = (m["unit"] or m["after"]).strip()
    names = [unit] + [unit[p.end():] for p in _PLACE_END.finditer(unit)]
    return not _FINANCE.search(unit) and any(len(name) >= 3 and name in body for name in names)


_A_YEAR = re.compile(r"(?:19|20)\d{2}")
_FINANCE = re.compile(r"财政(?:局|厅|部)$")


_A_REPORTS_TITLE = re.compile(r"\S{2,40}?(?:19|20)\d{2}\s*年度?\S{0,30}?(?:绩效|自评|评价)\S{0,12}?(?:报告|报告书|自评表|评价表)$")
_NEWS_HEADLINE = re.compile(r"召开|举办|举行")
_REPORT_TITLE = re.compile(r"(?:报告|报告书|自评表|评价表)\s*(?:[（(][^（）()]{0,12}[)）])?\s*$")


def _link_tail(lines: list[str], start: int) -> int:
    """Where the links at a page's foot begin (上一篇：…, 相关文章 and the titles under it, the
    footer), after line `start`; len(lines) when the page ends with none. Everything from there
    to the end is links, chrome or short lines with no sentence in them."""
    at = len(lines)
    for i in range(len(lines) - 1, start - 1, -1):
        text = _unbulleted(lines[i])
        if _NEIGHBOUR_LINK.match(text) or _LINK_LIST_ITEM.match(text) or _LINK_LIST.match(text):
            at = i
        elif text and (len(text) > _LINK_LINE or "。" in text or LIST_MARKER.match(text)) \
                and not _is_chrome_line(text):
            break  # the report's own text
    return at


def chrome_paragraphs(texts: list[str]) -> list[Paragraph]:
    """Chrome lines a reader set apart (an HTML page's meta line) in `Document.chrome`'s form."""
    out: list[str] = []
    for text in texts:
        pairs = _pairs(text)
        out.extend(_chrome_text(pairs) if pairs else [text.strip()])
    return [Paragraph(t) for t in dict.fromkeys(out) if t]


# A document-sharing site shows a document's text in numbered chunks ("1、…", "2、…"), each cut
# wherever the page of the preview ended — in the middle of a word or a figure ("预算支出910.4" /
# "2、7万元").
_PREVIEW = re.compile(r"由会员分享|珍藏版|免费预览")
_CHUNK = re.compile(r"^(\d{1,3})、")
_MIN_CHUNK = 60  # a chunk is a page of text, not a list item


def join_preview_chunks(chrome: list[str], lines: list[str]) -> list[str]:
    """On a document-sharing site's page (its chrome says so), the numbered chunks 1、2、3… of the
    document's text joined back into one text where they were cut; other pages as they are."""
    if not any(_PREVIEW.search(c) for c in chrome):
        return lines
    out: list[str] = []
    expected = 1
    for line in lines:
        m = _CHUNK.match(line.strip())
        if m and int(m.group(1)) == expected and len(line.strip()) >= _MIN_CHUNK:
            text = line.strip()[m.end():]
            if expected == 1:
                out.append(text)
            else:
                out[-1] += text
            expected += 1
        elif expected > 1 and not line.strip():
            continue  # blank lines between chunks
        else:
            out.append(line)
            if line.strip():
                expected = 1 if expected == 1 else -1  # chunks stop at the first other line
    return out

