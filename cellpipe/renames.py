"""Reports the renames and deletions Jupyter makes to the engine, so that a notebook's runs
follow it, and stay with it once it is deleted.

Jupyter Server emits a contents event for each rename or deletion made through its API (the file
browser, a notebook tab's Rename, any client). The engine records those that move or take away a
recorded run's notebook (src/engine/local/notebook-renames.ts): a new notebook later made at a
deleted one's path starts with no runs. A change made outside Jupyter, with ``mv`` or ``rm`` in a
terminal say, is not seen.
"""

CONTENTS_EVENTS = "https://events.jupyter.org/jupyter_server/contents_service/v1"
RENAME_TIMEOUT_S = 30


def follow_renames(server_app, engine):
    """Listens to the server's contents events; returns False where it has no event logger."""
    events = getattr(server_app, "event_logger", None)
    if events is None:
        return False

    # jupyter_events calls a listener with the keywords logger, schema_id and data, and runs it
    # as a task of its own. Any call makes a coroutine (*args, **kwargs), so nothing here can
    # fail the rename itself: problems are logged.
    async def on_contents(*args, **kwargs):
        data = kwargs.get("data", args[2] if len(args) > 2 else None)
        if not isinstance(data, dict):
            return
        action = data.get("action")
        if action == "rename":
            source, target = data.get("source_path"), data.get("path")
            if not source or not target:
                return
            request = ("notebookRenamed", {"from": source, "to": target})
            failure = f"the runs of {source} do not follow it to {target}"
        elif action == "delete":
            path = data.get("path")
            if not path:
                return
            request = ("notebookDeleted", {"path": path})
            failure = f"the runs of {path} are not marked as those of a deleted notebook"
        else:
            return
        try:
            await engine.request(*request, timeout=RENAME_TIMEOUT_S)
        except Exception as error:  # noqa: BLE001 - a rename must never fail for cellpipe
            server_app.log.warning("cellpipe: %s: %s", failure, error)

    events.add_listener(schema_id=CONTENTS_EVENTS, listener=on_contents)
    return True
