"""The one interface the engine talks to, and the factory that builds it from the settings."""
from __future__ import annotations

from typing import Callable, ContextManager, Protocol

from reviewer.security.keys import DeviceSecretStore, OsKeyring
from reviewer.sync.fetch import Download
from reviewer.sync.model import Ack, Assignment, CasePlan, Submission, TransferItem
from reviewer.sync.settings import SyncConfig


class Platform(Protocol):
    """A place cases come from and reports go to. Every method may raise Offline, AuthError,
    ServerError or Rejected (reviewer.sync.errors); every one is safe to call again after a crash."""
    name: str

    def check(self) -> None:
        """Raises Offline when unreachable, AuthError when the credentials are refused."""

    def assignments(self) -> list[Assignment]:
        """Open cases assigned to this specialist."""

    def plan(self, a: Assignment) -> CasePlan:
        """What to fetch for one case (read once per case; the plan is kept in the workspace)."""

    def open(self, item: TransferItem, offset: int, validator: str | None = None) -> ContextManager[Download]:
        """The item's bytes from ``offset`` (or from 0 when the server cannot resume, or the file
        no longer matches ``validator``, the ETag the earlier part came with)."""

    def set_status(self, task_ref: str, status: str) -> None:
        """Moves the assignment forward (accepted, in-progress); never backwards."""

    def submit(self, s: Submission) -> Ack:
        """Delivers a signed report; repeating it never makes a duplicate."""

    def close(self) -> None: ...


def make_platform(config: SyncConfig, *, keyring_factory: Callable[[], DeviceSecretStore] = OsKeyring,
                  cancelled: Callable[[], bool] = lambda: False) -> Platform:
    config.check()
    if config.kind == "folder":
        from reviewer.sync.folder import FolderPlatform
        return FolderPlatform(config)
    from reviewer.sync.credentials import Credentials
    from reviewer.sync.fhir import FhirPlatform
    from reviewer.sync.httpclient import HttpClient
    creds = Credentials(config, keyring_factory)
    http = HttpClient(trusted={config.platform_url}, token=creds.bearer, refresh=creds.invalidate,
                      ca_bundle=config.ca_bundle, timeout=config.timeout, cancelled=cancelled)
    return FhirPlatform(config, http)
