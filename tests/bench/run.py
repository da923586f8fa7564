"""`make bench`: the generator's cost against MkDocs' own, from ×1 to ×100 (or ×1000) of the site.

For each scale, in one run and side by side:

(a) our generator alone, in a fresh interpreter: load + validate (`load_knowledge`), render
    (`render_site`), exports (claims.json and claims.csv) and the hand-written pages' macros;
(b) the full `mkdocs build` of the corpus, with the hook;
(c) the floor: plain `mkdocs build` (no hook) of the very same pages, written out beforehand by
    `python -m macros generate` (the code path engines without hooks use), with the same theme,
    plugins, Markdown extensions and navigation;
(d) the peak memory (maximum resident set size) of each of those processes.

Also: the largest HTML page and the search index at every scale, the page weight of a topic page of
the real site (compressed, with every asset a first visit loads), and the live-reload latency of
`mkdocs serve --livereload` after one claim's statement is saved. The results are written to
BENCHMARKS.md (and, as data, to a JSON file that `make bench-1000` adds its section from).

Timings take the best of several runs at small scales: other work on the machine only ever adds time.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import cProfile
import gc
import gzip
import io
import json
import os
import platform
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from tests.bench.corpus import REPO, CorpusStats, generate

MKDOCS = Path(sys.executable).parent / "mkdocs"
RESULTS = REPO / "tests" / "bench" / "results.json"
RESULTS_1000 = REPO / "tests" / "bench" / "results-1000.json"
REPORT = REPO / "BENCHMARKS.md"

# Targets (issues 7 and 15).
MAX_OVERHEAD = 1.10  # (b) / (c), CPU time, at the real site, ×1, ×10 and ×100
MAX_NONLINEARITY = 1.2  # (a) at ×100 against 10 × (a) at ×10, and ×1000 against 10 × ×100
MAX_BUILD_NONLINEARITY = 1.2  # (b) at ×1000 against 10 × (b) at ×100
MAX_PEAK_MB_1000 = 16_000  # (b) at ×1000
MAX_PAGE_BYTES = 500_000  # every HTML page, at every scale
MAX_SEARCH_INDEX_BYTES = 10_000_000  # at ×100
MAX_SERVE_RATIO = 1.10  # edit shown with the hook / with plain MkDocs serving the same pages
MAX_TOPIC_PAGE_BYTES = 150_000  # a first visit to any page, gzip, at every scale
GZIP_LEVEL = 6  # what web servers typically use

BUILD_TIMEOUT = 7200.0
SERVE_TRIALS = 3
# Hook, plain, hook, plain, …: a busy spell on the machine then slows both alike. More rounds at
# ×1, where a rebuild takes about a second and the watcher notices a save 0 to 0.5 s after it is
# made (it polls twice a second), so that the best trials of each side are about as lucky.
SERVE_ROUNDS = {1: 4, 10: 2}
SERVE_SCALES = tuple(SERVE_ROUNDS)  # the scales whose live preview is measured
POLL_SECONDS = 0.02
SERVE_TIMEOUT = 120.0


def _env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
    for name in ("SITE_URL", "SITE_REPO_URL"):
        env.pop(name, None)
    return env


# -- processes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float  # user + system CPU seconds of the process: what other load on the machine
    # changes least (wall time also waits for the other engineers' processes)
    peak_mb: float  # maximum resident set size of the process
    returncode: int


def run_process(command: list[str], *, cwd: Path, log: Path, timeout: float = BUILD_TIMEOUT) -> Run:
    """Run a command to completion: wall time, and its own peak memory (from wait4's rusage)."""
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=_env())
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, proc.returncode)


def _checked(run: Run, what: str, log: Path) -> Run:
    if run.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"{what} failed with exit code {run.returncode}:\n{tail}")
    return run


