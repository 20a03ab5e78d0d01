"""The record a report is parsed into, and the figures it is made of.

Money is Decimal in 万元, keeping the precision the report stated it with
(``Decimal("930.80")`` knows it is exact to the cent, ``Decimal("1.5E+4")``
from "1.5亿元" knows it is only exact to 1000 万元). Rounding to 2 decimals
happens only when a figure leaves perflib (JSON, CSV, HTML).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from decimal import Decimal

SCHEMA = 2
TASK_SUMS = ("tasks.funds_sum", "tasks.project_funds_sum")  # the tasks' funds together; those of projects only
BLOCK_FIELDS = (
    "count",
    "initial_budget",
    "adjusted_budget",
    "actual",
    "adjustment",
    "adjustment_rate",
    "completion_rate",
)
BLOCKS = ("overall", "projects", "basic")
MONEY_FIELDS = ("initial_budget", "adjusted_budget", "actual", "adjustment")


@dataclass
class Block:
    """Figures of one spending block (overall, projects or basic) as stated."""

    count: int | None = None
    initial_budget: Decimal | None = None
    adjusted_budget: Decimal | None = None
    actual: Decimal | None = None
    adjustment: Decimal | None = None
    adjustment_rate: Decimal | None = None
    completion_rate: Decimal | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


@dataclass
class Task:
    no: int
    text: str
    funds: Decimal | None = None

    @property
    def of_basic_spending(self) -> bool:
        """Is the task the unit's running (保障机关正常运转, 人员工资及日常公用经费): its funds basic spending, no project's?
        (Not others' wages it pays for: "保障基层卫生院人员工资".)"""
        # (a word every match holds looked for first: most tasks have none, and the full pattern, opening with
        # look-behinds, is tried at every character where this one's engine skips to its first characters)
        if not BASIC_SPENDING_WORD.search(self.text):
            return False
        m = BASIC_SPENDING_TASK.search(self.text)
        return m is not None and not OTHERS_BEFORE.search(self.text, max(0, m.start() - 6), m.start())


# The words of a task that is the unit's own running, its basic spending (not "保障村级组织正常运转", a 乡镇's project,
# nor "保障中小学校正常运转，落实生均公用经费", an education bureau's funds for its schools; nor "乡村医生人员经费补助",
# "压减基本支出保民生").
OTHERS_BEFORE = re.compile(r"卫生院|卫生室|学校|医院|村|社区|乡镇|教师|医生|基层")
BASIC_SPENDING_TASK = re.compile(r"(?<!压减)(?<!压缩)(?<!节约)(?:人员(?:工资|经费)|工资福利|日常公用经费|基本支出"
                                 r"|(?:机关|本级|本单位|本部门)的?(?:正常|日常)?运转)(?!补助|补贴)")
BASIC_SPENDING_WORD = re.compile(r"人员|工资福利|日常公用经费|基本支出|运转")  # (one of them in every match of it)


@dataclass
class Unread:
    """A money amount the report states that no field took, and the sentence it stands in."""

    text: str
    amount: Decimal  # 万元


@dataclass
class Indicator:
    """One row of the 绩效指标 table, as written (`met` judged from target and actual)."""

    name: str                     # 三级指标
    level1: str | None = None     # 一级指标: 产出指标 / 效益指标 / 满意度指标 / 成本指标 …
    level2: str | None = None     # 二级指标: 数量指标 / 质量指标 / 时效指标 …
    target: str | None = None     # 年度指标值
    actual: str | None = None     # 实际完成值
    weight: Decimal | None = None  # 分值
    score: Decimal | None = None  # 得分
    met: bool | None = None       # None: undecidable from what is written
    reason: str | None = None     # 偏差原因分析及改进措施


INDICATOR_FIELDS = ("level1", "level2", "name", "target", "actual", "weight", "score", "met", "reason")


@dataclass
class Source:
    path: str
    format: str  # "txt" | "pdf" | "docx" | "doc" | "html" | "xlsx" | "xls"
    encoding: str | None
    sha256: str
    pages: int | None = None
    ocr: list[int] = field(default_factory=list)  # pages read by OCR
    # the heading of the section the record was read from (a 部门整体支出绩效自评 section inside a
    # 决算 disclosure); None: the whole document
    section: str | None = None


@dataclass
class Check:
    id: str
    status: str  # "ok" | "warn" | "fail" | "skip"
    stated: Decimal | None
    computed: Decimal | None
    message: str
    unit: str = "money"  # "money" (万元) or "percent"


@dataclass
class Record:
    source: Source
    text: str = ""  # the normalized text every evidence sentence is quoted from
    department: str | None = None
    year: int | None = None
    overall: Block = field(default_factory=Block)
    projects: Block = field(default_factory=Block)
    basic: Block = field(default_factory=Block)  # 基本支出, when stated separately
    tasks: list[Task] = field(default_factory=list)
    rating: str | None = None
    score: Decimal | None = None
    indicators: list[Indicator] = field(default_factory=list)  # the 绩效指标 table, in order
    # The 预算执行率 row of a 自评表 that scores budget execution (分值 / 得分): part of the 100 points.
    budget_execution: Indicator | None = None
    problems: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    evidence: dict[str, str] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kind: str = "department"  # department | project | final_accounts | attachment_only | other
    unread: list[Unread] = field(default_factory=list)
    # Hand corrections (perflib/corrections.py): the fields they set, and what became of each row.
    corrected: list[str] = field(default_factory=list)
    correction_outcomes: list = field(default_factory=list)
    # The money figures a table gave: "overall.actual" → (the table's number, its unit in doubt: none
    # stated, or noted above an earlier table). Not output: for the magnitude check of parse.py.
    from_table: dict = field(default_factory=dict, repr=False, compare=False)
    # The grade bands the report states for its score ("85分（含）以上为优，70（含）至85分为良…"): grade → its lowest
    # score, and the sentence. Not output (no figure: not in `evidence`): for the check rating.matches_score.
    bands: dict = field(default_factory=dict, repr=False, compare=False)
    bands_sentence: str = field(default="", repr=False, compare=False)
    # Figures read and then set aside (they broke an identity, a unit was in doubt): "overall.actual" → why.
    # Not output: a check that cannot use them says so, not that the report does not state them.
    withheld: dict = field(default_factory=dict, repr=False, compare=False)
    # Tables read as one project's form or another unit's (understand/tables.py): not output; their rows (a 自评等级,
    # a 总分) are no rating or score of the unit's.
    others_forms: list = field(default_factory=list, repr=False, compare=False)

    def block(self, name: str) -> Block:
        if name not in BLOCKS:
            raise KeyError(name)
        return getattr(self, name)

    def figure(self, name: str) -> Decimal | None:
        """A stated figure by its check name: "overall.actual"; "tasks.funds_sum" is the sum of
        the funds stated for the tasks, "tasks.project_funds_sum" of those that are no basic spending."""
        if name == "score":
            return self.score
        if name in TASK_SUMS:
            funds = [t.funds for t in self.funded_tasks(name)]
            return sum(funds, Decimal(0)) if funds else None
        block, field_name = name.split(".")
        return getattr(self.block(block), field_name)

    def funded_tasks(self, name: str = "tasks.funds_sum") -> list[Task]:
        """The tasks with funds a sum of TASK_SUMS adds up."""
        return [t for t in self.tasks if t.funds is not None
                and (name == "tasks.funds_sum" or not t.of_basic_spending)]

    def has_budget_figure(self) -> bool:
        return any(
            getattr(b, f) is not None
            for b in (self.overall, self.projects, self.basic)
            for f in MONEY_FIELDS
        )
