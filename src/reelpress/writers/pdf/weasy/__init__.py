"""WeasyPrint inside reelpress: `render` lays a task out and draws it (and imports WeasyPrint);
`fetcher` and `catcher` keep it to the book's files and catch what it logs; `linebreaks` mends a
line-breaking fault; `hyphenlimit` keeps to two hyphenated lines in a row; `libraries` loads its native libraries quickly. Importing this package alone
imports nothing of WeasyPrint."""