def mkdocs_build(project: Path, site: Path, log: Path) -> Run:
    command = [str(MKDOCS), "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    return _checked(run_process(command, cwd=project, log=log), f"mkdocs build of {project}", log)


# -- (a): the generator alone, in a child process ------------------------------------------------


def generator_phase(root: Path, floor: Path | None, profile: Path | None) -> dict[str, Any]:
    """Time load + validate, render, exports and hand-written pages; optionally write the floor."""
    started = time.perf_counter()
    from macros.core.project import load_knowledge
    from macros.pages.exports import claims_csv, claims_json
    from macros.pages.plan import SitePlan
    from macros.pages.render import render_hand_written, render_site

    imported = time.perf_counter()
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    t0, cpu0 = time.perf_counter(), time.process_time()
    kb = load_knowledge(root)
    gc.freeze()  # as the hook does once the knowledge base is loaded
    t1 = time.perf_counter()
    plan = SitePlan(kb)
    pages = render_site(plan)
    t2 = time.perf_counter()
    exports = [claims_json(plan), claims_csv(plan), *_schema_files().values()]
    t3 = time.perf_counter()
    hand_written = [render_hand_written(plan, p.src_uri, p.markdown) for p in kb.pages]
    t4, cpu4 = time.perf_counter(), time.process_time()
    if profiler and profile:
        profiler.disable()
        profiler.dump_stats(profile)
    largest = max(pages, key=lambda p: len(p.content.encode("utf-8")))
    del exports, hand_written
    if floor is not None:
        _write_floor(root, floor)
    return {
        "import": imported - started,
        "load": t1 - t0,
        "render": t2 - t1,
        "exports": t3 - t2,
        "hand_written": t4 - t3,
        "total": t4 - t0,
        "cpu": cpu4 - cpu0,
        "pages": len(pages),
        "markdown_bytes": sum(len(p.content.encode("utf-8")) for p in pages),
        "largest_markdown": [largest.src_uri, len(largest.content.encode("utf-8"))],
    }


def _schema_files() -> dict[str, str]:
    """The JSON Schemas the adapter publishes beside the pages (when this version has them)."""
    try:
        from macros.pages.json_schemas import schema_documents
    except ImportError:
        return {}
    return dict(schema_documents())


def _write_floor(root: Path, floor: Path) -> None:
    """The same site as a plain project, written by `generate` (the floor (c) builds)."""
    from macros.engines.generate import generate as generate_project

    if floor.exists():
        shutil.rmtree(floor)
    generate_project(root, floor)


def measure_generator(root: Path, floor: Path | None, work: Path, profile: Path | None) -> Run:
    result = work / "phase-a.json"
    command = [sys.executable, "-m", "tests.bench.run", "--phase-a", str(root)]
    command += ["--phase-a-result", str(result)]
    if floor is not None:
        command += ["--floor", str(floor)]
    if profile is not None:
        command += ["--profile", str(profile)]
    log = work / "phase-a.log"
    run = _checked(run_process(command, cwd=REPO, log=log), "generator phase", log)
    return run


# -- sizes of what was built -------------------------------------------------------------------


def _gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def _nav_bytes(html: str) -> int:
    """Bytes of Material's primary navigation sidebar in a page."""
    start = html.find('<div class="md-sidebar md-sidebar--primary"')
    end = html.find('<div class="md-sidebar md-sidebar--secondary"', start)
    return len(html[start:end].encode("utf-8")) if start != -1 and end != -1 else 0


def site_sizes(site: Path) -> dict[str, Any]:
    pages = sorted(site.rglob("*.html"))
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in pages}
    largest = max(sizes, key=sizes.__getitem__)
    index = site / "search" / "search_index.json"
    over = sorted((s, u) for u, s in sizes.items() if s > MAX_PAGE_BYTES)
    topic_pages = [u for u in sizes if u.startswith("topics/") and u != "topics/index.html"]
    sample = site / (topic_pages[0] if topic_pages else largest)
    sample_html = sample.read_text(encoding="utf-8")
    # The split claims index: its heaviest page, and how much of it is the filter form.
    claims_pages = [u for u in sizes if u.startswith("claims/") and u != "claims/index.html"]
    claims_page = max(claims_pages, key=sizes.__getitem__) if claims_pages else ""
    form = 0
    if claims_page:
        text = (site / claims_page).read_text(encoding="utf-8")
        start = text.find('<form id="claim-filters"')
        form = len(text[start : text.find("</form>", start)].encode("utf-8")) if start != -1 else 0
    # A first visit to the heaviest page (of the largest few by bytes, the heaviest gzipped).
    heaviest = max(
        sorted(sizes, key=sizes.__getitem__)[-12:], key=lambda u: _gzipped((site / u).read_bytes())
    )
    return {
        "first_visit": page_weight(site, heaviest),
        "claims_page": [claims_page, sizes.get(claims_page, 0), form],
        "html_pages": len(pages),
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "largest_page": [largest, sizes[largest], _gzipped((site / largest).read_bytes())],
        "median_page_bytes": int(statistics.median(sizes.values())),
        "pages_over_limit": len(over),
        "over_limit_examples": [u for _, u in over[-5:]],
        "search_index_bytes": index.stat().st_size if index.is_file() else 0,
        "search_index_gzip": _gzipped(index.read_bytes()) if index.is_file() else 0,
        "nav_bytes_in_topic_page": _nav_bytes(sample_html),
        "topic_page_bytes": len(sample_html.encode("utf-8")),
    }


