"""Stage 3, the self-evaluation: rating (优/良/中/差, also 优秀/良好/中等/较差) and score (自评得分 N 分)."""
from __future__ import annotations

import re
from decimal import Decimal

from ..model import Record
from ..read.normalize import sentences

_RATING_WORDS = {"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中", "较差": "差", "差": "差"}
_AFTER = r"(?=[”\"」』。，,；;、\s）)]|$)"
_Q = r"[“\"「『]"
_RATING = re.compile(
    r"(?:等级|结果|结论|级别)(?:\s*(?:为|是|:|：|评定为|确定为|被评为|评为)\s*" + _Q + r"?|\s*" + _Q + r"|\s+)"
    r"(?P<r1>优秀|良好|中等|较差|优|良|中|差)[”\"」』]?" + _AFTER
    + r"|(?:自评|评定为|评为|评价为|定为)\s*" + _Q + r"?(?P<r2>优秀|良好|中等|较差|优|良|差)[”\"」』]?" + _AFTER
    + r"|(?:自评|评定为|评为|评价为|定为)\s*" + _Q + r"(?P<r3>中)[”\"」』]"
    + r"|(?:评定为|评为|评价为|定为)\s*(?P<r4>中)" + _AFTER + r"|自评\s*(?P<r5>中)(?=。|$)"
)
_SCORE_PREFIX = re.compile(r"(?:自评|综合|评价|考评|绩效|最终)(?:得分|评分|总分)|总得分")
_SCORE_CONTEXT = re.compile(r"自评|评价|等级|综合")
_SCORE_WORD = r"(?:(?:自评|综合|评价|考评|绩效|最终)(?:得分|评分|总分)|总得分|得分|评分)"
_SCORE = re.compile(rf"{_SCORE_WORD}\s*(?:为|是|:|：|达到|共)?\s*(?P<s>\d{{1,3}}(?:\.\d+)?)\s*分"
                    r"|(?:自评|综合|评价|考评|最终)(?:得分|评分)\s*[:：]?\s*(?P<t>\d{1,3}(?:\.\d+)?)(?=\s|$)")


def read_rating(paragraphs: list[str], rec: Record) -> None:
    for para in paragraphs:
        for sent in sentences(para):
            if rec.rating is None:
                m = _RATING.search(sent)
                if m:
                    rec.rating = _RATING_WORDS[next(g for g in m.groups() if g)]
                    rec.evidence["rating"] = sent
    # The overall score: 自评得分 / 综合得分 / 总分 first; a bare 得分 only next to the self-evaluation
    # (an indicator's 得分 is not the report's score).
    for bare in (False, True):
        for para in paragraphs:
            for sent in sentences(para):
                if rec.score is not None:
                    return
                for m in _SCORE.finditer(sent):
                    prefixed = bool(_SCORE_PREFIX.match(sent, m.start()))
                    if prefixed == bare or (bare and not _SCORE_CONTEXT.search(sent)):
                        continue
                    value = Decimal(m["s"] or m["t"])
                    if value <= 100:
                        rec.score = value
                        rec.evidence["score"] = sent
                        break
