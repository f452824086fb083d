"""The command line: click commands that parse arguments and call the library. No logic lives here."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import click

from reelpress import __version__
from reelpress.errors import EXIT_ENVIRONMENT, EXIT_INTERRUPTED, ReelpressError
from reelpress.util.console import print_diagnostics, report_failure, reports_problems, size_text
from reelpress.util.status import Progress

FORMAT_CHOICES = ("all", "epub", "pdf")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reelpress")
def main() -> None:
    """Turn a film critic's reviews into EPUB 3 and print-ready PDF volumes."""
    # SIGTERM (a CI job cancelled, `kill`) unwinds like Ctrl-C, so temporary files are removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


@main.command()
@click.argument("volumes", nargs=-1, required=True,
                type=click.Path(path_type=Path, file_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="all", show_default=True,
              help="Which outputs to build.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("dist"),
              show_default=True, help="Folder the outputs are written to.")
@click.option("--profile", type=click.Choice(["reading", "print", "proof"]),
              help="PDF profile, overriding the volume's [pdf] profile.")
@click.option("--jobs", type=click.IntRange(1, 64), help="Worker processes (default: all cores).")
@click.option("--store", type=click.Choice(["kdp", "apple", "kobo", "google"]),
              help="The store the EPUB is for: its \"Also by\" page links that store's pages ([[books]]), and "
                   "apple scales images over 4 megapixels down (in the EPUB only).")
@click.option("--volume", "only", type=click.IntRange(1), help="Series: build only volume N.")
@click.option("--omnibus", is_flag=True, help="Series: also build one box-set edition of every volume.")
@click.option("-q", "--quiet", is_flag=True, help="No progress display; only problems and the result.")
@reports_problems()
def build(volumes: tuple[Path, ...], fmt: str, out_dir: Path, profile: str | None, jobs: int | None,
          store: str | None, only: int | None, omnibus: bool, quiet: bool) -> None:
    """Build each VOLUME folder into OUT/<volume>.epub and OUT/<volume>.pdf.

    A folder holding series.toml builds every volume of the series, in parallel.

    \b
    Example:
      reelpress build volumes/essential-film-reviews-1
      reelpress build volumes/essential-film-reviews-1 --format epub --out /tmp/out
      reelpress build volumes/essential-film-reviews-1 --format pdf --profile print
      reelpress build volumes/ --jobs 2 --omnibus
      reelpress build volumes/essential-film-reviews-1 --format epub --store apple
    """
    from reelpress.commands.series import is_series
    from reelpress.writers import WRITERS

    formats = tuple(WRITERS) if fmt == "all" else (fmt,)
    failed = 0
    for folder in volumes:
        if is_series(folder):
            failed = _build_series(folder, out_dir, formats, profile, jobs, only, omnibus, quiet, store) or failed
        else:
            failed = _build_volume(folder, out_dir, formats, profile, quiet, jobs, store) or failed
    if failed:
        sys.exit(failed)


def _build_volume(volume_dir: Path, out_dir: Path, formats, profile, quiet: bool, jobs: int | None = None,
                  store: str | None = None) -> int:
    from reelpress.commands.build_volume import build_if_changed, options_for

    started = time.perf_counter()
    progress = Progress(volume_dir.name, enabled=not quiet and sys.stderr.isatty())
    options = options_for(out_dir, profile, jobs or os.cpu_count() or 1, store)
    try:
        built = build_if_changed(volume_dir, out_dir, formats, options, progress)
    except ReelpressError as error:
        progress.clear()
        return report_failure(error, f"{volume_dir}: build failed; nothing was written")
    except KeyboardInterrupt:
        progress.clear()
        click.echo("interrupted; nothing was written", err=True)
        sys.exit(EXIT_INTERRUPTED)
    progress.clear()
    if built.up_to_date:
        names = ", ".join(str(path) for path in built.outputs.values())
        click.echo(f"up to date: {names} (nothing changed; {time.perf_counter() - started:.2f} s)")
        return 0
    print_diagnostics(built.warnings)
    written = ", ".join(f"{path} ({size_text(path.stat().st_size)})" for path in built.outputs.values())
    click.echo(f"wrote {written} in {time.perf_counter() - started:.1f} s")
    for note in built.notes:
        click.echo(f"  {note}")
    return 0


def _build_series(series_dir: Path, out_dir: Path, formats, profile, jobs, only, omnibus, quiet, store=None) -> int:
    from reelpress.commands.series import build_series, check_slugs, summary_table, volumes_of

    progress = Progress(series_dir.name, enabled=not quiet and sys.stderr.isatty())
    started = time.perf_counter()
    try:
        folders = volumes_of(series_dir, only)
        check_slugs(folders)
    except ReelpressError as error:
        return report_failure(error, f"{series_dir}: series build failed; nothing was written")
    cores = jobs or os.cpu_count() or 1
    try:
        rows = build_series(folders, out_dir, formats, cores, profile, progress, store)
    except KeyboardInterrupt:
        progress.clear()
        click.echo("interrupted; volumes finished before it are kept, the others were not written", err=True)
        sys.exit(EXIT_INTERRUPTED)
    failed = next((row.exit_code for row in rows if row.exit_code), 0)
    if omnibus and not failed:
        failed = _build_omnibus(series_dir, out_dir, formats, profile, progress)
    progress.clear()
    for row in rows:
        for problem in row.problems:
            click.echo(problem, err=True)
    click.echo(summary_table(rows, time.perf_counter() - started, min(cores, len(folders)), cores))
    return failed


def _build_omnibus(series_dir: Path, out_dir: Path, formats, profile, progress) -> int:
    from reelpress.commands.omnibus import build_omnibus

    try:
        result = build_omnibus(series_dir, out_dir, formats, progress, profile)
    except ReelpressError as error:
        return report_failure(error, f"{series_dir}: omnibus failed; nothing was written")
    written = ", ".join(f"{path} ({size_text(path.stat().st_size)})" for path in result.outputs.values())
    click.echo(f"omnibus: wrote {written}")
    return 0


PLATFORMS = ["medium", "substack", "html", "wordpress", "blogger", "ghost", "letterboxd"]


@main.command(name="import")
@click.argument("platform", type=click.Choice(PLATFORMS))
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--into", "volume_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="The volume folder to add review files to (created if missing).")
@click.option("--publication-url", help="Substack: the publication's address, e.g. https://name.substack.com.")
@click.option("--site-url", help="Ghost: what __GHOST_URL__ stands for; Blogger Takeout: the blog's address.")
@click.option("--author", help="Author for a new volume's volume.toml (Medium exports carry it).")
@click.option("--drafts", is_flag=True, help="Import drafts and unpublished posts too.")
@click.option("--pages", is_flag=True, help="WordPress: import pages too.")
@click.option("--category", "categories", multiple=True, metavar="NAME", help="Only posts so tagged (repeatable).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only posts published on or after this day.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Only posts published on or before this day.")
@click.option("--uploads", type=click.Path(path_type=Path, file_okay=False, exists=True), help="WordPress: a copy "
              "of the site's wp-content/uploads, for the posts' images.")
