"""Unique parts of people's names for tests and benchmarks (a name may hold no digits)."""


def letters(n: int) -> str:
    """``n`` written in letters: 0 → "A", 25 → "Z", 27 → "Bb"."""
    out = ""
    n = int(n)
    while True:
        out = "abcdefghijklmnopqrstuvwxyz"[n % 26] + out
        n //= 26
        if n == 0:
            return out.capitalize()
