"""Tests of perflib.check (a package, so test files may share names across folders)."""
