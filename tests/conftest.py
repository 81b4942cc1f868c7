"""Shared pytest set-up. Its folder is on sys.path (pytest's prepend import mode), so test files anywhere below
import the shared helpers by name: `from paths import FIXTURES, REALWORLD, SEED`."""
