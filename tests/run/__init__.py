"""Tests of perflib.run (a package, so test files may share names across folders)."""
