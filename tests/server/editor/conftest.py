"""The editor's tests on a server register use the UI tests' fixtures (offscreen window, settings in tmp)."""

from tests.ui.conftest import _no_blocking_dialogs, _settings_in_tmp, dialogs, window  # noqa: F401