@click.option("--prefer", type=click.Choice(PLATFORMS), help="A cross-posted review: keep this platform's copy.")
@click.option("--overwrite", is_flag=True, help="Replace review files that already exist.")
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@click.option("--fetch-images", is_flag=True, help="Download remote images into the volume's images/.")
@reports_problems("import failed; nothing was written")
def import_(platform: str, sources: tuple[Path, ...], volume_dir: Path, **options) -> None:
    """Turn posts from exports (Medium, Substack, WordPress, Blogger, Ghost, Letterboxd) or saved pages into reviews.

    \b
    Examples:
      reelpress import medium ~/Downloads/medium-export.zip --into volumes/essential-film-reviews-3
      reelpress import substack export.zip --into volumes/v3 --publication-url https://name.substack.com
      reelpress import html saved-post.html --into volumes/v3
      reelpress import wordpress site.WordPress.xml --into volumes/v3 --category "Film Reviews"
    """
    from reelpress.commands.imports import Options, run as run_import, table

    rows = run_import(platform, list(sources), volume_dir, Options(**options))
    click.echo(table(rows, volume_dir))


@main.command()
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "github"]), default="text",
              show_default=True, help="Report format.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file (the text summary still goes to the terminal).")
@click.option("--list-rules", is_flag=True, help="Print every rule's code, severity and description.")
@click.option("--store", type=click.Choice(["kdp", "apple", "kobo", "google"]),
              help="Run this store's rules at their severity (default: every store's, as warnings); with kdp a "
                   "PDF given alone is checked as a paperback interior.")
@reports_problems()
def check(targets: tuple[Path, ...], strict: bool, fmt: str, output: Path | None, list_rules: bool,
          store: str | None) -> None:
    """Validate built EPUBs and PDFs, or volumes (built into a temporary folder first).

    Exit code 0: nothing failing; 1: errors (or warnings with --strict); 2: usage; 3: the machine
    could not run a check (Java missing).

    \b
    Examples:
      reelpress check dist/essential-film-reviews-1.epub
      reelpress check volumes/essential-film-reviews-1
      reelpress check dist/*.epub dist/*.pdf --format junit --output reports/check.xml
      reelpress check volumes/* --strict --format github
      reelpress check dist/essential-film-reviews-1.pdf --store kdp
    """
    from reelpress.commands.check import check_targets, failing, report, rules_table

    if list_rules:
        click.echo(rules_table())
        return
    if not targets:
        raise click.UsageError("give at least one .epub, .pdf or volume folder")
    outcomes = check_targets(list(targets), store)
    rendered = report.FORMATS[fmt](outcomes, strict)
    if output:
        from reelpress.util.files import save

        save({output: rendered.encode("utf-8")})
        click.echo(report.text(outcomes, strict), nl=False)
    else:
        click.echo(rendered, nl=False)
    if any(outcome.broken for outcome in outcomes):
        sys.exit(EXIT_ENVIRONMENT)  # a checker could not run (exit 3, as when Java is missing), whatever the others found
    sys.exit(1 if failing(outcomes, strict) else 0)


