"""Files kept for one person between two of their requests: the full list of a file's
problems to download, and a file waiting for them to confirm its import.

They are kept in the default storage, where uploaded papers are kept, so that every
server process finds them; each is named by its owner and a random token, and removed
a day after it was made.
"""

import re
import secrets
from datetime import timedelta

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import get_valid_filename

KEPT_FOR = timedelta(days=1)
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,40}$")


class HeldFiles:
    """The files one import keeps, in a folder of their own."""

    def __init__(self, folder: str):
        self.folder = folder

    def hold(self, person, filename: str, data: bytes) -> str:
        """Keep `data` for `person` under `filename`; the token that finds it again."""
        self._remove_expired()
        token = secrets.token_urlsafe(16)
        default_storage.save(
            f"{self.folder}/{self._prefix(person, token)}{self._safe(filename)}", ContentFile(data)
        )
        return token

    def held(self, person, token: str) -> tuple[str, bytes] | None:
        """(filename, data) kept for `person` under `token`, or None if there is none (or it
        has been removed)."""
        name = self._find(person, token)
        if name is None:
            return None
        with default_storage.open(f"{self.folder}/{name}", "rb") as file:
            data = file.read()
        return name.removeprefix(self._prefix(person, token)), data

    def release(self, person, token: str) -> None:
        """Remove what is kept under `token`, once it has been used."""
        if (name := self._find(person, token)) is not None:
            default_storage.delete(f"{self.folder}/{name}")

    def _find(self, person, token: str) -> str | None:
        if not TOKEN.match(token) or not default_storage.exists(self.folder):
            return None
        prefix = self._prefix(person, token)
        _, files = default_storage.listdir(self.folder)
        return next((name for name in files if name.startswith(prefix)), None)

    @staticmethod
    def _prefix(person, token: str) -> str:
        return f"{person.pk}-{token}-"

    @staticmethod
    def _safe(filename: str) -> str:
        try:
            return get_valid_filename(filename)[-100:]
        except SuspiciousFileOperation:  # nothing left of the name
            return "file"

    def _remove_expired(self) -> None:
        if not default_storage.exists(self.folder):
            return
        oldest = timezone.now() - KEPT_FOR
        for name in default_storage.listdir(self.folder)[1]:
            if default_storage.get_modified_time(f"{self.folder}/{name}") < oldest:
                default_storage.delete(f"{self.folder}/{name}")
