"""Bytes a phone downloads on a first load — the home page (anonymous and signed in) and a public
service's page — against the 150 KB budget.

Not a test: loads each page in Debian's chromium (Playwright, 360×740, empty cache) from gunicorn with
production settings (whitenoise serving the compressed, hashed static files) and records every
response's transferred size — headers plus encoded body — split into HTML, CSS, JS and other,
in docs/benchmarks.md.

    .venv/bin/python bench/page_weight.py [--skip-seed] [--no-doc]
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    BENCH_VAR,
    Gunicorn,
    log,
    machine,
    now_local,
    prepare,
    require_binary,
    sign_in,
    versions,
)
from _common import doc_section_replace as write_section  # noqa: E402

BUDGET_BYTES = 150 * 1000  # product.md: "a first load well under 150 KB transferred"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JS"}


def kind_of(response) -> str:
    return KINDS.get(response.request.resource_type, "other")


SERVICE_PAGE = "/layanan/akta-kelahiran/"


def load(browser, base_url: str, cookies: dict[str, str] | None, path: str = "/") -> dict:
    """One cold load of ``path``: every response with its transferred bytes."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="id-ID",
        is_mobile=True,
        has_touch=True,
    )
    if cookies:
        context.add_cookies([{"name": k, "value": v, "url": base_url} for k, v in cookies.items()])
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base_url + path, wait_until="networkidle")
    greeting = page.get_by_role("heading", level=1).first.inner_text()
    rows = []
    for response in responses:
        response.finished()  # sizes are only final once the body is in
        sizes = response.request.sizes()
        headers = response.all_headers()
        rows.append(
            {
                "path": urlsplit(response.url).path,
                "kind": kind_of(response),
                "status": response.status,
                "encoding": headers.get("content-encoding", "identity"),
                "cache_control": headers.get("cache-control", "none"),
                "headers": sizes["responseHeadersSize"],
                "body": sizes["responseBodySize"],
                "raw": len(response.body()) if response.status == 200 else 0,
                "accept_encoding": response.request.all_headers().get("accept-encoding", ""),
            }
        )
    context.close()
    return {"greeting": greeting, "rows": rows}


def gzip_body(path: str, static_root: Path) -> int | None:
    """The .gz whitenoise sends a browser that accepts gzip but not brotli (older phones)."""
    if not path.startswith("/static/"):
        return None
    candidate = static_root / (path.removeprefix("/static/") + ".gz")
    return candidate.stat().st_size if candidate.exists() else None


