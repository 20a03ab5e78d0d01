"""environment.yml and pyproject.toml list the same dependencies; committed notebooks carry no outputs."""
import json
import re
import tomllib

from paths import ROOT


def _names(specs):
    return {re.split(r"[<>=!\[ ]", s.strip(), maxsplit=1)[0].lower().replace("_", "-") for s in specs}


def test_environment_yml_matches_pyproject():
    import yaml

    py = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = _names(py["dependencies"]) | _names(py["optional-dependencies"]["test"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    listed = set()
    for dep in env["dependencies"]:
        listed |= _names(dep["pip"]) if isinstance(dep, dict) else _names([dep])
    listed -= {"python", "pip"}
    assert wanted - listed == set(), "in pyproject.toml but not in environment.yml"
    assert listed - wanted == set(), "in environment.yml but not in pyproject.toml"


def test_committed_notebooks_have_no_outputs():
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell.get("outputs") == [] and cell.get("execution_count") is None, path.name
        tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
        assert len(tagged) == 1, f"{path.name}: one cell tagged 'parameters'"
