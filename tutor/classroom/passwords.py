"""Password and sign-in-link secrets: generated with `secrets`, stored only as hashes.

Passwords are hashed with scrypt (hashlib, so no extra dependency), with a random salt per
password; the stored form names its parameters so they can be raised later. Link tokens are
long random strings, so a fast SHA-256 is enough to store them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

# scrypt cost: about 16 MiB and tens of milliseconds per check on a small machine.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
MAX_PASSWORD_LENGTH = 256
_WORDS_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no l/1/o/0: easy to read off a slip of paper


def new_password(length: int = 12) -> str:
    """A random password that is easy to copy by hand (groups of four, no look-alike characters)."""
    chars = "".join(secrets.choice(_WORDS_ALPHABET) for _ in range(length))
    return "-".join(chars[i:i + 4] for i in range(0, length, 4))


def new_token() -> str:
    """A random one-time sign-in token (URL-safe, 192 bits)."""
    return secrets.token_urlsafe(24)


def token_digest(token: str) -> str:
    """What the roster stores for a sign-in token."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, n: int = SCRYPT_N) -> str:
    """The stored form of a password: `scrypt$n$r$p$salt$hash` (base64 parts)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str | None) -> bool:
    """True when the password matches the stored hash. A missing or malformed hash, or an
    over-long password, is a mismatch; the work is done either way, so timing says nothing."""
    ok_shape = stored is not None and len(password) <= MAX_PASSWORD_LENGTH
    try:
        scheme, n_text, r_text, p_text, salt_text, hash_text = (stored or "").split("$")
        n, r, p = int(n_text), int(r_text), int(p_text)
        salt, expected = base64.b64decode(salt_text), base64.b64decode(hash_text)
        ok_shape = ok_shape and scheme == "scrypt" and 2 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16
    except ValueError:
        ok_shape, n, r, p, salt, expected = False, SCRYPT_N, SCRYPT_R, SCRYPT_P, b"\0" * 16, b""
    if not ok_shape:
        n, r, p = SCRYPT_N, SCRYPT_R, SCRYPT_P
    digest = hashlib.scrypt(password[:MAX_PASSWORD_LENGTH].encode("utf-8", "replace"), salt=salt or b"\0" * 16,
                            n=n, r=r, p=p, dklen=32, maxmem=64 * 1024 * 1024)
    return ok_shape and hmac.compare_digest(digest, expected)
