"""A department's sector (行业: 教育, 卫生健康, 街道/乡镇 …) from its full name; the words are data
(sectors.toml, beside the lexicon), the rule is here: set the leading places aside, then the word
that ends nearest the end of the name wins, the longer on a tie, then the sector listed first."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

from ..regions import leading_places


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern, dict[str, str], str]:
    data = tomllib.loads(resources.files("perflib.understand").joinpath("sectors.toml").read_text(encoding="utf-8"))
    owner: dict[str, str] = {}
    for sector in data["sector"]:
        for word in sector["words"]:
            owner.setdefault(word, sector["name"])  # a word listed twice keeps its first sector
    # Longest first, so at one position the longer word is found (镇人民政府 before 镇).
    pattern = re.compile("|".join(re.escape(w) for w in sorted(owner, key=len, reverse=True)))
    return pattern, owner, data["other"]


def sectors() -> list[str]:
    """Every sector, in the table's order, 其他 last."""
    _, owner, other = _table()
    return list(dict.fromkeys(owner.values())) + [other]


def sector_of(department: str | None) -> str:
    pattern, owner, other = _table()
    if not department:
        return other
    name = department.strip()
    name = name[leading_places(name)[1]:]
    best = None  # (end, length) of the winning word
    for start in range(len(name)):  # every match, overlapping ones too
        m = pattern.match(name, start)
        if m and (best is None or (m.end(), len(m.group())) > best[0]):
            best = ((m.end(), len(m.group())), m.group())
    return owner[best[1]] if best else other
