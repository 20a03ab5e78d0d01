"""What a new user meets first: `perflib --version` and a help line for every argument."""
import argparse
import subprocess
import sys
import tomllib

from paths import ROOT
from perflib import __version__
from perflib.cli import build_parser


def test_version_matches_the_package():
    proc = subprocess.run([sys.executable, "-m", "perflib.cli", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"perflib {__version__}"
    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"] == __version__


def _parsers(parser):
    yield "perflib", parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield f"perflib {name}", sub


def test_every_argument_has_a_help_line():
    missing = []
    for prog, parser in _parsers(build_parser()):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                missing += [f"{prog} {c.dest}" for c in action._choices_actions if not c.help]
            if not action.help or action.help == argparse.SUPPRESS:
                missing.append(f"{prog} {action.dest}")
    assert missing == []


def test_batch_help_names_the_corrections_default():
    help_text = subprocess.run([sys.executable, "-m", "perflib.cli", "batch", "--help"], capture_output=True,
                               text=True, encoding="utf-8").stdout
    assert "--corrections FILE" in help_text and "corrections.csv in the source folder" in " ".join(help_text.split())
