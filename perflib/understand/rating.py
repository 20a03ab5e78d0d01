"""Stage 3, the self-evaluation: rating (优/良/中/差, also 优秀/良好/中等/较差) and score (自评得分 N 分)."""
from __future__ import annotations

import re
from decimal import Decimal

from ..model import Record
from ..read.normalize import sentences
from .lexicon import LEX

_RATING_WORDS = LEX.rating_words
_RATING_CUE = LEX.rating_cue  # groups word_0, word_1 …: the rating word of each cue
# Every cue's `word` is one of the rating words: a paragraph naming none has no cue (a quick
# scan first: the cues' first characters 自/评/等 … are in most paragraphs, 优/良/中/差 in few).
_RATING_WORD = re.compile("|".join(re.escape(w) for w in _RATING_WORDS))
_SCORE_PREFIX = LEX.score_prefix
_SCORE_CONTEXT = LEX.score_context
_SCORE_WORD = rf"(?:{_SCORE_PREFIX.pattern}|得分|评分)"
_SCORE = re.compile(rf"{_SCORE_WORD}\s*(?:为|是|:|：|达到|共)?\s*(?P<s>\d{{1,3}}(?:\.\d+)?)\s*分"
                    r"|(?:自评|综合|评价|考评|最终)(?:得分|评分)\s*[:：]?\s*(?P<t>\d{1,3}(?:\.\d+)?)(?=\s|$)")


def read_rating(paragraphs: list[str], rec: Record) -> None:
    for para in paragraphs:
        if rec.rating is not None:
            break
        if not _RATING_WORD.search(para) or not _RATING_CUE.search(para):
            continue  # (a paragraph with no cue has no sentence with one)
        for sent in sentences(para):
            m = _RATING_CUE.search(sent)
            if m:
                rec.rating = _RATING_WORDS[next(w for w in m.groupdict().values() if w)]
                rec.evidence["rating"] = sent
                break
    # The overall score: 自评得分 / 综合得分 / 总分 first; a bare 得分 only next to the self-evaluation
    # (an indicator's 得分 is not the report's score).
    scored = [sentences(para) for para in paragraphs if "分" in para and _SCORE.search(para)]
    for bare in (False, True):
        for sents in scored:
            for sent in sents:
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
