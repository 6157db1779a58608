"""Developer tools (translations, string checks); not part of the package."""