@main.command(name="proof")
@click.argument("volume_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the proof (default: dist/proof/<volume>).")
@click.option("--against", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="An earlier build's PDF (book.pdf of an earlier proof, or dist/<volume>.pdf): list the pages "
                   "whose rendering changed.")
@reports_problems("{volume_dir}: proof failed; nothing was written")
def proof_command(volume_dir: Path, out_dir: Path | None, against: Path | None) -> None:
    """Make a proof to work through: proof PDF, page images, contact sheet and report.html.

    \b
    Examples:
      reelpress proof volumes/essential-film-reviews-1
      reelpress proof volumes/essential-film-reviews-1 --against dist/proof/essential-film-reviews-1/book.pdf
    """
    from reelpress.commands.proof import proof, summary

    result = proof(volume_dir, out_dir, against)
    click.echo(summary(result))


@main.command(name="index")
@click.argument("series_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("dist"),
              show_default=True, help="Folder for <series>-index.pdf and .html.")
@reports_problems()
def index_command(series_dir: Path, out_dir: Path) -> None:
    """Write one index for a whole series, with "vol. 3, p. 112" references (PDF and HTML).

    \b
    Example:
      reelpress index volumes/
    """
    from reelpress.commands.series_index import series_index

    written = series_index(series_dir, out_dir)
    click.echo("wrote " + ", ".join(str(path) for path in written))


@main.command(name="kit")
@click.argument("volume_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("dist"),
              show_default=True, help="Folder to write the kit into (next to the EPUB and PDF).")
@reports_problems()
def kit_command(volume_dir: Path, out_dir: Path) -> None:
    """Write the publishing kit: rights CSV, store description (text and HTML), store metadata JSON and
    the paperback's full-wrap cover PDF.

    \b
    Example:
      reelpress kit volumes/essential-film-reviews-1
    """
    from reelpress.commands.kit import KDP_SELECT_NOTE, kit

    written, warnings = kit(volume_dir, out_dir, os.cpu_count() or 1)
    print_diagnostics(warnings)
    click.echo("wrote " + ", ".join(str(path) for path in written))
    click.echo(f"note: {KDP_SELECT_NOTE}")


@main.command(name="init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--author", default="Your Name", show_default=True, help="The critic's name for series.toml.")
@reports_problems()
def init_command(folder: Path, author: str) -> None:
    """Start a series: series.toml, a first volume with one example review, a README, a .gitignore and
    a CI workflow. Refuses to write into a folder that has files.

    \b
    Example:
      reelpress init my-film-reviews --author "Ada Linden"
    """
    from reelpress.commands.authoring import init

    written = init(folder, author)
    click.echo(f"created {folder} ({len(written)} files); next: reelpress preview {folder / 'volume-1'}")


@main.command(name="new")
@click.argument("volume_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.argument("title")
@click.option("--film", help="The film's title.")
@click.option("--year", type=click.IntRange(1870, 2100), help="The film's release year.")
@click.option("--director", help="The film's director.")
@click.option("--rating", type=click.FloatRange(0, 5), help="Stars from 0 to 5, in halves.")
@reports_problems()
def new_command(volume_dir: Path, title: str, film, year, director, rating) -> None:
    """Create reviews/NNN-slug.md in VOLUME with its front matter filled in; print its path.

    \b
    Example:
      reelpress new volumes/essential-film-reviews-1 "The Height of Obsession" --film Vertigo --year 1958
    """
    from reelpress.commands.authoring import new_review

    path = new_review(volume_dir, title, film, year, director, rating)
    click.echo(str(path))


@main.command(name="stats")
@click.argument("target", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--dist", type=click.Path(path_type=Path, file_okay=False), default=Path("dist"), show_default=True,
              help="Where built PDFs are, for actual page counts.")
@reports_problems()
def stats_command(target: Path, as_json: bool, dist: Path) -> None:
    """Reviews, words, reading time, pages, films per decade, average rating, longest and shortest
    review — for a volume or a whole series.

    \b
    Example:
      reelpress stats volumes/
    """
    from reelpress.commands import stats

    found = stats.stats(target, dist)
    click.echo(stats.as_json(found) if as_json else stats.as_table(found), nl=False)


@main.command(name="preview")
@click.argument("volume_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on localhost (0: any free port).")
@click.option("--pdf", is_flag=True, help="Also rebuild dist/<volume>.pdf in the background after each change.")
@reports_problems()
def preview_command(volume_dir: Path, port: int, pdf: bool) -> None:
    """Serve a live HTML preview of VOLUME on localhost; saving a source file reloads the page.

    \b
    Example:
      reelpress preview volumes/essential-film-reviews-1 --port 8000
    """
    from reelpress.commands.preview import serve

    serve(volume_dir, port, pdf)
