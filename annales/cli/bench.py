"""`annales bench`: pipeline throughput against the bare spaCy parse, memory, cold start, scaling."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from ..errors import AnnalesError
from ..evaluation.bench import run_bench
from ._util import app, err_console, fail


@app.command("bench")
def bench_cli(
    corpus: list[Path] | None = typer.Option(None, "--corpus", help="JSONL/text files or folders (repeatable; default: examples/ + ../shared/corpus)."),
    articles: int = typer.Option(200, "--articles", help="Articles to sample (fixed seed, half fr, half en)."),
    processes: int | None = typer.Option(None, "--processes", help="Worker processes for the scaling measure (default: CPU count)."),
    seed: int = typer.Option(13, help="Sampling seed."),
    repeat: int = typer.Option(2, help="Rounds of the one-process measures; the best round is kept."),
    cold_start: bool = typer.Option(True, "--cold-start/--no-cold-start", help="Also time a fresh `annales extract` on one article."),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the figures as JSON here."),
    scale: bool = typer.Option(False, "--scale", help="Instead: the scale-out benchmark (whole ingests with 1 and --processes workers and the Dask engine on a generated corpus; docs/benchmarks.md, Scale-out)."),
    scale_articles: int = typer.Option(2000, "--scale-articles", help="With --scale: articles of the generated corpus (benchmarks/make_corpus.py)."),
    scale_seed: int = typer.Option(1, "--scale-seed", help="With --scale: the generated corpus's seed."),
    store_articles: int = typer.Option(0, "--store-articles", help="With --scale: also ingest this many articles into a store and time queries on it (e.g. 10000)."),
    store_db: Path | None = typer.Option(None, "--store-db", help="With --scale: time the queries on this existing store."),
    no_dask: bool = typer.Option(False, "--no-dask", help="With --scale: leave out the Dask engine."),
    work_dir: Path = typer.Option(Path("annales-scale"), "--work-dir", help="With --scale: where corpora, stores and the Parquet dataset go."),
) -> None:
    """Measure throughput (words/s, articles/s) of the pipeline and of the bare parse on the same texts."""
    if scale:
        from ..evaluation.scale import markdown, run_scale

        result = run_scale(n=scale_articles, seed=scale_seed, workers=processes or 2, folder=work_dir, dask=not no_dask,
                           store_n=store_articles, store_db=store_db, log=lambda line: err_console.print(line))
        Console().print(markdown(result), markup=False, highlight=False)
        if json_out:
            json_out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        return
    for path in corpus or []:
        if not path.exists():
            fail(f"no such corpus file or folder: {path}")
    try:
        result = run_bench(corpus, articles=articles, processes=processes, seed=seed, repeat=repeat, cold_start=cold_start)
    except AnnalesError as exc:
        fail(str(exc))
    print_bench(result)
    if json_out:
        json_out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


def print_bench(result: dict[str, Any], console: Console | None = None) -> None:
    if console is None:
        console = Console()
        if not console.is_terminal:
            console.width = 132  # a log file or pipe: keep the ten-column table on one line per row
    info = result["sample"]
    console.print(f"{info['articles']} articles, {info['words']:,} words {info['by_language']} (seed {info['seed']}); stages: {', '.join(result['stages'])}")
    table = Table("lang", "measure", "articles", "words", "wall s", "words/s", "art/s", "CPU s", "words/CPU-s", "vs bare", title=f"throughput (one process, best of {result['repeat']})")
    for lang in result["bare"]:
        for measure in ("bare", "pipeline"):
            row = result[measure].get(lang)
            if row:
                ratio = f"{result['ratio'][lang]:.2f}" if measure == "pipeline" and lang in result["ratio"] else ""
                table.add_row(
                    lang, measure, str(row["articles"]), f"{row['words']:,}", f"{row['seconds']:.1f}", f"{row['words_per_s']:,.0f}",
                    f"{row['articles_per_s']:.2f}", f"{row['cpu_seconds']:.1f}", f"{row['words_per_cpu_s']:,.0f}", ratio,
                )
    console.print(table)
    scaling = result["scaling"]
    table = Table("processes", "seconds", "words/s", "articles/s", title="multi-process scaling (pipeline)")
    for key, row in scaling.items():
        if isinstance(row, dict):
            table.add_row(key, f"{row['seconds']:.1f}", f"{row['words_per_s']:,.0f}", f"{row['articles_per_s']:.2f}")
    console.print(table)
    if "speedup" in scaling:
        console.print(f"speedup {scaling['processes']} vs 1: {scaling['speedup']:.2f}x (efficiency {scaling['efficiency']:.0%})")
    rss = result["peak_rss_mib"]
    console.print(f"peak RSS: main {rss['main']:.0f} MiB, largest worker {rss['largest_worker']:.0f} MiB")
    if "cold_start" in result:
        cold = result["cold_start"]
        console.print(f"cold start (annales extract, one article): first article after {cold['first_article_s']:.1f} s, exit after {cold['exit_s']:.1f} s ({cold['cpu_s']:.1f} CPU-s)")
    machine = result["machine"]
    console.print(f"{machine['cpus']} CPUs; load average {machine['loadavg_start'][0]:.2f} at start, {machine['loadavg_end'][0]:.2f} at end")