def summarise(name: str, result: dict, static_root: Path) -> tuple[str, int, int]:
    totals: dict[str, list[int]] = {}
    lines = []
    total_gz = 0
    order = ["HTML", "CSS", "JS", "other"]
    for row in sorted(result["rows"], key=lambda r: (order.index(r["kind"]), r["path"])):
        transferred = row["headers"] + row["body"]
        gz = gzip_body(row["path"], static_root)
        with_gz = row["headers"] + (gz if gz is not None else row["body"])
        total_gz += with_gz
        bucket = totals.setdefault(row["kind"], [0, 0, 0])
        bucket[0] += 1
        bucket[1] += transferred
        bucket[2] += row["raw"]
        lines.append(
            f"| {name} | `{row['path']}` | {row['kind']} | {row['status']} | {row['encoding']} | "
            f"{transferred:,} | {row['raw']:,} | {with_gz:,} |"
        )
    total = sum(b[1] for b in totals.values())
    split = ", ".join(
        f"{kind} {totals[kind][1] / 1000:.1f} KB"
        for kind in ("HTML", "CSS", "JS", "other")
        if kind in totals
    )
    summary = (
        f"| {name} | **{total / 1000:.1f} KB** | {split} | {total / BUDGET_BYTES:.0%} | "
        f"{total_gz / 1000:.1f} KB | {len(result['rows'])} |"
    )
    return summary + "\n" + "\n".join(lines), total, total_gz


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-seed", action="store_true", help="reuse the data already there")
    parser.add_argument("--fresh", action="store_true", help="drop balaikota_bench first")
    parser.add_argument("--no-doc", action="store_true", help="print only; leave the doc alone")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    args = parser.parse_args()
    require_binary(CHROMIUM, "apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    prepared = prepare(skip_seed=args.skip_seed, fresh=args.fresh)
    static_root = BENCH_VAR / "static"
    results = {}
    with Gunicorn(prepared.env, workers=args.workers) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        chromium_version = browser.version
        log("loading / anonymous")
        results["anonymous"] = load(browser, server.base_url, None)
        cookies = sign_in(server.base_url, prepared.user)
        log("loading / signed in")
        results["signed in (ASN)"] = load(
            browser, server.base_url, {"sessionid": cookies["sessionid"]}
        )
        log(f"loading {SERVICE_PAGE} anonymous")
        results[f"service page {SERVICE_PAGE}"] = load(browser, server.base_url, None, SERVICE_PAGE)
        browser.close()
        gunicorn_command = server.command()

    summaries, details, figures = [], [], []
    for name, result in results.items():
        block, total, total_gz = summarise(name, result, static_root)
        summary, *rows = block.splitlines()
        summaries.append(summary)
        details.extend(rows)
        figures.append((name, total, total_gz))
        log(f"{name}: {total:,} bytes transferred ({total_gz:,} gzip-only); {result['greeting']!r}")
    accept = results["anonymous"]["rows"][0]["accept_encoding"]
    static_rows = [r for r in results["anonymous"]["rows"] if r["path"].startswith("/static/")]
    static_encodings = sorted({r["encoding"] for r in static_rows})
    static_caching = sorted({r["cache_control"] for r in static_rows})
    vers = versions(prepared.env)
    box = machine()
    invocation = ".venv/bin/python bench/page_weight.py" + (
        " " + shlex.join(sys.argv[1:]) if sys.argv[1:] else ""
    )
    verdict = "within" if all(total <= BUDGET_BYTES for _n, total, _b in figures) else "**over**"
    markdown = f"""
## Page weight of a first load (`bench/page_weight.py`)

Measured {now_local()} with `{invocation}`: a cold load (empty cache) of `/` (anonymous and
signed in) and of the service page `{SERVICE_PAGE}` (anonymous) in headless
Chromium {chromium_version} at 360×740, from `{gunicorn_command}` with
`balaikota.settings.production` (whitenoise, `CompressedManifestStaticFilesStorage`). Bytes are
what crossed the wire: response headers plus encoded body, as Chromium reports them
(`Request.sizes()`). Budget (product.md, issue 11): a first load well under 150 KB — the loads
are {verdict} it.

| load | transferred | split | of 150 KB | gzip-only browser | responses |
|---|---:|---|---:|---:|---:|
{chr(10).join(summaries)}

Chromium sent `Accept-Encoding: {accept}`; whitenoise answered the static files with
`Content-Encoding: {", ".join(static_encodings)}` from the precompressed copies `collectstatic`
wrote. "Gzip-only browser" replaces each static body with its `.gz` copy, what an older phone
that does not accept brotli downloads (headers unchanged). The HTML leaves gunicorn uncompressed
(no `GZipMiddleware`); a TLS proxy that compresses `text/html` would shrink it further. The
static files came with `Cache-Control: {"`, `".join(static_caching)}` (hashed names), so later
pages cost little more than their HTML.

| load | path | kind | status | encoding | transferred bytes | decoded bytes | gzip-only |
|---|---|---|---:|---|---:|---:|---:|
{chr(10).join(details)}

Machine: {box["nproc"]} CPUs, {box["memory"]} RAM. Versions: commit {vers["commit"]}; Django
{vers["django"]}, whitenoise {vers["whitenoise"]}, gunicorn {vers["gunicorn"]}.
"""
    print(markdown)
    if not args.no_doc:
        write_section("page_weight", markdown)


if __name__ == "__main__":
    main()
