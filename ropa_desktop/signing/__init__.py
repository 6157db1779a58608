"""PAdES signatures of the board PDF, their verification, and the approval record."""

from ropa_desktop.pyhanko_imports import defer_network_clients

defer_network_clients()  # before any module here imports pyHanko's signer