class _Assets(HTMLParser):
    """The stylesheets, scripts, icons and images a page makes the browser load."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.config: dict[str, Any] = {}
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and (a.get("rel") or "") in ("stylesheet", "icon") and a.get("href"):
            self.urls.append(a["href"] or "")
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"] or "")
        self._in_config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config = json.loads(data)
            self._in_config = False


def page_weight(site: Path, page: str) -> dict[str, Any]:
    """What a first visit to a page transfers, gzip-compressed: the HTML and every asset it loads.

    Material also starts its search worker when the page loads; the search index is fetched then
    too, unless the page loads search-on-open.js, which holds it back until search is opened.
    `first_visit` is what loads with the page, `with_search` adds whatever search still needs.
    """
    html = (site / page).read_bytes()
    parser = _Assets()
    parser.feed(html.decode("utf-8"))
    base = "https://site.invalid/" + page.removesuffix("index.html")
    items: list[tuple[str, int, int]] = [(page, len(html), _gzipped(html))]
    external: list[str] = []
    for url in dict.fromkeys(parser.urls):
        absolute = urljoin(base, url)
        if not absolute.startswith("https://site.invalid/"):
            external.append(url)
            continue
        path = site / urlsplit(absolute).path.lstrip("/")
        if path.is_file():
            data = path.read_bytes()
            items.append((path.relative_to(site).as_posix(), len(data), _gzipped(data)))
    search: list[tuple[str, int, int]] = []
    on_open = any(url.endswith("search-on-open.js") for url in parser.urls)
    worker = parser.config.get("search")
    on_load = 0
    if worker:
        root = urljoin(base, parser.config.get("base", "."))
        for url in (urljoin(base, worker), urljoin(root + "/", "search/search_index.json")):
            path = site / urlsplit(url).path.lstrip("/")
            if path.is_file():
                data = path.read_bytes()
                search.append((path.relative_to(site).as_posix(), len(data), _gzipped(data)))
                if not (on_open and url.endswith("search_index.json")):
                    on_load += search[-1][2]
    return {
        "page": page,
        "items": items,
        "search_items": search,
        "index_on_open": on_open,
        "external": external,
        "transferred": sum(i[2] for i in items),
        "first_visit": sum(i[2] for i in items) + on_load,
        "with_search": sum(i[2] for i in items + search),
    }


def real_site_weight(work: Path) -> dict[str, Any]:
    """Page weight of the heaviest topic page of the real site (data/), or of the ×1 corpus."""
    site = work / "real" / "site-b"
    origin = "the real site"
    if not site.is_dir():
        site = work / "x1" / "site-b"
        origin = "the ×1 corpus (the real site could not be built)"
    pages = [p for p in (site / "topics").glob("*/index.html")]
    heaviest = max(pages, key=lambda p: _gzipped(p.read_bytes()))
    weight = page_weight(site, heaviest.relative_to(site).as_posix())
    weight["origin"] = origin
    weight["topic_pages"] = len(pages)
    return weight


# -- live reload -------------------------------------------------------------------------------

_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 only, no proxy


def _fetch(url: str) -> str | None:
    try:
        with _DIRECT.open(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_for(url: str, needle: str, timeout: float) -> float | None:
    """Seconds until the page at url contains needle, polling; None if it never does."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = _fetch(url)
        if body is not None and needle in body:
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    return None


def _replace_with(statement: str) -> Callable[[re.Match[str]], str]:
    return lambda m: m.group(1) + statement + "\n"


_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def claim_edit(claims_file: Path, claim: str) -> Callable[[str, str], str]:
    """Replace one claim's statement with a token (what a contributor's save does)."""
    pattern = re.compile(rf"(- id: {re.escape(claim)}\n(?:  .*\n)*?  statement: ).*\n")
    if not pattern.search(claims_file.read_text(encoding="utf-8")):
        raise RuntimeError(f"cannot find the statement of {claim} in {claims_file}")

    def edit(original: str, token: str) -> str:
        return pattern.sub(_replace_with(json.dumps(token)), original, count=1)

    return edit


def page_edit(original: str, token: str) -> str:
    """Add a sentence at the end of a page's Markdown (the floor's counterpart of a claim edit)."""
    return original + f"\n\n{token}\n"


def _token(trial: int) -> str:
    # Letters only: a statement may not give a number its quote lacks.
    return "Benchmark edit " + "".join(chr(ord("a") + int(d)) for d in f"{trial}{time.time_ns()}")


