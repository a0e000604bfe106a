"""Sources to statements: source folders, claims files, quote checks, entity resolution."""
