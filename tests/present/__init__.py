"""Tests of perflib.present (a package, so test files may share names across folders)."""
