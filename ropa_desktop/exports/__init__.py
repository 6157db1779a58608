"""Exports of a register: Excel workbook, board PDF."""