def serve_latency(root: Path, stats: CorpusStats, work: Path) -> dict[str, Any]:
    """`mkdocs serve` with the hook: save one claim's statement, time until the page shows it."""
    claims_file = root / stats.edit_file
    edit = claim_edit(claims_file, stats.edit_claim)
    return _serve(root, stats.edit_page, claims_file, edit, work / "serve.log")


def _floor_page(floor: Path, stats: CorpusStats) -> Path:
    return floor / "docs" / (stats.edit_page.rstrip("/") + ".md")


def plain_serve_latency(floor: Path, stats: CorpusStats, work: Path) -> dict[str, Any]:
    """The same with plain MkDocs serving `generate`'s pages: save the page's own Markdown (a
    sentence added at its end) and time until the page shows it: MkDocs' own rebuild, the floor."""
    page = _floor_page(floor, stats)
    return _serve(floor, stats.edit_page, page, page_edit, work / "serve-plain.log")


def _merged_trials(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The trials of several `_serve` runs of the same project as one: the best counts."""
    trials = [t for run in runs for t in run["trials"]]
    return {
        "startup": min(run["startup"] for run in runs),
        "trials": trials,
        "builds": [b for run in runs for b in run["builds"]],
        "best": min(trials),
        **(
            {"other_threads_cpu": [c for run in runs for c in run["other_threads_cpu"]]}
            if all("other_threads_cpu" in run for run in runs)
            else {}
        ),
    }


# The hook's events, timed one by one in a rebuild; what is left is MkDocs' and Material's work.
HOOK_PHASES = {
    "on_config": "loading and checking the data",
    "on_files": "rendering the pages and exports",
    "on_page_markdown": "hand-written pages' macros",
    "on_post_page": "finishing each page (CSP, theme repairs)",
    "on_post_template": "finishing each page (CSP, theme repairs)",
}


def rebuild_phases(project: Path, edited_file: Path, claim: str | None) -> dict[str, Any]:
    """What one live-preview rebuild costs, in this process, as `mkdocs serve` runs it: the first
    build, then SERVE_TRIALS saves each followed by a rebuild; CPU time of the cheapest rebuild and,
    with the hook, of each of its events."""
    import functools
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    serve_url = "http://127.0.0.1:8000/"
    site = Path(tempfile.mkdtemp(prefix="claims-rebuild-"))
    spent: dict[str, float] = {}

    def timed(name: str, event: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(event)
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return event(*args, **kwargs)
            finally:
                label = HOOK_PHASES[name]
                spent[label] = spent.get(label, 0.0) + time.process_time() - start

        return run

    def rebuild() -> None:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        config.site_url = serve_url
        build(config, serve_url=serve_url)

    first = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    first.site_url = serve_url
    first.plugins.on_startup(command="serve", dirty=False)
    build(first, serve_url=serve_url)
    # MkDocs loads a hook once and reads its events from the module on every config load.
    for module in list(sys.modules.values()):
        if str(getattr(module, "__file__", "")).endswith("mkdocs_hook.py"):
            for name in HOOK_PHASES:
                setattr(module, name, timed(name, getattr(module, name)))
    edit = claim_edit(edited_file, claim) if claim else page_edit
    original = edited_file.read_text(encoding="utf-8")
    best: dict[str, Any] = {}
    try:
        for trial in range(SERVE_TRIALS):
            edited_file.write_text(edit(original, _token(trial)), encoding="utf-8")
            spent.clear()
            start = time.process_time()
            rebuild()
            cpu = time.process_time() - start
            if not best or cpu < best["cpu"]:
                best = {"cpu": cpu, "phases": dict(spent)}
    finally:
        edited_file.write_text(original, encoding="utf-8")
        shutil.rmtree(site, ignore_errors=True)
    return best


def measure_rebuild(
    project: Path, edited_file: Path, claim: str | None, work: Path
) -> dict[str, Any]:
    """rebuild_phases in a fresh interpreter."""
    result = work / "rebuild.json"
    command = [sys.executable, "-m", "tests.bench.run", "--rebuild", str(project)]
    command += ["--rebuild-file", str(edited_file), "--rebuild-result", str(result)]
    if claim:
        command += ["--rebuild-claim", claim]
    log = work / "rebuild.log"
    _checked(run_process(command, cwd=REPO, log=log), f"rebuilds of {project}", log)
    measured: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    return measured


def _serve(
    project: Path, page: str, edited_file: Path, edit: Callable[[str, str], str], log: Path
) -> dict[str, Any]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{page}"
    command = [str(MKDOCS), "serve", "--livereload", "-a", f"127.0.0.1:{port}"]
    command += ["-f", str(project / "mkdocs.yml")]
    original = edited_file.read_text(encoding="utf-8")
    trials: list[float] = []
    builds: list[float] = []
    others: list[float] = []  # CPU of the server's threads but the one that built, each rebuild
    with log.open("wb") as out:
        proc = subprocess.Popen(
            command, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=_env()
        )
        try:
            startup = _wait_for(url, "<html", SERVE_TIMEOUT)
            if startup is None:
                raise RuntimeError(f"mkdocs serve did not start: see {log}")
            for trial in range(SERVE_TRIALS):
                time.sleep(1.0)  # let the watcher settle
                token = _token(trial)
                before = thread_cpu(proc.pid)
                edited_file.write_text(edit(original, token), encoding="utf-8")
                seen = _wait_for(url, token, SERVE_TIMEOUT)
                if seen is None:
                    raise RuntimeError(f"the edit never showed at {url}: see {log}")
                trials.append(seen)
                time.sleep(0.5)  # the log line is written after the build
                others.append(_other_threads(before, thread_cpu(proc.pid)))
                found = _BUILT.findall(log.read_text(encoding="utf-8", errors="replace"))
                builds.append(float(found[-1]) if found else float("nan"))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            edited_file.write_text(original, encoding="utf-8")
    result = {"startup": startup, "trials": trials, "builds": builds, "best": min(trials)}
    if all(cpu == cpu for cpu in others):  # NaN where /proc could not be read
        result["other_threads_cpu"] = others
    return result


def thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds (user + system) of each thread of a process, from Linux's /proc; {} elsewhere."""
    ticks = os.sysconf("SC_CLK_TCK")
    spent: dict[str, float] = {}
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            fields = (task / "stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
            spent[task.name] = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    except OSError:
        return {}
    return spent


def _other_threads(before: dict[str, float], after: dict[str, float]) -> float:
    """What the threads that did not build spent between two samples (the builder spent most)."""
    spent = sorted(after[tid] - before.get(tid, 0.0) for tid in after)
    return sum(spent[:-1]) if spent else float("nan")


# -- one scale ---------------------------------------------------------------------------------


@dataclass
class ScaleResult:
    scale: int
    corpus: dict[str, Any]
    generator: dict[str, Any] = field(default_factory=dict)  # (a), best run's phases
    generator_runs: list[float] = field(default_factory=list)
    generator_cpu: list[float] = field(default_factory=list)
    generator_peak_mb: float = 0.0
    build_runs: list[float] = field(default_factory=list)  # (b), wall seconds
    build_cpu: list[float] = field(default_factory=list)  # (b), CPU seconds
    build_peak_mb: float = 0.0
    floor_runs: list[float] = field(default_factory=list)  # (c)
    floor_cpu: list[float] = field(default_factory=list)
    floor_peak_mb: float = 0.0
    same_pages: bool = False
    build_warnings: int = 0
    sizes: dict[str, Any] = field(default_factory=dict)
    serve: dict[str, Any] | None = None
    serve_plain: dict[str, Any] | None = None  # plain MkDocs serving the floor
    rebuild: dict[str, Any] | None = None  # one serve rebuild in-process, by the hook's events
    rebuild_plain: dict[str, Any] | None = None
    profile_generator: str = ""
    profile_generator_groups: list[tuple[str, float, float]] = field(default_factory=list)
    profile_build: str = ""
    profile_build_groups: list[tuple[str, float, float]] = field(default_factory=list)
    variant: dict[str, Any] | None = None  # the experiment, see write_variant
    postprocess_cpu: float | None = None  # the hook's on_post_page over every page of (c)

    @property
    def overhead(self) -> float:
        """(b)/(c) in CPU time: the target's measure (wall time is in `overhead_wall`)."""
        if not self.build_cpu:
            return float("nan")
        return min(self.build_cpu) / min(self.floor_cpu)

    @property
    def overhead_wall(self) -> float:
        if not self.build_runs:
            return float("nan")
        return min(self.build_runs) / min(self.floor_runs)


@dataclass(frozen=True)
class Options:
    scales: list[int]
    repeat: int | None
    seed: int
    builds: bool
    serve: bool
    experiment: bool
    profile_build_scale: int


def _as_dict(result: ScaleResult) -> dict[str, Any]:
    return asdict(result) | {"overhead": result.overhead, "overhead_wall": result.overhead_wall}


def _log(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


def runs_at(scale: int) -> int:
    """Alternating (b)/(c) runs at a scale. Other work on the machine only ever adds time, and on
    this shared host one build can take half as long again as the same build just before (one ×100
    plain build took 49 s, the next 71 s): the more runs, the likelier each side has a quiet one.
    Small scales cost seconds a run, so they get many; ×1000 takes ten minutes a build."""
    return 7 if scale <= 1 else 5 if scale <= 10 else 3 if scale <= 100 else 1


def _measure(
    result: ScaleResult, root: Path, folder: Path, repeat: int, builds: bool, label: str
) -> None:
    """(a) `repeat` times, then (b) and (c) interleaved `repeat` times; sizes of what (b) built."""
    floor = folder / "floor"
    for i in range(repeat):
        _log(f"{label}: (a) generator alone, run {i + 1}/{repeat}")
        run = measure_generator(root, floor if i == 0 and builds else None, folder, None)
        phases = json.loads((folder / "phase-a.json").read_text(encoding="utf-8"))
        result.generator_runs.append(phases["total"])
        result.generator_cpu.append(phases["cpu"])
        result.generator_peak_mb = max(result.generator_peak_mb, run.peak_mb)
        if phases["total"] <= min(result.generator_runs):
            result.generator = phases
    if not builds:
        return
    for i in range(repeat):  # interleaved, so that a busy moment affects both alike
        _log(f"{label}: (b) mkdocs build with the hook, run {i + 1}/{repeat}")
        b = mkdocs_build(root, folder / "site-b", folder / "build-b.log")
        result.build_runs.append(b.seconds)
        result.build_cpu.append(b.cpu)
        result.build_peak_mb = max(result.build_peak_mb, b.peak_mb)
        _log(f"{label}: (c) plain mkdocs build of the same pages, run {i + 1}/{repeat}")
        c = mkdocs_build(floor, folder / "site-c", folder / "build-c.log")
        result.floor_runs.append(c.seconds)
        result.floor_cpu.append(c.cpu)
        result.floor_peak_mb = max(result.floor_peak_mb, c.peak_mb)
    build_log = (folder / "build-b.log").read_text(encoding="utf-8", errors="replace")
    result.build_warnings = build_log.count("WARNING")
    result.same_pages = _html_files(folder / "site-b") == _html_files(folder / "site-c")
    result.sizes = site_sizes(folder / "site-b")
    result.postprocess_cpu = postprocess_cost(folder / "site-c")
    shutil.rmtree(folder / "site-c", ignore_errors=True)
    _log(
        f"{label}: (a) {min(result.generator_runs):.2f} s, (b) {min(result.build_runs):.2f} s, "
        f"(c) {min(result.floor_runs):.2f} s, (b)/(c) {result.overhead_wall:.3f} wall, "
        f"{result.overhead:.3f} CPU"
    )


def postprocess_cost(site: Path) -> float | None:
    """CPU seconds of the finishing pass (CSP, theme markup repairs) over every page.

    This is work the hook adds to (b) beyond (a); it runs here on the pages of (c).
    """
    from macros.engines.finish import finish_page

    pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    start = time.process_time()
    for html in pages:
        finish_page(html)
    return time.process_time() - start


def bench_real(work: Path, options: Options) -> ScaleResult | None:
    """The same measurements on the real site (data/ of the repository), when it has data."""
    if not any((REPO / "data" / "topics").glob("*.yaml")):
        return None
    folder = work / "real"
    folder.mkdir(parents=True, exist_ok=True)
    from macros.core.project import load_knowledge

    kb = load_knowledge(REPO)  # raises if the data is mid-edit and invalid right now
    counts = {
        "sources": len(kb.sources),
        "claims": len(kb.claims),
        "topics": len(kb.topics),
        "actors": len(kb.actors),
        "events": len(kb.events),
        "terms": len(kb.terms),
    }
    result = ScaleResult(0, counts)
    _measure(result, REPO, folder, options.repeat or runs_at(1), True, "real site")
    return result


def _html_files(site: Path) -> set[str]:
    """Every file a build wrote (pages, exports, assets), relative to the site."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def bench_scale(scale: int, work: Path, options: Options) -> ScaleResult:
    folder = work / f"x{scale}"
    folder.mkdir(parents=True, exist_ok=True)
    root = folder / "corpus"
    _log(f"×{scale}: generating the corpus")
    stats = generate(root, scale, options.seed)
    result = ScaleResult(scale, asdict(stats))
    repeat = options.repeat or runs_at(scale)
    _measure(result, root, folder, repeat, options.builds, f"×{scale}")
    if scale == max(options.scales) and scale <= 100:  # ×1000 under cProfile: a quarter hour
        _log(f"×{scale}: profiling (a)")
        prof = folder / "phase-a.prof"
        measure_generator(root, None, folder, prof)
        result.profile_generator = top_functions(prof)
        result.profile_generator_groups = profile_groups(prof)
    if not options.builds:
        return result
    floor = folder / "floor"

    if options.experiment:
        _log(f"×{scale}: experiment (c′): less of the claims index in the search index")
        variant = folder / "variant"
        write_variant(floor, variant)
        v = mkdocs_build(variant, folder / "site-v", folder / "build-v.log")
        result.variant = {"seconds": v.seconds, "peak_mb": v.peak_mb}
        result.variant |= site_sizes(folder / "site-v")
        shutil.rmtree(folder / "site-v", ignore_errors=True)

    if scale == options.profile_build_scale:
        _log(f"×{scale}: profiling (b)")
        prof_b = folder / "build-b.prof"
        command = [sys.executable, "-m", "cProfile", "-o", str(prof_b), str(MKDOCS), "build"]
        command += ["-f", str(root / "mkdocs.yml"), "-d", str(folder / "site-p")]
        log = folder / "build-p.log"
        _checked(run_process(command, cwd=root, log=log), "profiled build", log)
        result.profile_build = top_functions(prof_b)
        result.profile_build_groups = profile_groups(prof_b)
        shutil.rmtree(folder / "site-p", ignore_errors=True)

    if options.serve and scale in SERVE_SCALES:
        # Alternating, so that a busy moment affects both alike.
        _log(f"×{scale}: live-reload latency of mkdocs serve, with the hook and plain")
        rounds = [
            (serve_latency(root, stats, folder), plain_serve_latency(floor, stats, folder))
            for _ in range(SERVE_ROUNDS[scale])
        ]
        result.serve = _merged_trials([hook for hook, _ in rounds])
        result.serve_plain = _merged_trials([plain for _, plain in rounds])
        _log(f"×{scale}: one live-preview rebuild in-process, by the hook's events")
        result.rebuild = measure_rebuild(root, root / stats.edit_file, stats.edit_claim, folder)
        result.rebuild_plain = measure_rebuild(floor, _floor_page(floor, stats), None, folder)
    return result


# Markup the variant marks as not searchable: citation markers (their hover previews repeat the
# quote and source), claim lists and "Sources on this page" (the claims index has every claim),
# and the claims index's context, source, links and "cited on" lines (the statement and the quote
# stay searchable).
_SEARCH_EXCLUDED = re.compile(
    r'<(sup class="cite"|ol class="page-sources"|ul class="claim-list"|details class="claim-context"'
    r'|p class="claim-(?:source|cited|links|meta)")(?! data-search-exclude)'
)


def write_variant(floor: Path, variant: Path) -> None:
    """The floor with more repeated text left out of the search index (Material's
    `data-search-exclude`): an experiment only, the templates are unchanged."""
    if variant.exists():
        shutil.rmtree(variant)
    shutil.copytree(floor, variant)
    for page in (variant / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        changed = _SEARCH_EXCLUDED.sub(lambda m: f"<{m.group(1)} data-search-exclude", text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")


def top_functions(profile: Path, limit: int = 18) -> str:
    out = io.StringIO()
    stats = pstats.Stats(str(profile), stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(limit)
    text = out.getvalue()
    start = text.find("   ncalls")
    return text[start:].rstrip() if start != -1 else text.rstrip()


_GROUPS = (
    ("nav-item.html", "Material's navigation template (nav-item.html)"),
    ("/material/", "other Material templates and plugins"),
    ("/yaml/", "PyYAML (its Python code: resolver, constructors, any pure-Python parsing)"),
    ("/jinja2/", "Jinja runtime"),
    ("/markupsafe/", "MarkupSafe escaping and Markup.format"),
    ("string.py", "MarkupSafe escaping and Markup.format"),
    ("posixpath", "posixpath (relative URLs)"),
    ("html/parser.py", "html.parser (Material's search plugin reads every page)"),
    ("_markupbase.py", "html.parser (Material's search plugin reads every page)"),
    ("/markdown/", "Python-Markdown"),
    ("/pymdownx/", "Python-Markdown"),
    ("/mkdocs/", "MkDocs"),
    ("/macros/", "macros/ (our code)"),
    (".j2", "macros/ templates (our code)"),
    (".html", "theme templates (Jinja)"),
)


def profile_groups(profile: Path) -> list[tuple[str, float, float]]:
    """Own time summed by library (templates compiled by Jinja count as their template file)."""
    stats: Any = pstats.Stats(str(profile))
    total = float(stats.total_tt)
    groups: dict[str, float] = {}
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():
        default = "built-ins (re, str, dict, …)" if filename == "~" else "other Python"
        name = next((label for key, label in _GROUPS if key in filename), default)
        groups[name] = groups.get(name, 0.0) + own
    ordered = sorted(groups.items(), key=lambda kv: -kv[1])
    # Rendering the navigation, with everything it calls (its own time above is a small part).
    nav = max(
        (
            ct
            for (filename, _, _), (_, _, _, ct, _) in stats.stats.items()
            if "nav-item" in filename
        ),
        default=0.0,
    )
    rows = [(name, seconds, seconds / total) for name, seconds in ordered]
    if nav:
        rows.append(("navigation, cumulative (nav-item.html and all it calls)", nav, nav / total))
    return rows


# -- machine and report ------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    meminfo = (
        Path("/proc/meminfo").read_text(encoding="utf-8") if Path("/proc/meminfo").exists() else ""
    )
    mem = re.search(r"MemTotal:\s+(\d+)", meminfo)
    swap = re.search(r"SwapTotal:\s+(\d+)", meminfo)
    cpuinfo = (
        Path("/proc/cpuinfo").read_text(encoding="utf-8") if Path("/proc/cpuinfo").exists() else ""
    )
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    versions = {}
    for package in (
        "mkdocs",
        "mkdocs-material",
        "Jinja2",
        "Markdown",
        "PyYAML",
        "pymdown-extensions",
    ):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[package] = metadata.version(package)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "macros"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": model.group(1).strip() if model else platform.processor(),
        "memory_gb": round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None,
        "swap_gb": round(int(swap.group(1)) / 1024 / 1024, 1) if swap else None,
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "commit": commit + (" + uncommitted changes in macros/" if dirty else ""),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark the generator against plain MkDocs.")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, help="runs per scale (default: 3 up to ×10, else 1)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--work", type=Path, help="folder for corpora and sites (default: a temp dir)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--no-serve", dest="serve", action="store_false")
    parser.add_argument("--no-weight", dest="weight", action="store_false")
    parser.add_argument(
        "--no-builds", dest="builds", action="store_false", help="measure (a) only, no MkDocs"
    )
    parser.add_argument("--no-experiment", dest="experiment", action="store_false")
    parser.add_argument(
        "--profile-build-scale", type=int, default=10, help="scale at which to profile (b)"
    )
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument("--phase-a", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--phase-a-result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rebuild", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rebuild-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rebuild-claim", help=argparse.SUPPRESS)
    parser.add_argument("--rebuild-result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.rebuild:  # the child process of measure_rebuild
        measured = rebuild_phases(args.rebuild, args.rebuild_file, args.rebuild_claim)
        args.rebuild_result.write_text(json.dumps(measured), encoding="utf-8")
        return

    if args.phase_a:  # the child process of (a)
        phases = generator_phase(args.phase_a, args.floor, args.profile)
        args.phase_a_result.write_text(json.dumps(phases), encoding="utf-8")
        return

    # As `make site` does before every build: (b) loads the package from compiled bytecode.
    compileall.compile_dir(REPO / "macros", quiet=1)
    # `kill` stops the run like Ctrl-C does: the finally blocks stop `mkdocs serve` and clean up.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.perf_counter()
    work = args.work or Path(tempfile.mkdtemp(prefix="claims-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"machine": machine(), "scales": [], "weight": None}
    _log(f"work folder {work}; machine {results['machine']}")
    options = Options(
        scales=sorted(args.scales),
        repeat=args.repeat,
        seed=args.seed,
        builds=args.builds,
        serve=args.serve and args.builds,
        experiment=args.experiment and args.builds,
        profile_build_scale=args.profile_build_scale,
    )
    results["builds"] = options.builds
    try:
        if options.builds and args.weight:
            try:
                real = bench_real(work, options)
            except Exception as err:  # data/ mid-edit by someone: report it, go on
                _log(f"the real site could not be measured: {err}")
                real = None
            results["real"] = _as_dict(real) if real else None
        for scale in options.scales:
            result = bench_scale(scale, work, options)
            results["scales"].append(_as_dict(result))
            if args.weight and options.builds and scale == 1:
                _log("page weight of a topic page of the real site")
                results["weight"] = real_site_weight(work)
            # A site at ×100 is over a gigabyte: keep only what the next steps need.
            shutil.rmtree(work / f"x{scale}" / "site-b", ignore_errors=True)
            shutil.rmtree(work / f"x{scale}" / "floor", ignore_errors=True)
            shutil.rmtree(work / f"x{scale}" / "variant", ignore_errors=True)
        results["seconds"] = time.perf_counter() - started
        args.results.write_text(
            json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    from tests.bench.report import write_report

    main_results = RESULTS if args.results.resolve() == RESULTS_1000 else args.results
    if main_results.is_file():
        write_report(args.report, main_results, RESULTS_1000)
    _log(f"wrote {args.report} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
