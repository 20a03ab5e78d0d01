"""perflib: read, check and narrate 部门整体支出绩效评价报告."""

__version__ = "0.3.0"
