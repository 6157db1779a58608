"""PAdES signatures of the board PDF, their verification, and the approval record."""
