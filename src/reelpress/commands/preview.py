"""`reelpress preview`: the volume as one HTML page on localhost, rebuilt and reloaded on every save.

The page shows the same normalised chapters the books are made of, styled by the EPUB stylesheet,
with a contents sidebar and the indexes. A watcher (watchfiles) rebuilds the model when a source in
the volume or its series folder changes and tells the page through server-sent events; the page
reloads itself. A source that does not build shows its problems in the page — the server keeps going.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from reelpress.build import load
from reelpress.errors import ReelpressError
from reelpress.writers.templating import render, templates_dir
from reelpress.util.xhtml import parse_xhtml, tidy, to_html_string

STATIC = {"/css/epub.css": "epub.css", "/css/matter.css": "epub-matter.css", "/css/preview.css": "preview/preview.css",
          "/reload.js": "preview/reload.js",
          "/fonts/ReelpressSymbols.ttf": "fonts/ReelpressSymbols.ttf"}


class Preview:
    """The current page and a version number that changes whenever the page does."""

    def __init__(self, volume_dir: Path, pdf: bool = False):
        self.volume_dir, self.pdf = volume_dir, pdf
        self.version, self.page, self.images = 0, "", {}
        self.changed = threading.Condition()
        self.rebuild()

    def rebuild(self) -> None:
        try:
            volume = load(self.volume_dir)
        except ReelpressError as error:
            page, images = self._page(None, error.diagnostics), self.images
        else:
            page = self._page(volume, volume.warnings)
            images = {f"/{asset.href}": asset for asset in volume.assets.values()}
            if self.pdf:
                threading.Thread(target=self._build_pdf, daemon=True).start()
        with self.changed:
            self.page, self.images, self.version = page, images, self.version + 1
            self.changed.notify_all()

    def _page(self, volume, diagnostics) -> str:
        problems = [{"where": f"{d.path}{f':{d.line}' if d.line else ''}", "code": d.code, "message": d.message}
                    for d in diagnostics]
        xhtml = render("preview/page.html", config=volume.config if volume else _Untitled(self.volume_dir),
                       toc=volume.toc if volume else (), reviews=volume.reviews if volume else [],
                       indexes=volume.indexes if volume else (), series=volume.series if volume else (),
                       matter=volume.matter if volume else (),
                       problems=problems, updated=dt.datetime.now().strftime("%H:%M:%S"),
                       href=lambda target: f"#{target}")
        root = parse_xhtml(xhtml, "preview/page.html")
        tidy(root)
        return to_html_string(root)

    def _build_pdf(self) -> None:
        from reelpress.build import build
        try:
            build(self.volume_dir, Path("dist"), ("pdf",))
        except ReelpressError:
            pass  # the page already shows what is wrong

    def watch(self, stop: threading.Event) -> None:
        import watchfiles
        folders = [str(self.volume_dir)]
        if (self.volume_dir.parent / "series.toml").is_file():
            folders.append(str(self.volume_dir.parent / "series.toml"))
        for _changes in watchfiles.watch(*folders, stop_event=stop, debounce=200, rust_timeout=500):
            self.rebuild()


class _Untitled:
    def __init__(self, folder: Path):
        self.title, self.language = folder.name, "en"


class Handler(BaseHTTPRequestHandler):
    """Serves one preview: the page, its static files and images, and the reload events."""

    preview: Preview  # set on the subclass `handler` makes

    def do_GET(self):  # noqa: N802 (the http.server name)
        path, preview = self.path.split("?")[0], self.preview
        if path in ("/", "/index.html"):
            self._send(preview.page.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/events":
            self._events()
        elif path in STATIC:
            file = templates_dir() / STATIC[path]
            self._send(file.read_bytes(), mimetypes.guess_type(file.name)[0] or "application/octet-stream")
        elif path in preview.images:
            asset = preview.images[path]
            self._send(asset.read(), asset.media_type)
        else:
            self.send_error(404)

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        sent, preview = None, self.preview
        try:
            while True:
                with preview.changed:
                    if preview.version == sent:
                        preview.changed.wait(timeout=10)
                    version = preview.version
                message = f"data: {version}\n\n" if version != sent else ": still here\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()
                sent = version
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, *args) -> None:
        pass


def handler(preview: Preview) -> type[Handler]:
    """The request handler class for `preview` (http.server makes one handler per request)."""
    return type("PreviewHandler", (Handler,), {"preview": preview})


def serve(volume_dir: Path, port: int = 8000, pdf: bool = False) -> None:
    preview = Preview(volume_dir, pdf)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler(preview))
    server.daemon_threads = True
    stop = threading.Event()
    threading.Thread(target=preview.watch, args=(stop,), daemon=True).start()
    print(f"Previewing {volume_dir} on http://127.0.0.1:{server.server_port}/ — save a file to see it; "
          "Ctrl-C stops.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
