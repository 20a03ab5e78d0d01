"""Tests of perflib.read (a package, so test files may share names across folders)."""
