"""Reports the renames Jupyter makes to the engine, so that a notebook's runs follow it.

Jupyter Server emits a contents event for each rename made through its API (the file browser,
a notebook tab's Rename, any client). The engine records the renames that move a recorded
run's notebook (src/engine/local/notebook-renames.ts); a rename made outside Jupyter, with
``mv`` in a terminal say, is not seen.
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
        if data.get("action") != "rename":
            return
        source, target = data.get("source_path"), data.get("path")
        if not source or not target:
            return
        try:
            await engine.request("notebookRenamed", {"from": source, "to": target},
                                 timeout=RENAME_TIMEOUT_S)
        except Exception as error:  # noqa: BLE001 - a rename must never fail for cellpipe
            server_app.log.warning("cellpipe: the runs of %s do not follow it to %s: %s",
                                   source, target, error)

    events.add_listener(schema_id=CONTENTS_EVENTS, listener=on_contents)
    return True
