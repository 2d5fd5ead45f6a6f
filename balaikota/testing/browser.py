"""Browser-test fixtures (Playwright driving Debian's chromium). Filled in by the browser tests' author."""
