"""The page exporter: nbconvert's HTMLExporter minus its BeautifulSoup pass, which perflib's pages
never need. The page must be the one nbconvert's own exporter gives, written out as the template
wrote it rather than as BeautifulSoup re-writes it (`<br>`, not `<br/>`)."""
import copy

import nbformat
from bs4 import BeautifulSoup
from nbconvert import HTMLExporter

from perflib.run import render


def _notebook(*outputs) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("display(x)")
    cell.outputs = [nbformat.v4.new_output("display_data", data=data) for data in outputs]
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def _pages(nb) -> tuple[str, str]:
    """(perflib's exporter, nbconvert's own HTMLExporter with perflib's settings) on copies of nb."""
    exporter = render._exporter()
    resources = {"metadata": {"name": "t"}}
    ours, _ = exporter.from_notebook_node(copy.deepcopy(nb), resources=dict(resources))
    stock, _ = HTMLExporter.from_notebook_node(exporter, copy.deepcopy(nb), resources=dict(resources))
    return ours, stock


def test_a_page_is_what_nbconverts_exporter_gives():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text x="1" y="9">预算 &amp; 支出</text></svg>'
    nb = _notebook({"text/html": '<section class="pl-summary"><p>执行率 <b>98.50%</b><br>a &lt; b</p></section>'},
                   {"image/svg+xml": svg, "text/plain": "<Chart>"},
                   {"text/plain": "x < y & z"})
    ours, stock = _pages(nb)
    assert "预算 &amp; 支出" in ours and "<br>" in ours and "<img" not in ours
    assert ours != stock  # the pass re-writes every page…
    assert str(BeautifulSoup(ours, features="html.parser")) == stock  # …and changes nothing else


def test_an_image_without_alt_still_gets_nbconverts_alt():
    """A page that nbconvert's pass would change still goes through it."""
    nb = _notebook({"text/html": '<p><img src="data:image/png;base64,iVBORw0KGgo="></p>'})
    ours, stock = _pages(nb)
    assert 'alt="No description has been provided for this image"' in ours
    assert ours == stock
