"""All terminal text and CSV: lookups and errors (text), network answers (network). The library
returns data; formatting lives here."""
