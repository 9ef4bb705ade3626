"""The main window's flows, one small QObject each: databases, imports, exports, tasks and
errors, the View menu and the dialogs it opens. The window only wires them together."""
