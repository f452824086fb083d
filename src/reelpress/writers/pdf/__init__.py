"""The PDF writer: the book laid out by WeasyPrint with the print stylesheet.

    document.py   write (the book, from pieces) and render_document (one WeasyPrint document)
    layout.py     page geometry per profile and trim, the gutter's settle loop, page estimates
    glyphs.py     what the book's fonts can print, checked before anything is laid out
    pieces.py     the book cut into pieces whose layout does not depend on where they land
    tasks.py      a piece to lay out and the laid-out piece: what passes to a worker
    runner.py     pieces laid out through the piece cache, in worker processes when it pays
    workers.py    the workers' fork server (imports WeasyPrint once, early)
    assemble.py   one PDF from the pieces: folios, links, outline, metadata
    weasy/        WeasyPrint itself: rendering, the fetcher, the warning catcher, fixes, libraries
"""
