"""Test helpers shared by every app's tests: factories for people and the permission matrix."""
