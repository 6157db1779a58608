"""PDF signatures (PAdES) and their verification."""
