"""Tests of perflib.understand (a package, so test files may share names across folders)."""
